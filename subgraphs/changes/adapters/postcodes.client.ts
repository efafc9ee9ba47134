import type { Config } from '../../../platform/config/index.ts';
import { parseLegacyJson } from '../../../platform/formats/index.ts';
import { createLegacyClient, type LegacyCallScope, type LegacyClientOptions } from '../../../platform/resilience/index.ts';
import { isUprn, mapUprnLookup, uprnLookupPath, type LookedUpAddress } from './postcodes.mapping.ts';

export type { LookedUpAddress } from './postcodes.mapping.ts';

export interface PostcodesClient {
  /**
   * The address a UPRN names, from the postcode look-up (an address somebody lives at or one
   * nobody does); null when the look-up knows no such UPRN. Throws LegacyError when the
   * look-up cannot be read.
   */
  addressByUprn(uprn: string, scope: LegacyCallScope): Promise<LookedUpAddress | null>;
  close(): Promise<void>;
}

export function createPostcodesClient(config: Pick<Config, 'legacy'>, clientOptions: LegacyClientOptions = {}): PostcodesClient {
  const client = createLegacyClient(config.legacy.postcodes, clientOptions);
  return {
    async addressByUprn(uprn, scope) {
      if (!isUprn(uprn)) return null;
      return client.forRequest(scope).read({ method: 'GET', path: uprnLookupPath(uprn) }, (response) => mapUprnLookup(parseLegacyJson(client.system, response.body), uprn));
    },
    close: () => client.close(),
  };
}
