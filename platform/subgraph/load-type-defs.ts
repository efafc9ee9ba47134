import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { scalarTypeDefs } from '../domain/index.ts';

/** A subgraph's SDL file plus the shared scalar declarations, parsed once at start-up. */
export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(`${readFileSync(schemaFile, 'utf8')}\n${scalarTypeDefs}`);
}
