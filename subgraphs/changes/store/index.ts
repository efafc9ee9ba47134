export { createChangeSchema } from './schema.ts';
export { insertChange, findChanges, changesOf, deliveryToMake, countAttempt, recordFailure, finishDelivery, recordConfirmation, releaseWaiting, openDeliveriesBySystem } from './change-store.ts';
export type { NewChange, NewDelivery, OpenDeliveries, StoredChange } from './change-store.ts';
export { findKey, lockKey, insertKey, deleteExpiredKeys } from './idempotency-store.ts';
export type { IdempotencyRecord } from './idempotency-store.ts';
export { insertReviewTask, reviewTasksOf } from './review-task-store.ts';
