/**
 * A legacy system answered, in its own format, that it failed: a SOAP fault, a CIS return
 * code. Kept as the `cause` of a LegacyError so the log can say which fault it was. `faultCode`
 * is the system's code only; a fault's free text can quote the request, so it is never kept.
 */
export class LegacyFaultError extends Error {
  readonly kind: 'SOAP_FAULT' | 'RETURN_CODE';
  readonly faultCode: string;

  constructor(kind: LegacyFaultError['kind'], faultCode: string) {
    super(`legacy ${kind} ${faultCode}`);
    this.name = 'LegacyFaultError';
    this.kind = kind;
    // Codes are short identifiers; anything else is cut so nothing from a body reaches a log.
    this.faultCode = /^[A-Za-z0-9_.:-]{1,40}$/.test(faultCode) ? faultCode : 'UNRECOGNISED';
  }
}
