import { cisAnswer, cisList, cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Person, TraceCandidate } from '../domain.ts';
import { mapPersons, mapTraceCandidates } from './cis.mapping.ts';

export interface TraceQuery {
  readonly dateOfBirth: string;
  readonly familyName: string;
  readonly givenName?: string;
  readonly postcode?: string;
}

/** CIS person enquiries and traces, as the identity subgraph needs them. */
export function createCisPersonsAdapter(client: LegacyReader) {
  return {
    async persons(ninos: readonly string[]): Promise<Map<string, Person>> {
      return cisPersonsEnquiry(client, ninos, mapPersons);
    },

    async trace(query: TraceQuery): Promise<TraceCandidate[]> {
      const search = new URLSearchParams({ SURNAME: query.familyName, BIRTH_DT: query.dateOfBirth.replaceAll('-', '') });
      if (query.givenName) search.set('FORENAME', query.givenName);
      if (query.postcode) search.set('POSTCODE', query.postcode);
      return client.read({ method: 'GET', path: `/v1/persons/trace?${search}` }, (response) => {
        // Inside the call, so an answer without its list counts as CIS failing, for the breaker too.
        return mapTraceCandidates(cisList(client.system, cisAnswer(client.system, response.body), 'PERSON_LIST'));
      });
    },
  };
}

export type CisPersonsAdapter = ReturnType<typeof createCisPersonsAdapter>;
