import { parseLegacyJson } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Address } from '../domain.ts';
import { mapLookup } from './postcodes.mapping.ts';

/** Postcode address look-up, one postcode per call. */
export function createPostcodeAdapter(client: LegacyReader) {
  return {
    async addresses(postcode: string): Promise<Address[]> {
      return client.read({ method: 'GET', path: `/addresses?${new URLSearchParams({ postcode })}` }, (response) => mapLookup(parseLegacyJson(client.system, response.body)));
    },
  };
}

export type PostcodeAdapter = ReturnType<typeof createPostcodeAdapter>;
