import type { LegacyRequest } from '../../../platform/resilience/index.ts';
import { mapPscsHistory, mapPscsUpdateAnswer, pscsHistoryRequest, pscsUpdateRequest } from './pscs.writer-mapping.ts';
import type { WriteProtocol } from './read-before-write.ts';

/** SOAP 1.1 reports a fault with HTTP 500; the mapping tells an answer (no record, refused) from a failure. */
const SOAP_FAULT_STATUS = 500;

function soapCall(action: string, body: string): LegacyRequest {
  return { method: 'POST', path: '/StatePensionService', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` }, body, acceptStatuses: [SOAP_FAULT_STATUS] };
}

/**
 * The State Pension mainframe's SOAP front: address and death, one NINO per call. Its update
 * applies whatever it is sent, a repeat included: exactly once rests on the history read first.
 */
export const pscsWriteProtocol: WriteProtocol = {
  system: 'pscs',
  kinds: ['address', 'death'],
  batchLimit: 1,
  history: (reader, [nino]) => reader.read(soapCall('urn:pscs:GetCustomerHistory', pscsHistoryRequest(nino!)), (response) => mapPscsHistory(nino!, response.body)),
  write: (reader, change) => {
    // deliver() sends only the kinds above; a contact change never reaches here.
    if (change.kind === 'contact') return Promise.resolve('not-held');
    return reader.write(soapCall('urn:pscs:UpdateCustomerDetails', pscsUpdateRequest(change)), (response) => mapPscsUpdateAnswer(response.body));
  },
};
