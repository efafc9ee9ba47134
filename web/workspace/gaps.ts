import type { GraphQLError } from '../shared/graphql-client.ts';
import { systemTitle } from './format.ts';

/**
 * Reads a partial answer's errors as gaps in the page: each error with a path is one part of
 * the citizen that could not be shown, labelled with the system that failed. The API answers
 * the rest; the workspace shows the rest and says plainly what is missing and why.
 */

export type Path = ReadonlyArray<string | number>;

export interface Gap {
  readonly path: Path;
  readonly code: string;
  /** Who failed, in words: a legacy system by its name, or the service itself. */
  readonly source: string;
  /** What happened, in words. */
  readonly reason: string;
  /** For support to find the request. */
  readonly requestId?: string;
}

const REASONS: Readonly<Record<string, string>> = {
  LEGACY_UNAVAILABLE: 'did not answer',
  LEGACY_TIMEOUT: 'was too slow to answer',
  SUBGRAPH_UNAVAILABLE: 'did not answer in time',
  FORBIDDEN: 'is not available to you',
  TOO_MANY_CITIZENS: 'reached the limit of citizens one request may show',
};

function sourceOf(error: GraphQLError): string {
  return systemTitle(error.extensions?.system) ?? (error.extensions?.code === 'FORBIDDEN' ? 'This information' : 'Part of the service');
}

/** One gap for each error that names a field; errors about the whole request are not gaps. */
export function gapsFrom(errors: readonly GraphQLError[] | undefined): Gap[] {
  return (errors ?? []).flatMap((error) => {
    if (!error.path?.length) return [];
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const requestId = error.extensions?.requestId;
    return [{ path: error.path, code, source: sourceOf(error), reason: REASONS[code] ?? 'could not be read', ...(typeof requestId === 'string' ? { requestId } : {}) }];
  });
}

const startsWith = (path: Path, prefix: Path) => prefix.every((part, index) => path[index] === part);

/** The gaps at or inside any of these paths, one per source and reason (a system that failed for ten fields is one gap). */
export function gapsUnder(gaps: readonly Gap[], ...prefixes: Path[]): Gap[] {
  const seen = new Set<string>();
  return gaps.filter((gap) => {
    if (!prefixes.some((prefix) => startsWith(gap.path, prefix))) return false;
    const key = `${gap.source}|${gap.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
