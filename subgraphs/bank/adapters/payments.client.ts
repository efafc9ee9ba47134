import { parseLegacyJson } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { BankAccount } from '../domain.ts';
import { mapAccounts } from './payments.mapping.ts';

/** Central Payment System account searches. */
export function createPaymentsAdapter(client: LegacyReader) {
  return {
    async accounts(ninos: readonly string[]): Promise<Map<string, BankAccount>> {
      return client.read(
        {
          method: 'POST',
          path: '/api/accounts/search',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ customerRefs: ninos.map((value) => ({ type: 'NINO', value })) }),
        },
        (response) => mapAccounts(parseLegacyJson(client.system, response.body)),
      );
    },
  };
}

export type PaymentsAdapter = ReturnType<typeof createPaymentsAdapter>;
