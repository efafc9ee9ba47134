import { CIS_BATCH_LIMIT, cisBatchEnquiry } from '../../../platform/formats/index.ts';
import { mapCisHistory, mapCisUpdateAnswer, cisUpdateRequest } from './cis.writer-mapping.ts';
import type { WriteProtocol } from './read-before-write.ts';

/** CIS answers an update it cannot read with HTTP 400; the mapping reads the return code. */
const CIS_REFUSAL_STATUS = 400;

/** CIS, the master record: address, contact details and death; a batch history enquiry of up to 100 NINOs. */
export const cisWriteProtocol: WriteProtocol = {
  system: 'cis',
  kinds: ['address', 'contact', 'death'],
  batchLimit: CIS_BATCH_LIMIT,
  history: (reader, ninos) => cisBatchEnquiry(reader, '/v1/history/enquiry', ninos, (payload) => mapCisHistory(ninos, payload)),
  write: (reader, change) =>
    reader.write(
      { method: 'POST', path: '/v1/persons/update', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cisUpdateRequest(change)), acceptStatuses: [CIS_REFUSAL_STATUS] },
      (response) => mapCisUpdateAnswer(response.statusCode, response.body),
    ),
};
