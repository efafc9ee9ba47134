export { fromYyyymmdd, fromDdMmYyyy, fromDdmmyyyy, toYyyymmdd } from './legacy-dates.ts';
export { soapEnvelope, parseSoapResponse, escapeXml } from './soap.ts';
export type { SoapResult } from './soap.ts';
export { readFixedWidth } from './fixed-width.ts';
export type { FixedWidthColumn, FixedWidthLayout } from './fixed-width.ts';
export { cisEnquiry, cisPersonsEnquiry, isCisRestricted, CIS_BATCH_LIMIT } from './cis-enquiry.ts';
export { mapWire, parseLegacyJson } from './wire.ts';
export { osPlacesAnswer } from './os-places.ts';
export type { DpaRecord, OsPlacesAnswer } from './os-places.ts';
