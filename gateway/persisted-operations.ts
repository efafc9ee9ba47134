import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError } from '../platform/errors/index.ts';
import type { Principal } from '../platform/auth/index.ts';

/** One entry of an Apollo persisted-query manifest. */
export interface PersistedOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

export interface PersistedOperationManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly PersistedOperation[];
}

export const MANIFEST_FILE = new URL('../schema/persisted-operations.json', import.meta.url);

export function operationId(body: string): string {
  return hash('sha256', body);
}

/** Loads the manifest, refusing one whose ids do not match their bodies. */
export function loadManifest(file: URL = MANIFEST_FILE): ReadonlyMap<string, PersistedOperation> {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as PersistedOperationManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) throw new Error('not an Apollo persisted-query manifest, version 1');
  for (const operation of manifest.operations) {
    if (operationId(operation.body) !== operation.id) throw new Error(`persisted operation ${operation.name} has an id that is not the SHA-256 of its body`);
  }
  return new Map(manifest.operations.map((operation) => [operation.id, operation]));
}

interface RequestBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
  [key: string]: unknown;
}

/** Callers who may only run operations from the manifest. */
function persistedOnly(principal: Principal): boolean {
  return principal.role === 'partner';
}

/**
 * Resolves a persisted-operation id to its body from the manifest (anyone may use them;
 * partners must). An unknown id, or a body that differs from the manifest's, is refused.
 */
export function resolvePersistedOperation(manifest: ReadonlyMap<string, PersistedOperation>, principal: Principal, body: unknown): unknown {
  const request = (body && typeof body === 'object' ? body : {}) as RequestBody;
  const id = request.extensions?.persistedQuery?.sha256Hash;
  if (id === undefined) {
    if (persistedOnly(principal)) throw new AppError('PERSISTED_QUERY_REQUIRED', 'Partner bodies may only run operations from the persisted-operation manifest; send its id in extensions.persistedQuery.sha256Hash.');
    return body;
  }
  const operation = typeof id === 'string' ? manifest.get(id) : undefined;
  if (!operation) throw new AppError('PERSISTED_QUERY_NOT_FOUND', 'No persisted operation has this id.');
  if (request.query !== undefined && request.query !== operation.body) throw new AppError('PERSISTED_QUERY_NOT_FOUND', 'The query sent differs from the persisted operation with this id.');
  const { persistedQuery: _persistedQuery, ...extensions } = request.extensions ?? {};
  return { ...request, query: operation.body, extensions };
}
