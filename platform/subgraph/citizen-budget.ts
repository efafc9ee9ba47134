/**
 * The header in which the gateway tells a subgraph how many more distinct citizens this call
 * may reach: the request's budget less the citizens it has already reached elsewhere. Every
 * subgraph enforces it, so a request walking households several hops deep stops at the budget.
 */
export const CITIZEN_BUDGET_HEADER = 'x-citizen-budget';

/** What the gateway says is left, never more than this subgraph's own configured maximum; the maximum when absent or malformed. */
export function citizenBudgetFrom(header: string | string[] | undefined, max: number): number {
  const value = typeof header === 'string' && /^\d{1,9}$/.test(header) ? Number(header) : max;
  return Math.min(value, max);
}
