import { canReadCitizen, canReportChange, isCaseworkerOnCase, type NamedPolicy, type Principal } from '../auth/index.ts';
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
  /** A citizen, whose every read is then held to their own record by the row's own rule. */
  'citizen-self': (principal) => principal.role === 'citizen',
  /**
   * A record that belongs to one citizen (a change of circumstances): readable by whoever may
   * read that citizen. A root field that leads to one reveals nothing itself (a mutation
   * answers with the change it made, `change(id)` finds one); each of the record's own fields
   * is then checked against its owner.
   */
  'citizen-owned-record': (principal, _context, target) => target.source === undefined || allReadable(principal, citizensIn(target.source, {})),
  /**
   * This caller may follow this citizen's story (their changes and what each system did with
   * them): the citizen themselves or a caseworker with a purpose, as for reporting a change.
   * Analysts, who may read records for a study, never see one person's story.
   */
  'citizen-story': (principal, _context, target) => {
    const named = citizensIn(target.source, {});
    return named.length > 0 && named.every((nino) => canReportChange(principal, nino));
  },
  /** This caller may report a change of circumstances for every citizen the mutation names. */
  'change-reporter': (principal, _context, target) => {
    const named = citizensIn(undefined, target.args);
    return named.length > 0 && named.every((nino) => canReportChange(principal, nino));
  },
  /** A caseworker with a declared purpose: who reports a death, and sees the reviews a change calls for. */
  caseworker: (principal) => isCaseworkerOnCase(principal),
} as const satisfies Readonly<Record<string, Policy>>;

/** What each policy means, for people reading the API catalogue; the type keeps it in step with ACCESS_POLICIES. */
export const ACCESS_POLICY_DESCRIPTIONS: Readonly<Record<keyof typeof ACCESS_POLICIES, string>> = {
  'citizen-record': 'the caller may read this citizen: staff any citizen (with a declared purpose), a citizen only their own record',
  'purpose-declared': 'the caller declared why they are looking: a case reference in x-purpose',
  'citizen-self': 'a citizen, then held to their own record',
  'citizen-owned-record': 'a record of one citizen (a change of circumstances): whoever may read that citizen',
  'citizen-story': "the citizen themselves, or a caseworker with a declared purpose: one person's changes and timeline",
  'change-reporter': 'may report a change for the citizen named: the citizen themselves, or a caseworker with a declared purpose',
  caseworker: 'a caseworker with a declared purpose',
};

function allReadable(principal: Principal, ninos: readonly string[]): boolean {
  return ninos.length > 0 && ninos.every((nino) => canReadCitizen(principal, nino));
}
