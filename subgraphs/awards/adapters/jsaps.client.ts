import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Award } from '../domain.ts';
import { mapJsapsEnquiry } from './jsaps.mapping.ts';

/** JSA, ESA and Income Support awards from the JSAPS mainframe: NINOs one a line, pipe-delimited records back. */
export function createJsapsAdapter(client: LegacyReader) {
  return {
    /** Up to JSAPS_BATCH_LIMIT NINOs; a NINO missing from the map holds no award on JSAPS. */
    async awards(ninos: readonly string[]): Promise<Map<string, Award[]>> {
      return client.read({ method: 'POST', path: '/enquiry', headers: { 'content-type': 'text/plain' }, body: `${ninos.join('\n')}\n` }, (response) =>
        mapJsapsEnquiry(response.body),
      );
    },
  };
}

export type JsapsAdapter = ReturnType<typeof createJsapsAdapter>;
