import { AppError, NotFoundError } from '../../platform/errors/index.ts';
import { canSeeRestricted } from '../../platform/auth/index.ts';
import type { SubgraphContext } from '../../platform/subgraph/index.ts';
import type { Person } from './domain.ts';
import type { IdentityLoaders } from './loaders.ts';
import { rankCandidates } from './trace/score.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import { createAccessHistory, type AuditLogArgs } from './access-history.ts';

type Context = SubgraphContext<IdentityLoaders>;

/** The most citizens one caseload request may ask for. */
export const MAX_CASELOAD = 100;
/** More trace matches than this is an error, as in NHS PDS. */
export const MAX_TRACE_MATCHES = 50;

async function loadCitizen(nino: string, context: Context): Promise<Person> {
  const person = await context.loaders.person.load(nino);
  if (!person) throw new NotFoundError('No citizen holds this NINO.');
  return person;
}

export function createResolvers(audit: AuditLog) {
  const history = createAccessHistory(audit);
  return {
  Query: {
    citizen: (_: unknown, args: { nino: string }, context: Context) => loadCitizen(args.nino, context),

    citizens: async (_: unknown, args: { ninos: string[] }, context: Context) => {
      if (args.ninos.length === 0 || args.ninos.length > MAX_CASELOAD) {
        throw new AppError('TOO_MANY_CITIZENS', `Ask for between 1 and ${MAX_CASELOAD} citizens per request; got ${args.ninos.length}.`);
      }
      // An Error in the list makes that entry null with its own error: one unknown NINO never hides the rest.
      return Promise.all(args.ninos.map((nino) => loadCitizen(nino, context).catch((error: unknown) => error)));
    },

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

    auditLog: (_: unknown, args: AuditLogArgs) => history.search(args),
  },

  Citizen: {
    __resolveReference: (reference: { nino: string }, context: Context) => loadCitizen(reference.nino, context),
    // PersonName's fields live on the Person itself.
    name: (person: Person) => person,
    deceased: (person: Person) => person.dateOfDeath !== null,
    contact: (person: Person, _: unknown, context: Context) => (person.restricted && !canSeeRestricted(context.principal) ? null : person.contact),
    accessHistory: (person: Person, args: { first?: number | null; after?: string | null }) => history.forCitizen(person.nino, args),
  },

  PersonName: {
    fullName: (person: Person) => [person.title, person.givenName, person.familyName].filter(Boolean).join(' '),
  },
};
}
