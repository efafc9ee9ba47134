import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import type { TestSystem } from './harness.ts';
import {
  CHANGE_FIELDS,
  copiesOf,
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
beforeAll(async () => {
  system = await startChangesSystem();
});
afterAll(async () => {
  await system?.close();
});

describe('reportAddressChange, through the gateway', () => {
  it('a citizen reports their own move: stored with CIS first and the rest held for it, then CIS holds it exactly once', async () => {
    const citizen = await system.as({ role: 'citizen', nino: RHYS });
    const change = reported(await system.graphql(REPORT_ADDRESS, { nino: RHYS, uprn: someoneElsesUprn(system, RHYS), effectiveDate: isoDay(), key: randomUUID() }, citizen));
    expect(change.status).toBe('IN_PROGRESS');
    expect(change.deliveries[0]).toMatchObject({ system: 'cis' });
    expect(change.deliveries.filter((delivery) => delivery.system !== 'cis').every((delivery) => delivery.status === 'WAITING' || delivery.status === 'PENDING')).toBe(true);

    const done = await waitForChange(system, change.id, (progress) => deliveryTo(progress, 'cis')?.status === 'DELIVERED');
    expect(deliveryTo(done, 'cis')).toMatchObject({ attempts: 1, lastError: null, deliveredAt: expect.any(String) });
    expect((await copiesOf(system, RHYS, change.id)).cis).toBe(1);
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
});
