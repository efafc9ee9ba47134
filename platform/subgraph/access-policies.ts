import { canReadCitizen, type NamedPolicy } from '../auth/index.ts';
import type { SubgraphContext } from './start-subgraph.ts';

type Policy = NamedPolicy<SubgraphContext<unknown>>;

function ninoOf(value: unknown): string | undefined {
  const nino = (value as { nino?: unknown } | null | undefined)?.nino;
  return typeof nino === 'string' ? nino : undefined;
}

/**
 * The `@policy` names the subgraph schemas use, bound to the row-level rules in
 * platform/auth/policies.ts. Every subgraph gets the same map, so a name means the same
 * rule wherever the SDL uses it. Scope-only rules are written as `@requiresScopes` instead.
 */
export const ACCESS_POLICIES: Readonly<Record<string, Policy>> = {
  /** This caller may read this citizen: the entity itself, or the `nino` argument of a root field. */
  'citizen-record': (principal, _context, target) => {
    const nino = ninoOf(target.source) ?? ninoOf(target.args);
    return nino !== undefined && canReadCitizen(principal, nino);
  },
  /** The caller declared why they are looking (a case reference), as staff must for every search. */
  'purpose-declared': (principal) => principal.purpose !== undefined,
};
