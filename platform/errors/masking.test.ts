import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { INTERNAL_MESSAGE, LegacyError, ValidationError, maskError } from './index.ts';

describe('maskError', () => {
  it('passes our catalogued errors through with only safe extensions', () => {
    const error = new LegacyError('LEGACY_UNAVAILABLE', 'pscs');
    const masked = maskError({ message: error.message, path: ['citizen', 'awards', 0], extensions: { code: 'LEGACY_UNAVAILABLE', system: 'pscs', serviceName: 'awards' } }, error);
    expect(masked).toEqual({ message: error.message, path: ['citizen', 'awards', 0], extensions: { code: 'LEGACY_UNAVAILABLE', system: 'pscs' } });
  });

  it('turns anything unknown into a generic internal error', () => {
    const masked = maskError(
      { message: 'connect ECONNREFUSED 10.0.0.5:4001 at /srv/app/gateway.ts:12', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', response: { url: 'http://10.0.0.5:4001/graphql', body: 'stack...' }, exception: { stacktrace: ['at x'] } } },
      new Error('boom'),
    );
    expect(masked).toEqual({ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('never passes on the raw message of an error a server stamped INTERNAL_SERVER_ERROR', () => {
    const masked = maskError({ message: 'fetch failed: connect ECONNREFUSED', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('fetch failed'));
    expect(masked.message).toBe(INTERNAL_MESSAGE);
  });

  it("answers a scalar's refusal with its own message and code, not graphql-js's echo of the input", () => {
    const original = new ValidationError('INVALID_NINO', 'NINO must be two prefix letters, six digits and a suffix A-D');
    const wrapped = new GraphQLError(`Variable "$nino" got invalid value "${'x'.repeat(10_000)}"; ${original.message}`, { originalError: original });
    const masked = maskError({ message: wrapped.message, extensions: { code: 'BAD_USER_INPUT' } }, wrapped);
    expect(masked.message).toBe(original.message);
    expect(masked.extensions?.code).toBe('INVALID_NINO');
  });

  it('caps the length of a GraphQL request error that quotes the caller', () => {
    const masked = maskError({ message: `Syntax Error: ${'y'.repeat(5_000)}`, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, undefined);
    expect(masked.message.length).toBeLessThanOrEqual(301);
  });

  it("passes Apollo's own refusals whole, so the CSRF one still names the headers to send", () => {
    const csrf = `This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n`;
    const masked = maskError({ message: csrf, extensions: { code: 'BAD_REQUEST' } }, undefined);
    expect(masked.message).toBe(csrf.trim());
    expect(masked.message).toMatch(/x-apollo-operation-name, apollo-require-preflight$/);
  });
});
