import { JSAPS_BATCH_LIMIT } from '../../../platform/formats/index.ts';
import { JSAPS_REFUSED, jsapsUpdateRecord, mapJsapsHistory, mapJsapsUpdateAnswer } from './jsaps.writer-mapping.ts';
import type { WriteProtocol } from './read-before-write.ts';

/**
 * JSAPS, the JSA / ESA / Income Support mainframe: address and death, pipe-delimited, 20 NINOs
 * per history call. Its update applies every record it is sent, a repeat included: exactly
 * once rests on the history read first.
 */
export const jsapsWriteProtocol: WriteProtocol = {
  system: 'jsaps',
  kinds: ['address', 'death'],
  batchLimit: JSAPS_BATCH_LIMIT,
  history: (reader, ninos) =>
    reader.read({ method: 'POST', path: '/history', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${ninos.join('\n')}\n` }, (response) => mapJsapsHistory(ninos, response.body)),
  write: async (reader, change) => {
    // deliver() sends only the kinds above; a contact change never reaches here.
    if (change.kind === 'contact') return 'not-held';
    // Built before the call: a change that cannot be written as a record is refused without reaching JSAPS.
    const record = jsapsUpdateRecord(change);
    return reader.write({ method: 'POST', path: '/update', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${record}\n`, acceptStatuses: [JSAPS_REFUSED] }, (response) =>
      mapJsapsUpdateAnswer(response.statusCode, response.body, change.reference),
    );
  },
};
