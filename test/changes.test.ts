import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import type { TestSystem } from './harness.ts';
import {
  CHANGE_FIELDS,
  copiesOf,
  DELIVERY_WAIT_MS,
  deliveryTo,
  isoDay,
  REPORT_ADDRESS,
  reported,
  someoneElsesUprn,
  startChangesSystem,
  waitForChange,
} from './changes-harness.ts';

const RHYS = SHOWCASE.pipClaimant.nino;
const HAROLD = SHOWCASE.pensionerCouple.nino;

let system: TestSystem;

/** What the simulated Notify sent under a reference (our change id). */
async function notificationsFor(reference: string): Promise<Array<{ reference: string; recipient: string; body: string; subject: string | null }>> {
  const response = await request(`${system.system.estate!.url}/__records/notify`);
  return ((await response.body.json()) as Array<{ reference: string; recipient: string; body: string; subject: string | null }>).filter((sent) => sent.reference === reference);
}
beforeAll(async () => {
  system = await startChangesSystem();
});
afterAll(async () => {
  await system?.close();
});

/** Requests to send a message that the simulated Notify has seen, refused ones included. */
async function sendsSeen(): Promise<number> {
  const { notify } = await system.stats();
  return (notify.operations.sendEmail ?? 0) + (notify.operations.sendSms ?? 0);
}

interface RateLimit {
  requests: number;
  windowMs: number;
}

async function notifyRateLimit(replacement?: RateLimit): Promise<RateLimit> {
  const response = await request(`${system.system.estate!.url}/__rate-limit/notify`, replacement ? { method: 'PUT', body: JSON.stringify(replacement) } : {});
  expect(response.statusCode).toBe(200);
  return (await response.body.json()) as RateLimit;
}

// First in the file, so that no earlier change's confirmation is queued beside this one: every
// send Notify refuses here is this change's.
describe('a confirmation Notify refuses with 429', { timeout: 90_000 }, () => {
  it('is queued again for after its Retry-After, never sent while refused, and sent once when Notify takes it', async () => {
    const showcase = new Set<string>(Object.values(SHOWCASE).map((person) => person.nino));
    const citizen = system.system.estate!.population.people.find((person) => person.email && !person.restricted && person.addresses.length > 0 && !showcase.has(person.nino))!;
    const before = await sendsSeen();
    const usual = await notifyRateLimit();
    // One request a second: the confirmation's look-up by reference spends it, so its send is refused every time.
    await notifyRateLimit({ requests: 1, windowMs: 1_000 });
    try {
      const change = reported(
        await system.graphql(REPORT_ADDRESS, { nino: citizen.nino, uprn: someoneElsesUprn(system, citizen.nino), effectiveDate: isoDay(), key: randomUUID() }, await system.as({ role: 'citizen', nino: citizen.nino })),
      );
      // Refused, then tried again after the wait Notify asked for: two sends seen, none sent.
      await expect.poll(sendsSeen, { timeout: DELIVERY_WAIT_MS, interval: 100 }).toBeGreaterThanOrEqual(before + 2);
      expect(await notificationsFor(change.id)).toEqual([]);
      // A refused confirmation touches neither the change nor its deliveries, and nobody has been told yet.
      expect((await waitForChange(system, change.id, (progress) => progress.status === 'COMPLETED')).confirmation).toBeNull();
      await notifyRateLimit(usual);
      await expect.poll(async () => (await notificationsFor(change.id)).length, { timeout: DELIVERY_WAIT_MS, interval: 100 }).toBe(1);
      expect((await notificationsFor(change.id))[0]!.recipient).toBe(citizen.email);
      // The change shows how and when the citizen was told, once the confirmer has recorded it.
      const told = await waitForChange(system, change.id, (progress) => progress.confirmation !== null);
      expect(told.confirmation!.channel).toBe('EMAIL');
      expect(Date.parse(told.confirmation!.sentAt)).toBeGreaterThan(Date.parse(change.reportedAt));
    } finally {
      await notifyRateLimit(usual);
    }
  });
});

describe('reportAddressChange, through the gateway', { timeout: 90_000 }, () => {
  it('a citizen reports their own move: stored with CIS first and the rest held for it, then every system with an award holds it exactly once', async () => {
    const citizen = await system.as({ role: 'citizen', nino: RHYS });
    const change = reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(), key: randomUUID() }, citizen));
    expect(change.status).toBe('IN_PROGRESS');
    expect(change.deliveries[0]).toMatchObject({ system: 'cis' });
    expect(change.deliveries.filter((delivery) => delivery.system !== 'cis').every((delivery) => delivery.status === 'WAITING' || delivery.status === 'PENDING')).toBe(true);

    const done = await waitForChange(system, change.id, (progress) => progress.status === 'COMPLETED');
    expect(deliveryTo(done, 'cis')).toMatchObject({ status: 'DELIVERED', attempts: 1, lastError: null, deliveredAt: expect.any(String) });
    // Rhys has PIP (disability) and Universal Credit: both hold the move, once; each system's own records say so.
    const delivered = done.deliveries.filter((delivery) => delivery.status === 'DELIVERED').map((delivery) => delivery.system);
    expect(delivered).toEqual(expect.arrayContaining(['cis', 'uc', 'disability']));
    const copies = await copiesOf(system, RHYS, change.id);
    for (const delivery of done.deliveries) expect(copies[delivery.system] ?? 0, delivery.system).toBe(delivery.status === 'DELIVERED' ? 1 : 0);
  });

  it('a restricted citizen\'s move is confirmed to them once through Notify, and the message names no address', async () => {
    const nino = SHOWCASE.restrictedRecord.nino;
    const person = system.system.estate!.population.byNino(nino)!;
    const uprn = someoneElsesUprn(system, nino);
    const target = system.system.estate!.population.people.flatMap((other) => other.addresses).find((spell) => spell.address.uprn === uprn)!.address;
    const change = reported(await system.graphql(REPORT_ADDRESS, { nino, uprn, effectiveDate: isoDay(), key: randomUUID() }, await system.as({ role: 'citizen', nino })));
    await waitForChange(system, change.id, (progress) => progress.status === 'COMPLETED');
    await expect.poll(async () => (await notificationsFor(change.id)).length, { timeout: DELIVERY_WAIT_MS, interval: 100 }).toBe(1);
    const [sent] = await notificationsFor(change.id);
    expect(sent!.recipient).toBe(person.email ?? person.mobile);
    for (const part of [target.postcode, target.thoroughfare, target.postTown]) expect(JSON.stringify(sent).toUpperCase()).not.toContain(part.toUpperCase());
  });

  it('a system that cannot be asked whether it holds the citizen is targeted anyway; back, it ends NOT_NEEDED', async () => {
    // Harold has no Universal Credit: with UC down, whether it holds him is unknown, so UC is a target.
    await system.setFaults('uc', { outage: true });
    try {
      const change = reported(await system.graphql(REPORT_ADDRESS, { nino: HAROLD, uprn: someoneElsesUprn(system, HAROLD), effectiveDate: isoDay(), key: randomUUID() }));
      expect(deliveryTo(change, 'uc')).toBeDefined();
      const failing = await waitForChange(system, change.id, (progress) => (deliveryTo(progress, 'uc')?.attempts ?? 0) >= 1 && deliveryTo(progress, 'uc')?.lastError !== null);
      expect(deliveryTo(failing, 'uc')).toMatchObject({ status: 'PENDING', lastError: { system: 'uc', code: 'LEGACY_UNAVAILABLE' } });
      // The operator sees it waiting: UC's queue has a delivery in it, as old as the change.
      const metrics = await (await request(`${system.system.ops!.url}/metrics`)).body.text();
      expect(Number(/^citizen_graph_tell_us_once_queue_depth\{queue="deliver-uc"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(/^citizen_graph_tell_us_once_delivery_age_seconds\{queue="deliver-uc"\} ([\d.e+-]+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
      expect(metrics).toMatch(/^citizen_graph_tell_us_once_queue_depth\{queue="deliver-jsaps"\} \d+$/m);
      await system.setFaults('uc', {});
      const done = await waitForChange(system, change.id, (progress) => progress.status === 'COMPLETED');
      expect(deliveryTo(done, 'uc')).toMatchObject({ status: 'NOT_NEEDED', deliveredAt: null });
      expect((await copiesOf(system, HAROLD, change.id)).uc ?? 0).toBe(0);
    } finally {
      await system.setFaults('uc', {});
    }
  });

  it('a lost reply from a system that applies repeats twice (the disability system) still leaves it holding the change once', async () => {
    // Every disability write is applied and journalled, then its reply is lost: the crash between the write and its acknowledgement.
    await system.setFaults('disability', { lostReplyRate: 1 });
    try {
      const change = reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(1), key: randomUUID() }));
      const done = await waitForChange(system, change.id, (progress) => deliveryTo(progress, 'disability')?.status === 'DELIVERED');
      expect(deliveryTo(done, 'disability')!.attempts).toBeGreaterThanOrEqual(2);
      expect((await copiesOf(system, RHYS, change.id)).disability).toBe(1);
    } finally {
      await system.setFaults('disability', {});
    }
  });

  it('the same key again answers with the first change and does nothing twice; a different request under it is refused', async () => {
    const key = randomUUID();
    const variables = { nino: HAROLD, uprn: someoneElsesUprn(system, HAROLD), effectiveDate: isoDay(-3), key };
    const first = reported(await system.graphql(REPORT_ADDRESS, variables));
    await waitForChange(system, first.id, (progress) => deliveryTo(progress, 'cis')?.status === 'DELIVERED');

    const again = reported(await system.graphql(REPORT_ADDRESS, variables));
    expect(again.id).toBe(first.id);
    const reused = await system.graphql(REPORT_ADDRESS, { ...variables, effectiveDate: isoDay(-2) });
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const changes = await system.graphql(`query Mine($nino: NINO!) { citizen(nino: $nino) { changes { id } } }`, { nino: HAROLD });
    expect((changes.body.data!.citizen.changes as Array<{ id: string }>).filter((change) => change.id === first.id)).toHaveLength(1);
    expect((await copiesOf(system, HAROLD, first.id)).cis).toBe(1);
  });

  it('keys belong to their caller: another caseworker\'s equal key is a request of its own', async () => {
    const key = randomUUID();
    const uprn = someoneElsesUprn(system, RHYS);
    const mine = reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn, effectiveDate: isoDay(), key }));
    const theirs = reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn, effectiveDate: isoDay(), key }, await system.as({ role: 'agent', subject: 'another-caseworker' }, 'CASE-0002')));
    expect(theirs.id).not.toBe(mine.id);
  });

  it.each([
    ['an analyst, even with a purpose', { role: 'analyst' as const }, 'STUDY-1'],
    ['a partner body', { role: 'partner' as const, org: 'NHS', scopes: ['check:prescription-exemption' as const] }, undefined],
    ['a citizen for someone else', { role: 'citizen' as const, nino: HAROLD }, undefined],
    ['a caseworker without a purpose', { role: 'agent' as const }, undefined],
  ])('refuses %s, storing nothing', async (_case, mint, purpose) => {
    const result = await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(), key: randomUUID() }, await system.as(mint, purpose));
    expect(result.body.data?.reportAddressChange ?? null).toBeNull();
    expect(['FORBIDDEN', 'PURPOSE_REQUIRED', 'PERSISTED_QUERY_REQUIRED']).toContain(result.body.errors?.[0]?.extensions?.code);
  });

  it.each([
    ['32 days back', -32, false],
    ['31 days back', -31, true],
    ['92 days ahead', 92, true],
    ['93 days ahead', 93, false],
  ])('takes an effective date %s: %s', async (_case, days, accepted) => {
    const result = await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(days), key: randomUUID() });
    if (accepted) expect(result.body.errors).toBeUndefined();
    else expect(result.body.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  it('refuses a UPRN the address look-up does not know, with UPRN_NOT_FOUND', async () => {
    const result = await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: '999999999999', effectiveDate: isoDay(), key: randomUUID() });
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UPRN_NOT_FOUND');
  });

  it('refuses a mutation sent by GET', async () => {
    const query = encodeURIComponent(REPORT_ADDRESS);
    const variables = encodeURIComponent(JSON.stringify({ nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(), key: randomUUID() }));
    const result = await system.send(`${system.gatewayUrl}?query=${query}&variables=${variables}`, { headers: { ...(await system.as({ role: 'agent' }, 'CASE-1')), 'apollo-require-preflight': 'true' } });
    // Apollo Server answers a mutation over GET 405 Method Not Allowed, unrun.
    expect(result.status).toBe(405);
    expect(result.body.data ?? null).toBeNull();
  });

  it('is audited with the names of the fields changed, never the new address', async () => {
    const uprn = someoneElsesUprn(system, HAROLD);
    reported(await system.graphql(REPORT_ADDRESS, { nino: HAROLD, uprn, effectiveDate: isoDay(), key: randomUUID() }, await system.as({ role: 'agent', subject: 'auditable' }, 'CASE-77')));
    const auditor = await system.as({ role: 'auditor' });
    const log = await system.graphql(`{ auditLog(actor: "auditable") { entries { citizens fields changedFields criteria purpose outcome } } }`, {}, auditor);
    const [entry] = log.body.data!.auditLog.entries as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ citizens: [HAROLD], changedFields: ['changes.address'], purpose: 'CASE-77', outcome: 'ALLOWED', criteria: null });
    expect(entry!.fields).toContain('changes.Mutation.reportAddressChange');
    expect(JSON.stringify(entry)).not.toContain(uprn);
  });

  it('change(id) is for whoever may read the citizen: the citizen, a caseworker; not another citizen', async () => {
    const change = reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(), key: randomUUID() }));
    const query = `query Progress($id: ID!) { change(id: $id) { ${CHANGE_FIELDS} } }`;
    expect((await system.graphql(query, { id: change.id }, await system.as({ role: 'citizen', nino: RHYS }))).body.data?.change?.id).toBe(change.id);
    const stranger = await system.graphql(query, { id: change.id }, await system.as({ role: 'citizen', nino: HAROLD }));
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await system.graphql(query, { id: randomUUID() });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('CHANGE_NOT_FOUND');
  });

  it('a citizen\'s list of changes is their story: the citizen and a caseworker read it, an analyst does not', async () => {
    reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(), key: randomUUID() }));
    const query = `query Changes($nino: NINO!) { citizen(nino: $nino) { changes { id kind } } }`;
    expect((await system.graphql(query, { nino: RHYS })).body.data?.citizen?.changes?.length).toBeGreaterThan(0);
    expect((await system.graphql(query, { nino: RHYS }, await system.as({ role: 'citizen', nino: RHYS }))).body.data?.citizen?.changes?.length).toBeGreaterThan(0);
    const analyst = await system.graphql(query, { nino: RHYS }, await system.as({ role: 'analyst' }, 'STUDY-1'));
    expect(analyst.body.data?.citizen?.changes ?? null).toBeNull();
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const REPORT_CONTACT = `mutation Contact($nino: NINO!, $phone: String, $mobile: String, $email: String, $key: String!) {
  reportContactChange(nino: $nino, phone: $phone, mobile: $mobile, email: $email, idempotencyKey: $key) { ${CHANGE_FIELDS} } }`;
const REPORT_DEATH = `mutation Death($nino: NINO!, $dateOfDeath: Date!, $key: String!) {
  reportDeath(nino: $nino, dateOfDeath: $dateOfDeath, idempotencyKey: $key) { ${CHANGE_FIELDS} } }`;

describe('reportContactChange and reportDeath, through the gateway', { timeout: 90_000 }, () => {
  it('a citizen changes their email and mobile: CIS holds them once, the audit names the two fields only', async () => {
    const nino = SHOWCASE.pregnantClaimant.nino;
    const citizen = await system.as({ role: 'citizen', nino, subject: 'aisha' });
    const result = await system.graphql(REPORT_CONTACT, { nino, mobile: '07700 900999', email: 'aisha.new@example.org', key: randomUUID() }, citizen);
    expect(result.body.errors).toBeUndefined();
    const change = result.body.data!.reportContactChange as { id: string; kind: string };
    expect(change.kind).toBe('CONTACT');
    await waitForChange(system, change.id, (progress) => deliveryTo(progress, 'cis')?.status === 'DELIVERED');
    expect((await copiesOf(system, nino, change.id)).cis).toBe(1);
    const contact = await system.graphql(`query C($nino: NINO!) { citizen(nino: $nino) { contact { mobile email } } }`, { nino });
    expect(contact.body.data!.citizen.contact).toMatchObject({ mobile: '07700 900999', email: 'aisha.new@example.org' });

    const log = await system.graphql(`{ auditLog(actor: "aisha") { entries { changedFields criteria } } }`, {}, await system.as({ role: 'auditor' }));
    const entry = (log.body.data!.auditLog.entries as Array<{ changedFields: string[]; criteria: string | null }>).find((candidate) => candidate.changedFields.length > 0)!;
    expect(entry.changedFields).toEqual(['changes.email', 'changes.mobile']);
    expect(JSON.stringify(log.body)).not.toContain('aisha.new@example.org');
  });

  it('refuses a contact change with nothing in it', async () => {
    const result = await system.graphql(REPORT_CONTACT, { nino: RHYS, key: randomUUID() });
    expect(result.body.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  it.each([
    ['the citizen themselves', { role: 'citizen' as const, nino: HAROLD }, undefined],
    ['an analyst', { role: 'analyst' as const }, 'STUDY-1'],
  ])('refuses a death reported by %s', async (_case, mint, purpose) => {
    const result = await system.graphql(REPORT_DEATH, { nino: HAROLD, dateOfDeath: isoDay(-1), key: randomUUID() }, await system.as(mint, purpose));
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a caseworker reports a death: every system records it once, no payment is scheduled after it, the surviving partner gets a review task only caseworkers see', async () => {
    const { nino, partnerNino } = SHOWCASE.pensionerCouple;
    const dateOfDeath = isoDay(-2);
    const result = await system.graphql(REPORT_DEATH, { nino, dateOfDeath, key: randomUUID() });
    expect(result.body.errors).toBeUndefined();
    const change = result.body.data!.reportDeath as { id: string; kind: string; effectiveDate: string };
    expect(change).toMatchObject({ kind: 'DEATH', effectiveDate: dateOfDeath });
    const done = await waitForChange(system, change.id, (progress) => progress.status === 'COMPLETED');
    const copies = await copiesOf(system, nino, change.id);
    for (const delivery of done.deliveries) expect(copies[delivery.system] ?? 0, delivery.system).toBe(delivery.status === 'DELIVERED' ? 1 : 0);
    expect(deliveryTo(done, 'pscs')?.status).toBe('DELIVERED');
    const recorded = await system.graphql(`query D($nino: NINO!) { citizen(nino: $nino) { dateOfDeath awards { benefit nextPayment { date } } } }`, { nino });
    expect(recorded.body.data!.citizen.dateOfDeath).toBe(dateOfDeath);
    // No payment is scheduled after the death, on any system.
    for (const award of recorded.body.data!.citizen.awards as Array<{ benefit: string; nextPayment: { date: string } | null } | null>) {
      if (award?.nextPayment) expect(award.nextPayment.date <= dateOfDeath, award.benefit).toBe(true);
    }

    const reviews = `query R($nino: NINO!) { citizen(nino: $nino) { reviewTasks { reason changeId createdAt } } }`;
    const seen = await system.graphql(reviews, { nino: partnerNino });
    expect(seen.body.data!.citizen.reviewTasks).toEqual([{ reason: expect.stringContaining('Partner died'), changeId: change.id, createdAt: expect.any(String) }]);
    const byPartner = await system.graphql(reviews, { nino: partnerNino }, await system.as({ role: 'citizen', nino: partnerNino }));
    expect(byPartner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const again = await system.graphql(REPORT_DEATH, { nino, dateOfDeath, key: randomUUID() });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });
});
