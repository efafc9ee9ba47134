import { escapeXml, soapEnvelope } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Award } from '../domain.ts';
import { mapPensionAwardResponse } from './pscs.mapping.ts';

const PSCS_NAMESPACE = 'urn:dwp:pscs:v3';
const GET_PENSION_AWARD_ACTION = '"urn:pscs:GetPensionAward"';
/** SOAP 1.1 reports a fault with HTTP 500; the mapping tells "no record" from a real failure. */
const SOAP_FAULT_STATUS = 500;

/** The State Pension mainframe's SOAP front: one NINO per call. */
export function createPscsAdapter(client: LegacyReader) {
  return {
    /** The citizen's State Pension award, or null when PSCS holds no record. */
    async pensionAward(nino: string): Promise<Award | null> {
      return client.read(
        {
          method: 'POST',
          path: '/StatePensionService',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: GET_PENSION_AWARD_ACTION },
          body: soapEnvelope('psc', PSCS_NAMESPACE, `<psc:GetPensionAwardRequest><psc:NINO>${escapeXml(nino)}</psc:NINO></psc:GetPensionAwardRequest>`),
          acceptStatuses: [SOAP_FAULT_STATUS],
        },
        // Inside the call, so a fault other than "no record" counts against PSCS's breaker.
        (response) => mapPensionAwardResponse(response.body),
      );
    },
  };
}

export type PscsAdapter = ReturnType<typeof createPscsAdapter>;
