export { createAuditLog } from './audit-log.ts';
export type { AuditLog, AuditLogOptions } from './audit-log.ts';
export { formatVerifyReport } from './format-report.ts';
export type { AuditEntry, AuditEntryInput, AuditOutcome, CitizenAccess, Page, PageRequest, VerifyProblem, VerifyReport } from './types.ts';
export { EARLIEST_AUDIT_TIME, LATEST_AUDIT_TIME } from './query-arguments.ts';
export { checkpointWriting, checkpointVerifying } from './checkpoint-setup.ts';
export { checkpointExistingChains } from './checkpoint-existing.ts';
export type { CheckpointOptions } from './checkpointer.ts';
export type { CheckpointAnchors } from './checkpoint-verify.ts';
