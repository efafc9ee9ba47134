import type { SystemResponse } from './types.ts';

export function json(status: number, body: unknown, contentType = 'application/json'): SystemResponse {
  return { status, contentType, body: JSON.stringify(body) };
}

export function text(status: number, body: string): SystemResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

export function xml(status: number, body: string): SystemResponse {
  return { status, contentType: 'text/xml; charset=utf-8', body };
}

/** Parses a JSON body, or returns undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A list of strings under `key` in a JSON object body, or undefined when the body has another shape. */
export function stringListIn(body: string, key: string): string[] | undefined {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const list = (parsed as Record<string, unknown>)[key];
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return undefined;
  return list;
}
