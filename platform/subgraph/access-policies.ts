import { canReadCitizen, type NamedPolicy, type Principal } from '../auth/index.ts';
import type { SubgraphContext } from './start-subgraph.ts';
import { citizensIn } from './access-tracking.ts';

type Policy = NamedPolicy<SubgraphContext<unknown>>;

/**
 * The `@policy` names the subgraph schemas use, bound to the row-level rules in
 * platform/auth/policies.ts. Every subgraph gets the same map, so a name means the same
 * rule wherever the SDL uses it. Scope-only rules are written as `@requiresScopes` instead.
 */
export const ACCESS_POLICIES = {
  /**
   * This caller may read this citizen. On a Citizen's own fields (and its entity reference)
   * the citizen is the entity's key; on a root field, every NINO it names. A field that only
   * leads to a Citizen (a trace match, a relationship) reveals nothing itself: each of that
   * Citizen's fields is then checked against its own key.
   */
  'citizen-record': (principal, _context, target) => {
    if (target.typeName === 'Citizen') return allReadable(principal, citizensIn(target.source, {}));
    const named = citizensIn(undefined, target.args);
    return named.length === 0 || allReadable(principal, named);
  },
  /** The caller declared why they are looking (a case reference), as staff must for every search. */
  'purpose-declared': (principal) => principal.purpose !== undefined,
} as const satisfies Readonly<Record<string, Policy>>;

/** What each policy means, for people reading the API catalogue; the type keeps it in step with ACCESS_POLICIES. */
export const ACCESS_POLICY_DESCRIPTIONS: Readonly<Record<keyof typeof ACCESS_POLICIES, string>> = {
  'citizen-record': 'the caller may read this citizen: staff any citizen (with a declared purpose), a citizen only their own record',
  'purpose-declared': 'the caller declared why they are looking: a case reference in x-purpose',
};

function allReadable(principal: Principal, ninos: readonly string[]): boolean {
  return ninos.length > 0 && ninos.every((nino) => canReadCitizen(principal, nino));
}
