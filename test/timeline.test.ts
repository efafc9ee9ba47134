import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import type { GraphQLResult, TestSystem } from './harness.ts';
import { DELIVERY_WAIT_MS, deliveryTo, isoDay, REPORT_ADDRESS, reported, someoneElsesUprn, startChangesSystem, waitForChange } from './changes-harness.ts';

/** Rhys Llewellyn, the README's citizen: PIP (disability system) and Universal Credit, started, uprated in April and paid monthly: eleven events. */
const RHYS = SHOWCASE.pipClaimant.nino;
/** Harold Brierley: Pension Credit on CIS and State Pension on PSCS, started and paid. */
const HAROLD = SHOWCASE.pensionerCouple.nino;
const MARGARET = SHOWCASE.pensionerCouple.partnerNino;
const NATALIE = SHOWCASE.restrictedRecord.nino;
/** Susan Hartley, Margaret's appointee: Carer's Allowance on CIS, so a timeline of her own to take a cursor from. */
const SUSAN = SHOWCASE.pensionerCouple.appointeeNino;

const EVENTS = `query Timeline($nino: NINO!, $first: Int, $after: String, $kinds: [CitizenEventKind!]) {
  citizen(nino: $nino) { events(first: $first, after: $after, kinds: $kinds) {
    edges { cursor node { kind occurredAt system summary benefit amount changeId } }
    pageInfo { hasNextPage endCursor } } } }`;

interface EventNode {
  kind: string;
  occurredAt: string;
  system: string | null;
  summary: string;
  benefit: string | null;
  amount: string | null;
  changeId: string | null;
}
interface Connection {
  edges: Array<{ cursor: string; node: EventNode } | null>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Notify's list-by-reference calls so far: how a confirmation is looked up. */
async function notifyLookups(): Promise<number> {
  return (await system.stats()).notify.operations.listNotifications ?? 0;
}

let system: TestSystem;
beforeAll(async () => {
  system = await startChangesSystem();
});
afterAll(async () => {
  await system?.close();
});

const connectionOf = (result: GraphQLResult) => result.body.data?.citizen?.events as Connection;
const nodesOf = (connection: Connection) => connection.edges.flatMap((edge) => (edge ? [edge.node] : []));

/** The systems whose history could not be read, from the errors on the timeline's edges. */
function gapsIn(result: GraphQLResult): string[] {
  return (result.body.errors ?? []).filter((error) => error.path?.includes('edges')).map((error) => `${error.extensions?.code}:${error.extensions?.system}`);
}

async function timeline(nino: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<GraphQLResult> {
  return system.graphql(EVENTS, { nino, ...variables }, headers);
}

describe('Citizen.events, through the gateway', () => {
  it('pages a showcase citizen\'s timeline with first/after, newest first, without overlaps or gaps', async () => {
    const whole = connectionOf(await timeline(RHYS, { first: 50 }));
    const all = nodesOf(whole);
    expect(all.some((event) => event.kind === 'AWARD_STARTED' && event.benefit === 'PIP' && event.system === 'disability')).toBe(true);
    // Both awards were in payment when this year's rates began, so each system records its uprating.
    expect(all.filter((event) => event.kind === 'AWARD_CHANGED').map((event) => `${event.system}:${event.benefit}:${event.occurredAt}`).sort()).toEqual(['disability:PIP:2026-04-06', 'uc:UC:2026-04-06']);
    expect(all.filter((event) => event.kind === 'PAYMENT_MADE' && event.system === 'uc' && Number(event.amount) > 0).length).toBeGreaterThan(2);
    expect(whole.pageInfo.hasNextPage).toBe(false);

    const paged: EventNode[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const result = await timeline(RHYS, { first: 2, after });
      expect(result.body.errors).toBeUndefined();
      const page = connectionOf(result);
      const nodes = nodesOf(page);
      expect(nodes.length).toBeLessThanOrEqual(2);
      paged.push(...nodes);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBe(page.edges.filter((edge) => edge !== null).at(-1)!.cursor);
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
    const instants = paged.map((event) => (event.occurredAt.length === 10 ? `${event.occurredAt}T00:00:00.000Z` : event.occurredAt));
    expect(instants).toEqual([...instants].sort().reverse());
  });

  it('filters by kind', async () => {
    const all = nodesOf(connectionOf(await timeline(RHYS, { first: 50 })));
    const payments = nodesOf(connectionOf(await timeline(RHYS, { first: 50, kinds: ['PAYMENT_MADE'] })));
    expect(payments.length).toBeGreaterThan(0);
    expect(payments).toEqual(all.filter((event) => event.kind === 'PAYMENT_MADE'));
  });

  it('shows a reported address change, its delivery to each system that took it and the confirmation sent, with no address in it', async () => {
    const uprn = someoneElsesUprn(system, NATALIE);
    const change = reported(await system.graphql(REPORT_ADDRESS, { nino: NATALIE, uprn, effectiveDate: isoDay(), key: randomUUID() }));
    const progress = await waitForChange(system, change.id, (current) => current.status === 'COMPLETED');

    const result = await timeline(NATALIE, { first: 50, kinds: ['CHANGE_REPORTED', 'CHANGE_DELIVERED'] });
    const events = nodesOf(connectionOf(result)).filter((event) => event.changeId === change.id);
    const deliveredTo = progress.deliveries.filter((delivery) => delivery.status === 'DELIVERED').map((delivery) => delivery.system);
    // Natalie's Universal Credit takes the change after CIS, the master record.
    expect(deliveredTo).toEqual(expect.arrayContaining(['cis', 'uc']));
    // Each delivery once, though our store and the system's own history both record it.
    expect(events.map((event) => `${event.kind}:${event.system}`).sort()).toEqual(['CHANGE_REPORTED:null', ...deliveredTo.map((delivered) => `CHANGE_DELIVERED:${delivered}`)].sort());
    expect(events.find((event) => event.system === 'cis')).toMatchObject({ summary: 'Address change delivered to CIS', occurredAt: deliveryTo(progress, 'cis')!.deliveredAt });
    // She is told by Notify, from her own queue: the confirmation arrives on her timeline once Notify has taken it.
    let confirmations: EventNode[] = [];
    await expect
      .poll(async () => {
        confirmations = nodesOf(connectionOf(await timeline(NATALIE, { kinds: ['NOTIFICATION_SENT'] }))).filter((event) => event.changeId === change.id);
        return confirmations.length;
      }, { timeout: DELIVERY_WAIT_MS, interval: 200 })
      .toBe(1);
    expect(confirmations[0]).toMatchObject({ system: 'notify', summary: expect.stringMatching(/^Confirmation sent by (email|text message)$/) });
    // Read from our store, where the confirmer recorded it: a timeline shown spends none of the
    // Notify key's rate limit, which the confirmations themselves need.
    const lookupsBefore = await notifyLookups();
    expect(nodesOf(connectionOf(await timeline(NATALIE, { first: 50 }))).some((event) => event.kind === 'NOTIFICATION_SENT' && event.changeId === change.id)).toBe(true);
    expect(await notifyLookups()).toBe(lookupsBefore);

    // Natalie's address is protected: nothing of the new one appears anywhere in her timeline.
    const moved = system.system.estate!.population.people.flatMap((person) => person.addresses).find((spell) => spell.address.uprn === uprn)!.address;
    for (const value of [moved.postcode, moved.thoroughfare, moved.postTown, uprn]) expect(result.text).not.toContain(value);
  });

  it('shows a death recorded on the citizen\'s timeline, and the surviving partner\'s review task to caseworkers only', async () => {
    const { nino, partnerNino } = SHOWCASE.ucFamily;
    const death = await system.graphql(`mutation Died($nino: NINO!, $on: Date!, $key: String!) { reportDeath(nino: $nino, dateOfDeath: $on, idempotencyKey: $key) { id } }`, {
      nino,
      on: isoDay(-1),
      key: randomUUID(),
    });
    const changeId = death.body.data!.reportDeath.id as string;
    // Every system's delivery done, not only CIS's: a delivery still running would read its system's
    // history in the background, and the next test counts history calls.
    await waitForChange(system, changeId, (current) => current.status === 'COMPLETED');

    const kindsOf = async (of: string, headers?: Record<string, string>) =>
      nodesOf(connectionOf(await timeline(of, { first: 50, kinds: ['DEATH_RECORDED', 'CHANGE_DELIVERED', 'REVIEW_TASK_RAISED'] }, headers)))
        .filter((event) => event.changeId === changeId)
        .map((event) => [event.kind, event.system]);
    expect(await kindsOf(nino)).toEqual(expect.arrayContaining([['DEATH_RECORDED', null], ['CHANGE_DELIVERED', 'cis']]));
    expect(await kindsOf(partnerNino)).toEqual([['REVIEW_TASK_RAISED', null]]);
    expect(await kindsOf(partnerNino, await system.as({ role: 'citizen', nino: partnerNino }))).toEqual([]);
  });

  it('asks each system for its history once per request, however many fields ask, batched across citizens', async () => {
    await system.resetStats();
    const result = await system.graphql(
      `query Twice($nino: NINO!) { citizen(nino: $nino) {
        newest: events(first: 1) { edges { node { kind } } }
        payments: events(first: 5, kinds: [PAYMENT_MADE]) { edges { node { amount } } } } }`,
      { nino: HAROLD },
    );
    expect(result.body.data?.citizen?.payments.edges.length).toBeGreaterThan(0);
    const stats = await system.stats();
    expect([stats.cis.operations.history, stats.uc.operations.batchGetHistory, stats.pscs.operations.GetCustomerHistory, stats.disability.operations.history, stats.payments.operations.customerHistory, stats.jsaps.operations.history]).toEqual([1, 1, 1, 1, 1, 1]);

    // Three citizens' timelines in one caseload: batch systems asked once, one-at-a-time systems once per citizen.
    await system.resetStats();
    const caseload = await system.graphql(`query Three($ninos: [NINO!]!) { citizens(ninos: $ninos) { events(first: 3) { edges { node { kind } } } } }`, { ninos: [RHYS, HAROLD, NATALIE] });
    expect(caseload.body.errors).toBeUndefined();
    const batched = await system.stats();
    expect([batched.cis.operations.history, batched.uc.operations.batchGetHistory, batched.payments.operations.customerHistory, batched.jsaps.operations.history]).toEqual([1, 1, 1, 1]);
    expect([batched.pscs.operations.GetCustomerHistory, batched.disability.operations.history]).toEqual([3, 3]);

    // Kinds only our store holds need no system at all.
    await system.resetStats();
    const reports = await timeline(HAROLD, { kinds: ['CHANGE_REPORTED', 'DEATH_RECORDED'] });
    expect(reports.body.errors).toBeUndefined();
    expect((await system.stats()).cis.operations.history ?? 0).toBe(0);
  });

  it('tells each award\'s uprating to this year\'s rates, read from each system\'s own codes (CIS, PSCS, JSAPS)', async () => {
    const uprated = async (nino: string) =>
      nodesOf(connectionOf(await timeline(nino, { first: 50, kinds: ['AWARD_CHANGED'] }))).map((event) => `${event.system}:${event.benefit}:${event.occurredAt}:${event.summary}`);
    expect(await uprated(HAROLD)).toEqual(['cis:PC:2026-04-06:PC award changed', 'pscs:SP:2026-04-06:SP award changed']);
    expect(await uprated(SHOWCASE.jsaClaimant.nino)).toEqual(['jsaps:JSA:2026-04-06:JSA award changed']);
  });

  it('serves what arrived when a system is down, with one null edge naming that system on every page', async () => {
    const healthy = nodesOf(connectionOf(await timeline(HAROLD, { first: 50 })));
    expect(healthy.some((event) => event.system === 'cis')).toBe(true);
    await system.setFaults('cis', { outage: true });
    try {
      const result = await timeline(HAROLD, { first: 50 });
      expect(gapsIn(result)).toContain('LEGACY_UNAVAILABLE:cis');
      const connection = connectionOf(result);
      const gapsAt = connection.edges.flatMap((edge, index) => (edge === null ? [index] : []));
      expect(gapsAt.every((index) => index >= connection.edges.length - gapsIn(result).length)).toBe(true);
      // Our own store still tells what it knows; only CIS's records are missing.
      expect(nodesOf(connection)).toEqual(healthy.filter((event) => event.system !== 'cis' || event.kind === 'CHANGE_DELIVERED'));
    } finally {
      await system.setFaults('cis', { outage: false });
    }
  });

  it('lets a citizen read their own timeline, and refuses another citizen\'s, partners and analysts', async () => {
    const own = await timeline(HAROLD, { first: 5 }, await system.as({ role: 'citizen', nino: HAROLD }));
    expect(nodesOf(connectionOf(own)).length).toBeGreaterThan(0);

    for (const [caller, purpose, code] of [
      [{ role: 'citizen' as const, nino: MARGARET }, undefined, 'FORBIDDEN'],
      [{ role: 'analyst' as const }, 'STUDY-1', 'FORBIDDEN'],
      // A partner body runs nothing outside the persisted-operation manifest, which holds no timeline.
      [{ role: 'partner' as const, org: 'NHS', scopes: ['check:prescription-exemption' as const] }, undefined, 'PERSISTED_QUERY_REQUIRED'],
    ] as const) {
      const refused = await timeline(HAROLD, { first: 5 }, await system.as(caller, purpose));
      expect(refused.body.data?.citizen?.events ?? null).toBeNull();
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toContain(code);
    }
  });

  it('refuses a forged cursor, another citizen\'s cursor and a page over 100, with catalogued codes and no legacy call', async () => {
    const susans = connectionOf(await timeline(SUSAN, { first: 1 })).pageInfo.endCursor!;
    expect(susans).toEqual(expect.any(String));
    const harolds = connectionOf(await timeline(HAROLD, { first: 1 })).pageInfo.endCursor!;
    const [payload, signature] = harolds.split('.');
    const forged = `${Buffer.from(JSON.stringify(['2099-01-01T00:00:00.000Z', 'x'])).toString('base64url')}.${signature}`;
    expect(forged.split('.')[0]).not.toBe(payload);

    await system.resetStats();
    for (const [variables, code] of [
      [{ after: forged }, 'INVALID_CURSOR'],
      [{ after: susans }, 'INVALID_CURSOR'],
      [{ after: 'not-a-cursor' }, 'INVALID_CURSOR'],
    ] as const) {
      const result = await timeline(HAROLD, variables);
      expect(result.body.data?.citizen?.events ?? null).toBeNull();
      expect(result.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(result.text).not.toMatch(/at |\.ts:/);
    }
    // A page over 100 asking little is refused for its size; asking every event field, for the query's cost first.
    const small = await system.graphql('query Small($nino: NINO!, $first: Int) { citizen(nino: $nino) { events(first: $first) { pageInfo { hasNextPage } } } }', { nino: HAROLD, first: 101 });
    expect(small.body.data?.citizen?.events ?? null).toBeNull();
    expect(small.body.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect((await timeline(HAROLD, { first: 101 })).body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect((await system.stats()).cis.operations.history ?? 0).toBe(0);
  });
});
