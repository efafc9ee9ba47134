import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { scalarTypeDefs } from '../domain/index.ts';

/** A subgraph's SDL file plus the shared scalar declarations and any shared fragments (such as CITIZEN_ROOT_TYPE_DEFS), parsed once at start-up. */
export function loadTypeDefs(schemaFile: URL, ...fragments: string[]): DocumentNode {
  return parse([readFileSync(schemaFile, 'utf8'), scalarTypeDefs, ...fragments].join('\n'));
}
