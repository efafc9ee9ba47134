import { ApolloGateway } from '@apollo/gateway';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { gatewayView } from '../gateway/supergraph.ts';

export const RELEASED_SUPERGRAPH_FILE = new URL('./released/supergraph.graphql', import.meta.url);

/** One difference between the released public schema and the current one, as a changelog names it. */
export interface SchemaChange {
  /** The schema coordinate the change is about, e.g. `Citizen.name`; the changelog names breaking changes by it. */
  readonly coordinate: string;
  readonly message: string;
  readonly breaking: boolean;
}

/**
 * The schema callers see: the supergraph's API schema (no join__ machinery, no @inaccessible
 * elements), as the gateway itself derives it, so a change to federation plumbing alone never
 * counts as a change to the API.
 */
async function apiSchemaOf(supergraphSdl: string): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: gatewayView(supergraphSdl) });
  try {
    return (await gateway.load()).schema;
  } finally {
    await gateway.stop();
  }
}

function named(change: Change): SchemaChange {
  return { coordinate: change.path ?? change.type, message: change.message, breaking: change.criticality.level === CriticalityLevel.Breaking };
}

/** Every change between two supergraphs' API schemas, by @graphql-inspector/core's rules (a removed field breaks; an added one does not). */
export async function schemaChanges(releasedSupergraph: string, currentSupergraph: string): Promise<SchemaChange[]> {
  const [released, current] = await Promise.all([apiSchemaOf(releasedSupergraph), apiSchemaOf(currentSupergraph)]);
  return (await diff(released, current)).map(named);
}

/** The breaking changes a changelog does not accept: what CI refuses. */
export function unacceptedBreakingChanges(changes: readonly SchemaChange[], accepted: ReadonlySet<string>): SchemaChange[] {
  return changes.filter((change) => change.breaking && !accepted.has(change.coordinate));
}
