import { hash } from 'node:crypto';
import type { AuditEntry } from './types.ts';

/** `prev_hash` of the first entry of every writer's chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry extends AuditEntry {
  readonly prevHash: string;
}

/**
 * sha256 of the canonical JSON of everything stored about an entry, its predecessor's hash
 * included: changing any column (or a citizen row), or moving the entry, changes the hash,
 * and a changed hash breaks the link from the entry after it.
 */
export function entryHash(entry: ChainedEntry): string {
  const content = {
    id: entry.id,
    writerId: entry.writerId,
    seq: entry.seq,
    prevHash: entry.prevHash,
    at: entry.at.toISOString(),
    requestId: entry.requestId,
    subject: entry.subject,
    role: entry.role,
    organisation: entry.organisation,
    purpose: entry.purpose ?? null,
    citizens: [...entry.citizens].sort(),
    fields: [...entry.fields].sort(),
    // Only when present, so entries written before refusals were kept apart still verify.
    ...(entry.deniedFields.length > 0 ? { deniedFields: [...entry.deniedFields].sort() } : {}),
    ...(entry.criteria !== undefined ? { criteria: entry.criteria } : {}),
    // Likewise only when present: entries from before references were recorded still verify.
    ...(entry.references.length > 0 ? { references: [...entry.references].sort() } : {}),
    // Likewise: entries from before changes were audited still verify.
    ...(entry.changedFields.length > 0 ? { changedFields: [...entry.changedFields].sort() } : {}),
    operationName: entry.operationName ?? null,
    outcome: entry.outcome,
  };
  return hash('sha256', canonicalJson(content));
}

/**
 * JSON with object keys sorted at every level, so equal content always hashes alike. Built by
 * appending rather than through entries, map and join: it runs for every audit entry.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let json = '[';
    for (let index = 0; index < value.length; index++) json += (index > 0 ? ',' : '') + canonicalJson(value[index]);
    return json + ']';
  }
  if (value !== null && typeof value === 'object') {
    // The default sort orders by UTF-16 code unit, as `<` does.
    const keys = Object.keys(value).sort();
    let json = '{';
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      json += (index > 0 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson((value as Record<string, unknown>)[key]);
    }
    return json + '}';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
  if (value === undefined) throw new TypeError('canonicalJson: undefined has no JSON form');
  return JSON.stringify(value);
}
