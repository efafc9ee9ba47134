import { PAYMENTS_BATCH_LIMIT, parseLegacyJson } from '../../../platform/formats/index.ts';
import { mapPaymentsChangeAnswer, mapPaymentsHistory, PAYMENTS_ANSWERS, paymentsChangeRequest } from './payments.writer-mapping.ts';
import type { WriteProtocol } from './read-before-write.ts';

/** The Central Payment System: correspondence address and death (it stops paying from the day after); 25 customers per history call. */
export const paymentsWriteProtocol: WriteProtocol = {
  system: 'payments',
  kinds: ['address', 'death'],
  batchLimit: PAYMENTS_BATCH_LIMIT,
  history: (reader, ninos) =>
    reader.read(
      { method: 'POST', path: '/api/customers/history', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerRefs: ninos.map((value) => ({ type: 'NINO', value })) }) },
      (response) => mapPaymentsHistory(ninos, parseLegacyJson('payments', response.body)),
    ),
  write: (reader, change) => {
    // deliver() sends only the kinds above; a contact change never reaches here.
    if (change.kind === 'contact') return Promise.resolve('not-held');
    return reader.write(
      { method: 'POST', path: '/api/customers/changes', headers: { 'content-type': 'application/json' }, body: JSON.stringify(paymentsChangeRequest(change)), acceptStatuses: Object.values(PAYMENTS_ANSWERS) },
      (response) => mapPaymentsChangeAnswer(response.statusCode, response.body),
    );
  },
};
