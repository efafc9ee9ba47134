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

/** What every partner check carries besides its answer: nothing that identifies the citizen. */
function stamp() {
  return { reference: randomUUID(), checkedAt: new Date().toISOString() };
}

function yesNo(rule: (awards: readonly Award[], today: string) => boolean, systems: readonly AwardSystem[]) {
  return async (_: unknown, args: NinoArgs, context: Context) => ({ eligible: rule(await awardsFrom(context, args.nino, systems), context.today), ...stamp() });
}

/** Root fields for the partner checks; an unknown NINO simply holds no qualifying award. */
export const eligibilityQueryResolvers = {
  prescriptionExemption: yesNo(rules.prescriptionExemption, ['uc', 'cis']),
  freeSchoolMeals: yesNo(rules.freeSchoolMeals, ['uc', 'cis']),
  healthyStart: yesNo(rules.healthyStart, ['uc', 'cis']),

  vehicleTaxExemption: async (_: unknown, args: NinoArgs, context: Context) => {
    const level = rules.vehicleTaxExemption(await awardsFrom(context, args.nino, ['disability']), context.today);
    return { eligible: level !== 'NONE', level, ...stamp() };
  },

  universalCreditInPayment: async (_: unknown, args: NinoArgs, context: Context) => ({
    inPayment: rules.universalCreditInPayment(await awardsFrom(context, args.nino, ['uc']), context.today),
    ...stamp(),
  }),

  rightToReside: async (_: unknown, args: NinoArgs, context: Context) => ({
    ...rules.rightToReside(await awardsFrom(context, args.nino, ['uc'])),
    ...stamp(),
  }),
};
