import { createBatchLoader } from '../../platform/loaders/index.ts';
import { PAYMENTS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { PaymentsAdapter } from './adapters/payments.client.ts';

/** One DataLoader per legacy operation, made afresh for every request. */
export function createBankLoaders(payments: PaymentsAdapter) {
  return {
    account: createBatchLoader({ maxBatchSize: PAYMENTS_BATCH_LIMIT, fetchBatch: (ninos) => payments.accounts(ninos) }),
  };
}

export type BankLoaders = ReturnType<typeof createBankLoaders>;
