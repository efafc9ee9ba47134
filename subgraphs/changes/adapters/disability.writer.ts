import { DISABILITY_NO_CLAIMANT, DISABILITY_REJECTED, disabilityChangeRecord, mapDisabilityChangeAnswer, mapDisabilityHistory } from './disability.writer-mapping.ts';
import type { WriteProtocol } from './read-before-write.ts';

/**
 * The PIP / DLA / AA system: address, contact details and death, one NINO per call, changes
 * as fixed-width records. It files every record it is sent, a repeat included: exactly once
 * rests on the history read first.
 */
export const disabilityWriteProtocol: WriteProtocol = {
  system: 'disability',
  kinds: ['address', 'contact', 'death'],
  batchLimit: 1,
  history: (reader, [nino]) =>
    reader.read({ method: 'GET', path: `/claims/${encodeURIComponent(nino!)}/history`, acceptStatuses: [DISABILITY_NO_CLAIMANT] }, (response) =>
      mapDisabilityHistory(nino!, response.statusCode, response.body),
    ),
  write: async (reader, change) => {
    // Built before the call: a change that does not fit the record is refused without reaching the system.
    const record = disabilityChangeRecord(change);
    return reader.write({ method: 'POST', path: '/changes', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${record}\n`, acceptStatuses: [DISABILITY_NO_CLAIMANT, DISABILITY_REJECTED] }, (response) =>
      mapDisabilityChangeAnswer(response.statusCode, response.body),
    );
  },
};
