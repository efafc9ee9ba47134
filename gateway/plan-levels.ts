import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/**
 * For each fetch of a plan, by its operation text: how many sequential levels of the plan wait
 * for it. A named operation's fetches are named apart (`Name__subgraph__n`); an anonymous one's
 * are not, and two fetches with the same text share one entry, which keeps the larger count.
 */
export type LaterLevels = ReadonlyMap<string, number>;

// Plans are cached by the gateway, so each is walked once.
const walked = new WeakMap<QueryPlan, LaterLevels>();

/**
 * How many levels of fetches follow each fetch of a plan. The gateway keeps time back from an
 * early fetch for the levels that need its answer, so a system hanging at the start of the plan
 * does not leave the rest of the plan no time at all.
 */
export function laterLevels(plan: QueryPlan): LaterLevels {
  let levels = walked.get(plan);
  if (!levels) {
    const found = new Map<string, number>();
    if (plan.node) assign(plan.node, 0, found);
    levels = found;
    walked.set(plan, levels);
  }
  return levels;
}

/**
 * How much of the time left a fetch keeps back for the `later` levels waiting for it: `reservePerLevelMs`
 * each, but never more than their equal share, so an early fetch always has at least its own.
 */
export function timeKeptBack(remainingMs: number, later: number, reservePerLevelMs: number): number {
  if (later <= 0 || remainingMs <= 0) return 0;
  return Math.min(later * reservePerLevelMs, (remainingMs * later) / (later + 1));
}

/** How many fetches must run one after another within a node: a Sequence adds up, a Parallel takes its longest branch. */
export function sequentialLevels(node: PlanNode | undefined): number {
  if (node === undefined) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return sequentialLevels(node.node);
    case 'Sequence':
      return node.nodes.reduce((sum, child) => sum + sequentialLevels(child), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map(sequentialLevels));
    case 'Condition':
      return Math.max(node.ifClause ? sequentialLevels(node.ifClause) : 0, node.elseClause ? sequentialLevels(node.elseClause) : 0);
    default:
      // The gateway plans neither @defer (off unless configured) nor subscriptions.
      return 0;
  }
}

function assign(node: PlanNode, after: number, found: Map<string, number>): void {
  switch (node.kind) {
    case 'Fetch':
      found.set(node.operation, Math.max(after, found.get(node.operation) ?? 0));
      return;
    case 'Flatten':
      return assign(node.node, after, found);
    case 'Sequence': {
      let following = node.nodes.reduce((sum, child) => sum + sequentialLevels(child), after);
      for (const child of node.nodes) {
        following -= sequentialLevels(child);
        assign(child, following, found);
      }
      return;
    }
    case 'Parallel':
      for (const child of node.nodes) assign(child, after, found);
      return;
    case 'Condition':
      if (node.ifClause) assign(node.ifClause, after, found);
      if (node.elseClause) assign(node.elseClause, after, found);
  }
}
