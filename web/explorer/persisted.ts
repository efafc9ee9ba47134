import type { ExampleOperation } from '../../schema/examples.ts';
import type { GraphQLRequest } from '../shared/graphql-client.ts';

/**
 * Partners may run only persisted operations, named by id. When the explorer's query is, to
 * the character, an example's persisted body, it sends that id with it (the gateway checks
 * that the two agree); any other query goes as written.
 */
export function withPersistedId(request: GraphQLRequest, persistedIds: ReadonlyMap<string, string>): GraphQLRequest {
  const id = request.query === undefined ? undefined : persistedIds.get(request.query);
  return id ? { ...request, extensions: { ...request.extensions, persistedQuery: { version: 1, sha256Hash: id } } } : request;
}

/** Each persisted example's body and its id. */
export function persistedIdsOf(examples: readonly ExampleOperation[]): ReadonlyMap<string, string> {
  return new Map(examples.flatMap((example) => (example.persistedId ? [[example.document, example.persistedId] as const] : [])));
}
