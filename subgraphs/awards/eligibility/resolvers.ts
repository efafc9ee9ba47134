import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '../../../platform/subgraph/index.ts';
import type { Award } from '../domain.ts';
import type { AwardsLoaders, AwardSystem } from '../loaders.ts';
import * as rules from './rules.ts';

type Context = SubgraphContext<AwardsLoaders>;
type NinoArgs = { nino: string };

/**
 * The awards a rule needs. Unlike a citizen's award list these checks never degrade: an
 * answer from half the systems could be a wrong "no", so a system failing fails the check.
 */
async function awardsFrom(context: Context, nino: string, systems: readonly AwardSystem[]): Promise<Award[]> {
  const results = await context.loaders.awardsBySystem(nino, systems);
  const failure = results.find((result) => result instanceof Error);
  if (failure) throw failure;
  return results.flatMap((result) => (result instanceof Error ? [] : result));
}

/**
 * What every partner check carries besides its answer: nothing that identifies the citizen. The
 * reference goes into the request's audit entry, where an auditor finds a disputed check by it;
 * the time is the request's clock reading.
 */
function stamp(context: Context) {
  const reference = randomUUID();
  context.access.references.push(reference);
  return { reference, checkedAt: context.now };
}

function yesNo(rule: (awards: readonly Award[], today: string) => boolean, systems: readonly AwardSystem[]) {
  return async (_: unknown, args: NinoArgs, context: Context) => ({ eligible: rule(await awardsFrom(context, args.nino, systems), context.today), ...stamp(context) });
}

/** Where the income-related benefits are: UC, CIS (Pension Credit) and JSAPS (JSA, ESA, Income Support). */
const INCOME_BENEFIT_SYSTEMS: readonly AwardSystem[] = ['uc', 'cis', 'jsaps'];

/** Root fields for the partner checks; an unknown NINO simply holds no qualifying award. */
export const eligibilityQueryResolvers = {
  prescriptionExemption: yesNo(rules.prescriptionExemption, INCOME_BENEFIT_SYSTEMS),
  freeSchoolMeals: yesNo(rules.freeSchoolMeals, INCOME_BENEFIT_SYSTEMS),

  healthyStart: async (_: unknown, args: NinoArgs, context: Context) => {
    const [awards, household] = await Promise.all([awardsFrom(context, args.nino, INCOME_BENEFIT_SYSTEMS), context.loaders.healthyStartHousehold(args.nino)]);
    // The children's dates of birth were read for the answer, so the audit names them too.
    for (const child of household.childNinos) context.access.citizens.add(child);
    return { eligible: rules.healthyStart(awards, household, context.today), ...stamp(context) };
  },

  vehicleTaxExemption: async (_: unknown, args: NinoArgs, context: Context) => {
    const level = rules.vehicleTaxExemption(await awardsFrom(context, args.nino, ['disability']), context.today);
    return { eligible: level !== 'NONE', level, ...stamp(context) };
  },

  universalCreditInPayment: async (_: unknown, args: NinoArgs, context: Context) => ({
    inPayment: rules.universalCreditInPayment(await awardsFrom(context, args.nino, ['uc']), context.today),
    ...stamp(context),
  }),

  rightToReside: async (_: unknown, args: NinoArgs, context: Context) => ({
    ...rules.rightToReside(await awardsFrom(context, args.nino, ['uc', 'cis'])),
    ...stamp(context),
  }),
};
