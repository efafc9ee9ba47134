import { z } from 'zod';
import { fromDdMmYyyy, mapWire } from '../../../platform/formats/index.ts';
import type { BankAccount } from '../domain.ts';

const wireSearch = z.object({
  results: z.array(
    z.object({
      customerRef: z.string(),
      status: z.enum(['FOUND', 'NOT_FOUND']),
      paymentAccount: z
        .object({
          accountType: z.enum(['BANK', 'BUILDING_SOCIETY']),
          sortCode: z.string().regex(/^\d{2}-\d{2}-\d{2}$/),
          accountNumber: z.string().regex(/^\d{6,10}$/),
          rollNumber: z.string().nullable(),
          accountHolderName: z.string(),
          validatedDate: z.string(),
        })
        .optional(),
    }),
  ),
});

/** Payment-system search results → accounts keyed by NINO; NOT_FOUND entries are left out. */
export function mapAccounts(payload: unknown): Map<string, BankAccount> {
  return mapWire('payments', wireSearch, payload, (wire) => {
    const accounts = new Map<string, BankAccount>();
    for (const result of wire.results) {
      const account = result.paymentAccount;
      if (result.status !== 'FOUND' || !account) continue;
      accounts.set(result.customerRef, {
        sortCode: account.sortCode.replaceAll('-', ''),
        accountNumber: account.accountNumber,
        accountHolderName: account.accountHolderName,
        accountType: account.accountType,
        rollNumber: account.rollNumber,
        validatedOn: fromDdMmYyyy(account.validatedDate),
      });
    }
    return accounts;
  });
}
