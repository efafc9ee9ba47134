import { readdirSync, readFileSync } from 'node:fs';
import { parse, type OperationDefinitionNode } from 'graphql';
import { operationId, type PersistedOperationManifest } from '../gateway/persisted-operations.ts';

const OPERATIONS_DIR = new URL('./operations/', import.meta.url);

/**
 * Builds the Apollo persisted-query manifest from schema/operations/*.graphql: the only
 * operations partner bodies may run. Each id is the SHA-256 of the operation's body.
 */
export function buildPersistedManifest(): PersistedOperationManifest {
  const files = readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith('.graphql')).sort();
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: files.map((file) => {
      const body = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8').trim();
      const [operation, ...rest] = parse(body).definitions;
      if (!operation || operation.kind !== 'OperationDefinition' || !operation.name || rest.length) throw new Error(`${file}: one named operation per file`);
      return { id: operationId(body), name: (operation as OperationDefinitionNode).name!.value, type: operation.operation, body };
    }),
  };
}

export const MANIFEST_JSON = (): string => `${JSON.stringify(buildPersistedManifest(), null, 2)}\n`;
