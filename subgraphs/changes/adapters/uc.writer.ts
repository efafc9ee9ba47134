import { parseLegacyJson, UC_BATCH_LIMIT } from '../../../platform/formats/index.ts';
import type { WriteProtocol } from './read-before-write.ts';
import { mapUcChangeAnswer, mapUcHistory, UC_REFUSALS, ucChangeRequest } from './uc.writer-mapping.ts';

/** UC answers a NINO with no claim 404 (a problem the mapping recognises). */
const NO_CLAIM_STATUS = 404;

/** The Universal Credit platform: address, contact details and death; a batch history of up to 50 NINOs. */
export const ucWriteProtocol: WriteProtocol = {
  system: 'uc',
  kinds: ['address', 'contact', 'death'],
  batchLimit: UC_BATCH_LIMIT,
  history: (reader, ninos) =>
    reader.read({ method: 'POST', path: '/v2/claimants:batchGetHistory', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ninos }) }, (response) =>
      mapUcHistory(ninos, parseLegacyJson('uc', response.body)),
    ),
  write: (reader, change) =>
    reader.write(
      {
        method: 'POST',
        path: `/v2/claimants/${encodeURIComponent(change.nino)}/changes`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ucChangeRequest(change)),
        acceptStatuses: [NO_CLAIM_STATUS, ...UC_REFUSALS],
      },
      (response) => mapUcChangeAnswer(response.statusCode, response.body),
    ),
};
