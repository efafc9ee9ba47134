import { toDayMonthYear } from '../population/dates.ts';
import type { PaymentAccount } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { json, parseJson } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/** The Central Payment System: bank details by customer reference, `DD/MM/YYYY` dates, 25 references per call. */
const BATCH_LIMIT = 25;
const ERROR_CODES: Readonly<Record<number, string>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

interface CustomerRef {
  type: string;
  value: string;
}

function customerRefs(body: string): CustomerRef[] | undefined {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const refs = (parsed as { customerRefs?: unknown }).customerRefs;
  if (!Array.isArray(refs)) return undefined;
  const valid = refs.every((ref: unknown) => {
    if (typeof ref !== 'object' || ref === null) return false;
    const { type, value } = ref as Record<string, unknown>;
    return typeof type === 'string' && typeof value === 'string';
  });
  return valid ? (refs as CustomerRef[]) : undefined;
}

function accountRecord(account: PaymentAccount) {
  const { sortCode } = account;
  return {
    accountType: account.accountType,
    sortCode: `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4, 6)}`,
    accountNumber: account.accountNumber,
    rollNumber: account.rollNumber,
    accountHolderName: account.accountHolderName,
    validatedDate: toDayMonthYear(account.validatedDate),
  };
}

function search(population: PopulationIndex) {
  return (request: SystemRequest): SystemResponse => {
    const refs = customerRefs(request.body);
    if (!refs) return json(400, { errorCode: 'INVALID_REQUEST' });
    if (refs.length > BATCH_LIMIT) return json(422, { errorCode: 'BATCH_TOO_LARGE' });
    const results = refs.map((ref) => {
      const account = ref.type === 'NINO' ? population.byNino(ref.value)?.paymentAccount : undefined;
      return account ? { customerRef: ref.value, status: 'FOUND', paymentAccount: accountRecord(account) } : { customerRef: ref.value, status: 'NOT_FOUND' };
    });
    return json(200, { results });
  };
}

export function createPaymentsSystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'payments',
    routes: [{ method: 'POST', pattern: /^\/api\/accounts\/search$/, operation: 'accountsSearch', handle: search(population) }],
    failure: (status) => json(status, { errorCode: ERROR_CODES[status] ?? 'INTERNAL_ERROR' }),
    malformed: () => json(200, {}),
  };
}
