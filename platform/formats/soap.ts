import { XMLParser } from 'fast-xml-parser';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Escapes text for an XML element body; request values are validated first, this is the backstop. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** A SOAP 1.1 envelope around `bodyXml`, declaring the operation's namespace. */
export function soapEnvelope(prefix: string, namespace: string, bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:${prefix}="${namespace}"><soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}

export type SoapResult = { readonly kind: 'body'; readonly body: Record<string, unknown> } | { readonly kind: 'fault'; readonly faultCode: string; readonly faultString: string };

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** Reads a SOAP 1.1 response; namespace prefixes are dropped, a fault code keeps only its local part. */
export function parseSoapResponse(xml: string): SoapResult {
  const document = parser.parse(xml) as Record<string, unknown>;
  const envelope = document.Envelope as Record<string, unknown> | undefined;
  const body = envelope?.Body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') throw new TypeError('not a SOAP envelope');
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault) {
    const code = String(fault.faultcode ?? '');
    return { kind: 'fault', faultCode: code.includes(':') ? code.slice(code.indexOf(':') + 1) : code, faultString: String(fault.faultstring ?? '') };
  }
  return { kind: 'body', body };
}
