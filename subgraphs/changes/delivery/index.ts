export { startDeliveryWorker } from './worker.ts';
export type { DeliveryWorker, DeliveryWorkerDeps } from './worker.ts';
