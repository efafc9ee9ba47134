export { createSubgraph } from './start-subgraph.ts';
export type { InProcessCall, Subgraph, SubgraphAnswer, SubgraphDefinition, SubgraphContext, CreateSubgraphOptions, SubgraphDeps } from './start-subgraph.ts';
export { loadTypeDefs } from './load-type-defs.ts';
export { ACCESS_REPORT_EXTENSION } from './access-report-plugin.ts';
export type { AccessReport } from './access-report-plugin.ts';
export { CITIZEN_BUDGET_HEADER } from './access-tracking.ts';
export { selectsAnyField } from './selection.ts';
export { ACCESS_POLICY_DESCRIPTIONS } from './access-policies.ts';
export { CITIZEN_ROOT_TYPE_DEFS, citizenByKey, citizenRootResolvers } from './citizen-root.ts';
