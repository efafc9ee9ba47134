import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEstate, type Estate } from '../../../legacy-estate/index.ts';
import { loadConfig } from '../../../platform/config/index.ts';
import { deadlineIn } from '../../../platform/resilience/index.ts';
import { createNotifyClient, type Confirmation, type NotifyClient } from './notify.client.ts';

/** The Notify client against the estate's simulated GOV.UK Notify, over loopback on port 0. */
const config = loadConfig({});
let estate: Estate;
const clients: NotifyClient[] = [];

beforeAll(async () => {
  estate = await startEstate({ size: 20, notify: { credentials: config.notify } });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await estate?.close();
});
beforeEach(async () => {
  await setFaults(estate, {});
});

async function setFaults(of: Estate, settings: Record<string, unknown>): Promise<void> {
  expect((await fetch(`${of.url}/__faults/notify`, { method: 'PUT', body: JSON.stringify(settings) })).status).toBe(200);
}

function notifyClient(of: Estate, env: Record<string, string> = {}): NotifyClient {
  const client = createNotifyClient(loadConfig({ ESTATE_URL: of.url, DEADLINE_MARGIN_MS: '0', ...env }));
  clients.push(client);
  return client;
}

const scope = (budgetMs = 5_000) => ({ requestId: 'notify-client-test', deadline: deadlineIn(budgetMs) });

async function sentWith(of: Estate, reference: string): Promise<Array<{ id: string; body: string; recipient: string }>> {
  const records = (await (await fetch(`${of.url}/__records/notify`)).json()) as Array<{ id: string; reference: string; body: string; recipient: string }>;
  return records.filter((record) => record.reference === reference);
}

let sequence = 0;
function confirmation(overrides: Partial<Confirmation> = {}): Confirmation {
  sequence += 1;
  const reference = `chg-test-${sequence}`;
  return {
    reference,
    channel: 'email',
    to: 'priya.raman@example.com',
    template: 'address-changed',
    personalisation: { name: 'Priya Raman', effective_date: '1 December 2026', reference },
    ...overrides,
  };
}

describe('sendConfirmation', () => {
  it('sends a confirmation Notify holds under our reference, rendered from the template', async () => {
    const client = notifyClient(estate);
    const sent = await client.sendConfirmation(confirmation(), scope());
    expect(sent).toEqual({ notification: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), channel: 'email', createdAt: expect.any(String) }, outcome: 'sent' });
    const [record, ...others] = await sentWith(estate, `chg-test-${sequence}`);
    expect(others).toEqual([]);
    expect(record).toMatchObject({ id: sent.notification.id, recipient: 'priya.raman@example.com', body: expect.stringContaining('from 1 December 2026') });
  });

  it('sends each confirmation once: asked again with the same reference, it answers with the first and sends nothing', async () => {
    const client = notifyClient(estate);
    const once = confirmation({ channel: 'sms', to: '07700 900123' });
    const first = await client.sendConfirmation(once, scope());
    const again = await client.sendConfirmation(once, scope());
    // A second client (another worker, after a restart) knows nothing of the first and still sends nothing.
    const afterRestart = await notifyClient(estate).sendConfirmation(once, scope());
    expect(again).toEqual({ notification: { id: first.notification.id, channel: 'sms', createdAt: expect.any(String) }, outcome: 'already-sent' });
    expect(afterRestart).toEqual(again);
    expect(await sentWith(estate, once.reference)).toHaveLength(1);
  });

  it('sends every template Notify holds for us, by email and by text message', async () => {
    const client = notifyClient(estate);
    for (const template of ['address-changed', 'contact-details-changed', 'death-reported'] as const) {
      for (const [channel, to] of [['email', 'kin@example.org'], ['sms', '+44 7700 900456']] as const) {
        const reference = `chg-template-${template}-${channel}`;
        const personalisation = { name: 'Susan Hartley', deceased_name: 'Harold Brierley', effective_date: '1 December 2026', reference };
        await expect(client.sendConfirmation({ reference, channel, to, template, personalisation }, scope())).resolves.toMatchObject({ outcome: 'sent' });
      }
    }
  });

  it('surfaces Notify’s 429 as a retryable LEGACY_RATE_LIMITED carrying its Retry-After, having sent nothing', async () => {
    await using limited = await startEstate({ size: 20, notify: { credentials: config.notify, rateLimit: { requests: 1, windowMs: 60_000 } } });
    const refused = confirmation();
    // The look-up by reference spends the minute's one request; the send is refused.
    const error = await notifyClient(limited).sendConfirmation(refused, scope()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'LEGACY_RATE_LIMITED', system: 'notify', retryable: true });
    const { retryAfterMs } = error as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await sentWith(limited, refused.reference)).toEqual([]);
  });

  it('keeps Notify’s breaker closed through its 429s: a rate limit is about our pace, not Notify’s health', async () => {
    await using limited = await startEstate({ size: 20, notify: { credentials: config.notify, rateLimit: { requests: 1, windowMs: 60_000 } } });
    // A breaker that opens on half of two calls failing; 429s are all but one of these.
    const client = notifyClient(limited, { LEGACY_BREAKER_MIN_CALLS: '2', LEGACY_BREAKER_FAILURE_RATE: '0.5' });
    for (let attempt = 0; attempt < 4; attempt++) {
      await expect(client.sendConfirmation(confirmation(), scope())).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED' });
    }
  });

  it('surfaces an outage as a retryable LEGACY_UNAVAILABLE and a slow answer as LEGACY_TIMEOUT, with no personal data in either', async () => {
    const client = notifyClient(estate);
    const failing = confirmation();
    await setFaults(estate, { outage: true });
    const outage = await client.sendConfirmation(failing, scope()).catch((caught: unknown) => caught);
    expect(outage).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'notify', retryable: true });
    await setFaults(estate, { latencyMs: 1_000 });
    const slow = await client.sendConfirmation(failing, scope(200)).catch((caught: unknown) => caught);
    expect(slow).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'notify', retryable: true });
    for (const error of [outage, slow]) expect((error as Error).message).not.toMatch(/priya|raman|example|chg-test/i);
    await setFaults(estate, {});
    await expect(client.sendConfirmation(failing, scope())).resolves.toMatchObject({ outcome: 'sent' });
  });

  it('surfaces a key Notify does not accept, and a recipient it refuses, as LEGACY_WRITE_REFUSED that is not retried, with no personal data', async () => {
    const wrongKey = notifyClient(estate, { NOTIFY_API_KEY: 'citizen_graph_other-5d0c7e1a-2b4f-4c8e-9a31-6f0b8d2e4c17-00000000-0000-4000-8000-000000000000' });
    const badToken = await wrongKey.sendConfirmation(confirmation(), scope()).catch((caught: unknown) => caught);
    expect(badToken).toMatchObject({ code: 'LEGACY_WRITE_REFUSED', system: 'notify', retryable: false, cause: { faultCode: 'AuthError' } });
    const landline = confirmation({ channel: 'sms', to: '0113 496 0000' });
    const refused = await notifyClient(estate).sendConfirmation(landline, scope()).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ code: 'LEGACY_WRITE_REFUSED', retryable: false, cause: { faultCode: 'ValidationError' } });
    for (const error of [badToken, refused]) expect(`${(error as Error).message} ${((error as Error).cause as Error).message}`).not.toMatch(/0113|priya|example|chg-test/i);
    expect(await sentWith(estate, landline.reference)).toEqual([]);
  });
});
