import { request } from 'undici';
import { expect } from 'vitest';
import { COMPONENTS } from '../bin/start-system.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/**
 * Settings that make the delivery queue quick to watch in a test: polled every half second,
 * retried after 1-2 s, a dead worker's job taken back after 5 s (a write's own budget is 4 s).
 * Production keeps the defaults (see README, Configuration).
 */
export const QUICK_QUEUE: Readonly<Record<string, string>> = {
  QUEUE_POLLING_INTERVAL_SECONDS: '0.5',
  QUEUE_MONITOR_INTERVAL_SECONDS: '1',
  DELIVERY_RETRY_DELAY_SECONDS: '1',
  DELIVERY_RETRY_DELAY_MAX_SECONDS: '2',
  LEGACY_WRITE_DEADLINE_MS: '4000',
  DELIVERY_EXPIRE_SECONDS: '5',
  // Outages in these tests must not open a breaker that outlives them.
  LEGACY_BREAKER_MIN_CALLS: '1000',
};

/** Long enough for a delivery held up by a retry or an expired worker, far from any test's timeout. */
export const DELIVERY_WAIT_MS = 30_000;

export const CHANGE_FIELDS = 'id kind status reportedAt effectiveDate deliveries { system status attempts lastError { system code } deliveredAt } confirmation { channel sentAt }';

export const REPORT_ADDRESS = `mutation Move($nino: NINO!, $uprn: String!, $effectiveDate: Date, $key: String!) {
  reportAddressChange(nino: $nino, uprn: $uprn, effectiveDate: $effectiveDate, idempotencyKey: $key) { ${CHANGE_FIELDS} } }`;

export interface Delivery {
  system: string;
  status: string;
  attempts: number;
  lastError: { system: string; code: string } | null;
  deliveredAt: string | null;
}

export interface ChangeView {
  id: string;
  status: string;
  reportedAt: string;
  deliveries: Delivery[];
  confirmation: { channel: string; sentAt: string } | null;
}

/** The whole system with its delivery worker in process, on a quick queue. */
export async function startChangesSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  return startTestSystem({ ...QUICK_QUEUE, ...env }, { components: COMPONENTS });
}

/** Today and `days` from it, as ISO dates. */
export function isoDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Each system's own records of the citizen, as the estate's control API shows them. */
export async function recordsOf(system: TestSystem, nino: string): Promise<Record<string, Array<{ reference: string; kind: string }>>> {
  const response = await request(`${system.system.estate!.url}/__records/${nino}`);
  return (await response.body.json()) as Record<string, Array<{ reference: string; kind: string }>>;
}

/** How many records of this change each system holds. */
export async function copiesOf(system: TestSystem, nino: string, changeId: string): Promise<Record<string, number>> {
  const records = await recordsOf(system, nino);
  return Object.fromEntries(Object.entries(records).map(([id, list]) => [id, list.filter((record) => record.reference === changeId).length]));
}

export async function changeStatus(system: TestSystem, id: string, headers?: Record<string, string>): Promise<ChangeView> {
  const result = await system.graphql(`query Progress($id: ID!) { change(id: $id) { ${CHANGE_FIELDS} } }`, { id }, headers);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.change as ChangeView;
}

/** Waits (bounded) until `check` holds of the change's progress, and returns it. */
export async function waitForChange(system: TestSystem, id: string, check: (change: ChangeView) => boolean): Promise<ChangeView> {
  let last: ChangeView | undefined;
  await expect
    .poll(
      async () => {
        last = await changeStatus(system, id);
        return check(last);
      },
      { timeout: DELIVERY_WAIT_MS, interval: 100 },
    )
    .toBe(true);
  return last!;
}

export function deliveryTo(change: ChangeView, system: string): Delivery | undefined {
  return change.deliveries.find((delivery) => delivery.system === system);
}

export function reported(result: GraphQLResult): ChangeView {
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.reportAddressChange as ChangeView;
}

/** An address someone else in the population lives at, by UPRN: somewhere real to move to. */
export function someoneElsesUprn(system: TestSystem, nino: string): string {
  const other = system.system.estate!.population.people.find((person) => person.nino !== nino && person.addresses.length > 0 && !person.restricted)!;
  return other.addresses.at(-1)!.address.uprn;
}
