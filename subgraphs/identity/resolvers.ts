import { AppError, LegacyError, NotFoundError } from '../../platform/errors/index.ts';
import { canSeeRestricted } from '../../platform/auth/index.ts';
import { citizenRootResolvers, type SubgraphContext } from '../../platform/subgraph/index.ts';
import type { CitizenRecord, Person } from './domain.ts';
import type { IdentityLoaders } from './loaders.ts';
import { rankCandidates } from './trace/score.ts';

type Context = SubgraphContext<IdentityLoaders>;

/** More trace matches than this is an error, as in NHS PDS. */
export const MAX_TRACE_MATCHES = 50;

/**
 * The citizen a NINO names. CIS answering without them is CITIZEN_NOT_FOUND. CIS not answering
 * must not cost the parts other systems hold, so the (valid) NINO still yields the citizen and
 * each field CIS holds fails on its own with CIS's error.
 */
async function loadCitizen(nino: string, context: Context): Promise<CitizenRecord> {
  let person: Person | null;
  try {
    person = await context.loaders.person.load(nino);
  } catch (error) {
    if (error instanceof LegacyError) return { nino, cisFailure: error };
    throw error;
  }
  if (!person) throw new NotFoundError('No citizen holds this NINO.');
  return person;
}

const resolveCitizen = (reference: { nino: string }, context: Context) => loadCitizen(reference.nino, context);

/** The CIS record behind a CIS-held field, or CIS's error for that field alone. */
function personOf(citizen: CitizenRecord): Person {
  if ('cisFailure' in citizen) throw citizen.cisFailure;
  return citizen;
}

export function createResolvers() {
  return {
  Query: {
    ...citizenRootResolvers(resolveCitizen),

    traceCitizen: async (_: unknown, args: { familyName: string; givenName?: string | null; dateOfBirth: string; postcode?: string | null }, context: Context) => {
      const familyName = args.familyName.trim();
      if (familyName.length === 0 || familyName.length > 100 || (args.givenName?.length ?? 0) > 100) {
        throw new AppError('INVALID_ARGUMENT', 'familyName must be 1 to 100 characters, and givenName at most 100.');
      }
      const input = { familyName, ...(args.givenName ? { givenName: args.givenName.trim() } : {}), ...(args.postcode ? { postcode: args.postcode } : {}) };
      const candidates = await context.loaders.trace({ ...input, dateOfBirth: args.dateOfBirth });
      const ranked = rankCandidates(input, candidates);
      if (ranked.length > MAX_TRACE_MATCHES) {
        throw new AppError('TOO_MANY_MATCHES', `More than ${MAX_TRACE_MATCHES} people match; add a given name or postcode.`);
      }
      for (const match of ranked) {
        context.loaders.person.prime(match.candidate.person.nino, match.candidate.person);
        // Who a trace found is audited whatever the caller selects: a score alone confirms that someone exists.
        context.access.citizens.add(match.candidate.person.nino);
      }
      return {
        matches: ranked.map((match) => ({ score: match.score, matchedOn: match.matchedOn, citizen: match.candidate.person })),
      };
    },

  },

  Citizen: {
    __resolveReference: resolveCitizen,
    // PersonName's fields live on the Person itself.
    name: personOf,
    dateOfBirth: (citizen: CitizenRecord) => personOf(citizen).dateOfBirth,
    dateOfDeath: (citizen: CitizenRecord) => personOf(citizen).dateOfDeath,
    deceased: (citizen: CitizenRecord) => personOf(citizen).dateOfDeath !== null,
    sex: (citizen: CitizenRecord) => personOf(citizen).sex,
    preferredLanguage: (citizen: CitizenRecord) => personOf(citizen).preferredLanguage,
    restricted: (citizen: CitizenRecord) => personOf(citizen).restricted,
    // With CIS unread the restriction is unknown, so contact fails with CIS's error: never shown.
    contact: (citizen: CitizenRecord, _: unknown, context: Context) => {
      const person = personOf(citizen);
      return person.restricted && !canSeeRestricted(context.principal) ? null : person.contact;
    },
  },

  PersonName: {
    fullName: (person: Person) => [person.title, person.givenName, person.familyName].filter(Boolean).join(' '),
  },
};
}
