import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEstate } from './index.ts';
import type { Estate } from './index.ts';
import { temporaryDirectory } from '../test/temporary-directory.ts';

/** The simulated GOV.UK Notify over real HTTP on port 0, checked against Notify's documented API. */
const SERVICE_ID = '5d0c7e1a-2b4f-4c8e-9a31-6f0b8d2e4c17';
const SECRET = 'a8e3f1c6-0d5b-4e92-b7a4-3c9f2e6d1b05';
const ADDRESS_EMAIL = '3f1c8a2e-6b0d-4f57-9a3e-1d2b7c4e5f60';
const ADDRESS_SMS = '7a2d9c41-0e8b-4c3f-b5a6-2e9f1d0c8b73';
const PERSONALISATION = { name: 'Priya Raman', effective_date: '1 December 2026', reference: 'CHG-1' };

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate({ size: 20, notify: { credentials: { serviceId: SERVICE_ID, secret: SECRET } } });
});
afterAll(async () => {
  await estate?.close();
});

async function token(options: { iss?: string; secret?: string; iatOffsetSeconds?: number; alg?: string } = {}): Promise<string> {
  return new SignJWT({ iss: options.iss ?? SERVICE_ID, iat: Math.floor(Date.now() / 1000) + (options.iatOffsetSeconds ?? 0) })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

async function notify(of: Estate, path: string, init: { method?: string; body?: unknown; authorization?: string | null } = {}) {
  const authorization = init.authorization === undefined ? `Bearer ${await token()}` : init.authorization;
  const response = await fetch(`${of.systemUrl('notify')}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

describe('sending', () => {
  it('sends an email from a template with its placeholders filled, 201 in Notify’s shape, and keeps it', async () => {
    const sent = await notify(estate, '/v2/notifications/email', {
      body: { email_address: 'priya.raman@example.com', template_id: ADDRESS_EMAIL, personalisation: PERSONALISATION, reference: 'change-email-1' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: 'change-email-1',
      content: { subject: 'We have updated your address', body: expect.stringContaining('Dear Priya Raman,'), from_email: expect.stringContaining('@notifications.service.gov.uk') },
      uri: `${estate.systemUrl('notify')}/v2/notifications/${sent.body.id}`,
      template: { id: ADDRESS_EMAIL, version: 1, uri: `${estate.systemUrl('notify')}/v2/template/${ADDRESS_EMAIL}` },
    });
    expect(sent.body.content.body).toContain('from 1 December 2026');
    expect(sent.body.content.body).not.toContain('((');
    const records = (await (await fetch(`${estate.url}/__records/notify`)).json()) as any[];
    expect(records).toContainEqual(expect.objectContaining({ id: sent.body.id, reference: 'change-email-1', type: 'email', recipient: 'priya.raman@example.com', templateId: ADDRESS_EMAIL }));
  });

  it('sends a text message to a UK mobile number in any of its usual spellings', async () => {
    for (const phone_number of ['07700 900123', '+44 7700 900123', '(07700) 900-123']) {
      const sent = await notify(estate, '/v2/notifications/sms', { body: { phone_number, template_id: ADDRESS_SMS, personalisation: PERSONALISATION } });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ reference: null, content: { body: expect.stringContaining('Reference CHG-1'), from_number: 'DWP' } });
    }
  });

  it('lists the notifications sent with a reference, newest first, so a sender can ask before sending again', async () => {
    const first = await notify(estate, '/v2/notifications/sms', { body: { phone_number: '07700900001', template_id: ADDRESS_SMS, personalisation: PERSONALISATION, reference: 'change-listed' } });
    const second = await notify(estate, '/v2/notifications/sms', { body: { phone_number: '07700900002', template_id: ADDRESS_SMS, personalisation: PERSONALISATION, reference: 'change-listed' } });
    const listed = await notify(estate, '/v2/notifications?reference=change-listed');
    expect(listed.status).toBe(200);
    expect(listed.body.notifications.map((notification: { id: string }) => notification.id)).toEqual([second.body.id, first.body.id]);
    expect(listed.body.notifications[0]).toMatchObject({ reference: 'change-listed', type: 'sms', phone_number: '07700900002', email_address: null, status: 'delivered', template: { id: ADDRESS_SMS, version: 1 } });
    expect((await notify(estate, '/v2/notifications?reference=never-sent')).body.notifications).toEqual([]);
    expect(await notify(estate, '/v2/notifications?status=delivered')).toMatchObject({ status: 400, body: { errors: [{ error: 'ValidationError' }] } });
  });
});

describe('refusals in Notify’s own words', () => {
  it.each([
    ['no email address', 'email', { template_id: ADDRESS_EMAIL, personalisation: PERSONALISATION }, 'ValidationError', 'email_address is a required property'],
    ['a malformed email address', 'email', { email_address: 'priya.example.com', template_id: ADDRESS_EMAIL, personalisation: PERSONALISATION }, 'ValidationError', 'email_address Not a valid email address'],
    ['a landline number', 'sms', { phone_number: '0113 496 0000', template_id: ADDRESS_SMS, personalisation: PERSONALISATION }, 'ValidationError', 'phone_number Not a UK mobile number'],
    ['letters in a number', 'sms', { phone_number: '07700 9OO123', template_id: ADDRESS_SMS, personalisation: PERSONALISATION }, 'ValidationError', 'phone_number Must not contain letters or symbols'],
    ['a template id that is not a UUID', 'email', { email_address: 'a@example.com', template_id: 'address-changed', personalisation: PERSONALISATION }, 'ValidationError', 'template_id is not a valid UUID'],
    ['an unknown template', 'email', { email_address: 'a@example.com', template_id: '00000000-0000-4000-8000-000000000000', personalisation: PERSONALISATION }, 'BadRequestError', 'Template not found'],
    ['a text-message template sent as an email', 'email', { email_address: 'a@example.com', template_id: ADDRESS_SMS, personalisation: PERSONALISATION }, 'BadRequestError', 'sms template is not suitable for email notification'],
    ['missing personalisation', 'email', { email_address: 'a@example.com', template_id: ADDRESS_EMAIL, personalisation: { name: 'A' } }, 'BadRequestError', 'Missing personalisation: effective_date, reference'],
    ['a body that is not JSON', 'email', '{"email_address":', 'BadRequestError', 'Invalid JSON supplied in POST data'],
  ])('answers %s with 400', async (_case, channel, body, error, message) => {
    const answer = await notify(estate, `/v2/notifications/${channel}`, { body });
    expect(answer).toMatchObject({ status: 400, body: { status_code: 400, errors: [{ error, message }] } });
  });

  it.each([
    ['no token', () => Promise.resolve(null), 401, 'Unauthorized: authentication token must be provided'],
    ['another scheme', async () => `Basic ${await token()}`, 401, 'Unauthorized: authentication bearer scheme must be used'],
    ['a token signed with another secret', async () => `Bearer ${await token({ secret: 'f'.repeat(36) })}`, 403, 'Invalid token: API key not found'],
    ['a token for another service', async () => `Bearer ${await token({ iss: '11111111-1111-4111-8111-111111111111' })}`, 403, 'Invalid token: service not found'],
    ['a token issued a minute ago', async () => `Bearer ${await token({ iatOffsetSeconds: -60 })}`, 403, 'Error: Your system clock must be accurate to within 30 seconds'],
    ['a token from the future', async () => `Bearer ${await token({ iatOffsetSeconds: 60 })}`, 403, 'Error: Your system clock must be accurate to within 30 seconds'],
    ['a token signed with HS512', async () => `Bearer ${await token({ alg: 'HS512' })}`, 403, 'Invalid token: algorithm used is not HS256'],
    ['a token that is not a JWT', () => Promise.resolve('Bearer not.a.jwt'), 403, 'Invalid token: signature, api token is not valid'],
  ])('refuses %s with an AuthError and sends nothing', async (_case, authorization, status, message) => {
    const before = ((await (await fetch(`${estate.url}/__records/notify`)).json()) as unknown[]).length;
    const answer = await notify(estate, '/v2/notifications/email', {
      authorization: await authorization(),
      body: { email_address: 'a@example.com', template_id: ADDRESS_EMAIL, personalisation: PERSONALISATION },
    });
    expect(answer).toEqual({ status, retryAfter: null, body: { status_code: status, errors: [{ error: 'AuthError', message }] } });
    expect(((await (await fetch(`${estate.url}/__records/notify`)).json()) as unknown[]).length).toBe(before);
  });

  it('remembers what it sent across a restart over the same data directory, so a sender asking by reference is never told "none"', async () => {
    const dataDir = temporaryDirectory('estate-notify');
    const credentials = { serviceId: SERVICE_ID, secret: SECRET };
    {
      await using first = await startEstate({ size: 20, dataDir, notify: { credentials } });
      const sent = await notify(first, '/v2/notifications/sms', { body: { phone_number: '07700900005', template_id: ADDRESS_SMS, personalisation: PERSONALISATION, reference: 'kept-1' } });
      expect(sent.status).toBe(201);
    }
    await using restarted = await startEstate({ size: 20, dataDir, notify: { credentials } });
    const listed = await notify(restarted, '/v2/notifications?reference=kept-1');
    expect(listed.body.notifications).toEqual([expect.objectContaining({ reference: 'kept-1', phone_number: '07700900005', type: 'sms' })]);
    expect((await (await fetch(`${restarted.url}/__records/notify`)).json()) as unknown[]).toHaveLength(1);
  });

  it('refuses every token when it has no API key configured', async () => {
    await using keyless = await startEstate({ size: 20 });
    expect(await notify(keyless, '/v2/notifications?reference=x')).toMatchObject({ status: 403, body: { errors: [{ error: 'AuthError' }] } });
  });

  it('answers past its per-key rate limit with 429 RateLimitError and Retry-After, whatever the request', async () => {
    await using limited = await startEstate({ size: 20, notify: { credentials: { serviceId: SERVICE_ID, secret: SECRET }, rateLimit: { requests: 2, windowMs: 60_000 } } });
    expect((await notify(limited, '/v2/notifications?reference=x')).status).toBe(200);
    expect((await notify(limited, '/v2/notifications/sms', { body: { phone_number: '07700900003', template_id: ADDRESS_SMS, personalisation: PERSONALISATION } })).status).toBe(201);
    const refused = await notify(limited, '/v2/notifications/sms', { body: { phone_number: '07700900004', template_id: ADDRESS_SMS, personalisation: PERSONALISATION } });
    expect(refused).toMatchObject({ status: 429, body: { status_code: 429, errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 2 requests per 60 seconds' }] } });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect((await notify(limited, '/v2/notifications?reference=x')).status).toBe(429);
    expect(((await (await fetch(`${limited.url}/__records/notify`)).json()) as unknown[]).length).toBe(1);
  });

  it('takes a new rate limit while it runs (GET/PUT /__rate-limit/notify), refusing a malformed one and a system that has none', async () => {
    await using limited = await startEstate({ size: 20, notify: { credentials: { serviceId: SERVICE_ID, secret: SECRET } } });
    const limitOf = async (path: string, init?: RequestInit) => {
      const response = await fetch(`${limited.url}/__rate-limit/${path}`, init);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await limitOf('notify')).toEqual({ status: 200, body: { requests: 3_000, windowMs: 60_000 } });
    expect(await limitOf('notify', { method: 'PUT', body: JSON.stringify({ requests: 1, windowMs: 2_000 }) })).toEqual({ status: 200, body: { requests: 1, windowMs: 2_000 } });
    expect((await notify(limited, '/v2/notifications?reference=x')).status).toBe(200);
    const refused = await notify(limited, '/v2/notifications?reference=x');
    expect(refused).toMatchObject({ status: 429, body: { errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 1 requests per 2 seconds' }] } });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(2);
    // Replaced, every key starts a fresh window.
    await limitOf('notify', { method: 'PUT', body: JSON.stringify({ requests: 3_000, windowMs: 60_000 }) });
    expect((await notify(limited, '/v2/notifications?reference=x')).status).toBe(200);
    for (const malformed of [{ requests: 0, windowMs: 1_000 }, { requests: 1.5, windowMs: 1_000 }, { requests: 5 }, { requests: 5, windowMs: 1_000, burst: 2 }, 'five']) {
      expect((await limitOf('notify', { method: 'PUT', body: JSON.stringify(malformed) })).status, JSON.stringify(malformed)).toBe(400);
    }
    expect(await limitOf('notify')).toEqual({ status: 200, body: { requests: 3_000, windowMs: 60_000 } });
    expect((await limitOf('cis')).status).toBe(404);
  });

  it('has outages like any estate system, answered in its own error shape', async () => {
    const setFaults = (settings: unknown) => fetch(`${estate.url}/__faults/notify`, { method: 'PUT', body: JSON.stringify(settings) });
    await setFaults({ outage: true });
    try {
      const answer = await notify(estate, '/v2/notifications?reference=x');
      expect(answer).toMatchObject({ status: 503, body: { status_code: 503, errors: [{ error: 'Exception' }] } });
    } finally {
      await setFaults({});
    }
  });
});
