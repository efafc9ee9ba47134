import { describe, expect, it } from 'vitest';
import { withRequestId } from './request-id.ts';

describe('withRequestId', () => {
  it('adds the request id to every error that lacks one, keeping the rest of each error', () => {
    const body = JSON.stringify({ errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }, { message: 'no extensions' }] });
    expect(JSON.parse(withRequestId(body, 'r-1'))).toEqual({
      errors: [
        { message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST', requestId: 'r-1' } },
        { message: 'no extensions', extensions: { requestId: 'r-1' } },
      ],
    });
  });

  it('leaves an error that already quotes a request id, and a body without errors or not JSON, as they are', () => {
    const stamped = JSON.stringify({ errors: [{ message: 'm', extensions: { requestId: 'r-0' } }] });
    expect(JSON.parse(withRequestId(stamped, 'r-1'))).toEqual(JSON.parse(stamped));
    expect(withRequestId('{"data":{}}', 'r-1')).toBe('{"data":{}}');
    expect(withRequestId('<html>', 'r-1')).toBe('<html>');
  });
});
