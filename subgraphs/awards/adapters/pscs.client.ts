import { escapeXml, soapEnvelope } from '../../../platform/formats/index.ts';
import type { LegacyClient } from '../../../platform/resilience/index.ts';
import type { Award } from '../domain.ts';
import { mapPensionAwardResponse } from './pscs.mapping.ts';

const PSCS_NAMESPACE = 'urn:dwp:pscs:v3';
const GET_PENSION_AWARD_ACTION = '"urn:pscs:GetPensionAward"';
/** SOAP 1.1 reports a fault with HTTP 500; the mapping tells "no record" from a real failure. */
const SOAP_FAULT_STATUS = 500;

/** The State Pension mainframe's SOAP front: one NINO per call. */
export function createPscsAdapter(client: LegacyClient) {
  return {
    /** The citizen's State Pension award, or null when PSCS holds no record. */
    async pensionAward(nino: string): Promise<Award | null> {
      const response = await client.read({
        method: 'POST',
        path: '/StatePensionService',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: GET_PENSION_AWARD_ACTION },
        body: soapEnvelope('psc', PSCS_NAMESPACE, `<psc:GetPensionAwardRequest><psc:NINO>${escapeXml(nino)}</psc:NINO></psc:GetPensionAwardRequest>`),
        acceptStatuses: [SOAP_FAULT_STATUS],
      });
      return mapPensionAwardResponse(response.body);
    },
  };
}

export type PscsAdapter = ReturnType<typeof createPscsAdapter>;
