export { penceFromPoundsText } from './legacy-amounts.ts';
export { fromYyyymmdd, fromYyyymmddhhmmss, fromDdMmYyyy, fromDdmmyyyy, toYyyymmdd } from './legacy-dates.ts';
export { soapEnvelope, parseSoapResponse, escapeXml } from './soap.ts';
export type { SoapResult } from './soap.ts';
export { readFixedWidth } from './fixed-width.ts';
export type { FixedWidthColumn, FixedWidthLayout } from './fixed-width.ts';
export { cisBatchEnquiry, cisEnquiry, cisPersonsEnquiry, cisReturnCodeError, isCisRestricted, CIS_BATCH_LIMIT, CIS_OK } from './cis-enquiry.ts';
export { mapWire, parseLegacyJson } from './wire.ts';
