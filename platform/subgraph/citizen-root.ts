import { readFileSync } from 'node:fs';
import { AppError } from '../errors/index.ts';

/** The SDL of `citizen(nino)` and `citizens(ninos)`, which every subgraph extending Citizen answers. */
export const CITIZEN_ROOT_TYPE_DEFS = readFileSync(new URL('./citizen-root.graphql', import.meta.url), 'utf8');

/** The most citizens one caseload request may ask for. */
const MAX_CASELOAD = 100;

/** How a subgraph finds its Citizen by key: the same as for an entity the gateway hands it. */
type ResolveCitizen<TContext> = (reference: { nino: string }, context: TContext) => unknown;

/**
 * A Citizen that is only its key: where a subgraph that reads its own systems by NINO starts, as
 * `__resolveReference` and as the root field alike. Anything else a representation claims (say
 * `restricted: false`) is ignored.
 */
export const citizenByKey = (reference: { readonly nino: string }): { nino: string } => ({ nino: reference.nino });

/**
 * `citizen` and `citizens` for one subgraph: the citizen is the subgraph's own Citizen entity for
 * the NINO, exactly as if the gateway had handed it the key, so the root field and an entity
 * reference can never disagree. Each subgraph enforces the caseload's size itself, before it
 * reaches any legacy system.
 */
export function citizenRootResolvers<TContext>(resolveCitizen: ResolveCitizen<TContext> = citizenByKey) {
  return {
    citizen: (_: unknown, args: { nino: string }, context: TContext) => resolveCitizen({ nino: args.nino }, context),
    citizens: (_: unknown, args: { ninos: string[] }, context: TContext) => {
      if (args.ninos.length === 0 || args.ninos.length > MAX_CASELOAD) {
        throw new AppError('TOO_MANY_CITIZENS', `Ask for between 1 and ${MAX_CASELOAD} citizens per request; got ${args.ninos.length}.`);
      }
      // An Error in the list makes that entry null with its own error: one unknown NINO never hides the rest.
      return Promise.all(args.ninos.map(async (nino) => {
        try {
          return await resolveCitizen({ nino }, context);
        } catch (error) {
          return error;
        }
      }));
    },
  };
}
