import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * What an operator scrapes from the operations port after real requests, and the Grafana
 * dashboard in ops/grafana/ checked against it: a panel naming a metric the system does not
 * export would show nothing, silently.
 */
const DASHBOARD = new URL('../ops/grafana/citizen-graph.json', import.meta.url);

let system: TestSystem;
let scrape: string;
beforeAll(async () => {
  system = await startTestSystem();
  // The hook the tell-us-once delivery worker supplies.
  system.system.metrics.showDeliveryQueues(async () => ({ 'tell-us-once': { depth: 3, oldestAgeSeconds: 42.5 } }));
  const { nino } = SHOWCASE.pensionerCouple;
  expect((await system.graphql('query WholeCitizen($nino: NINO!) { citizen(nino: $nino) { name { fullName } awards { benefit } bankAccount { masked } } }', { nino })).body.errors).toBeUndefined();
  expect((await system.graphql('{ citizen(nino: "SC100021A") { nino } }', {}, {})).status).toBe(401);
  await system.setFaults('pscs', { outage: true });
  expect((await system.graphql('query Pension($nino: NINO!) { citizen(nino: $nino) { awards { benefit } } }', { nino })).body.errors?.length).toBeGreaterThan(0);
  await system.setFaults('pscs', {});
  scrape = (await system.send(`${system.system.ops!.url}/metrics`)).text;
});
afterAll(() => system?.close());

/** The value of one sample in the scrape, by its exact name and labels. */
function sample(name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of scrape.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}')).split(',');
    if (wanted.every((pair) => inside.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('the metrics on the operations port', () => {
  it('time each request by operation and client, the histogram counting them', () => {
    expect(sample('citizen_graph_request_duration_seconds_count', { operation: 'WholeCitizen', client: 'agent/DWP' })).toBe(1);
    expect(sample('citizen_graph_request_duration_seconds_bucket', { operation: 'WholeCitizen', client: 'agent/DWP', le: '+Inf' })).toBe(1);
  });

  it('count errors by server and code, refusals before GraphQL ran included', () => {
    expect(sample('citizen_graph_errors_total', { service: 'gateway', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample('citizen_graph_errors_total', { service: 'gateway', code: 'LEGACY_UNAVAILABLE' })).toBeGreaterThan(0);
    expect(sample('citizen_graph_errors_total', { service: 'awards', code: 'LEGACY_UNAVAILABLE' })).toBeGreaterThan(0);
  });

  it('time each subgraph fetch and each audit write', () => {
    expect(sample('citizen_graph_subgraph_fetch_seconds_count', { subgraph: 'identity', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample('citizen_graph_subgraph_fetch_seconds_count', { subgraph: 'bank', outcome: 'ok' })).toBe(1);
    // One entry per request that reached Apollo: the two answered, and the refusal is audited too only once its caller is known.
    expect(sample('citizen_graph_audit_write_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
  });

  it('count the entries each audit statement carried: every entry written is in exactly one statement', () => {
    const statements = sample('citizen_graph_audit_batch_entries_count', { outcome: 'ok' })!;
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(sample('citizen_graph_audit_batch_entries_sum', { outcome: 'ok' })).toBe(sample('citizen_graph_audit_write_seconds_count', { outcome: 'ok' }));
    expect(sample('citizen_graph_audit_batch_entries_bucket', { outcome: 'ok', le: '+Inf' })).toBe(statements);
  });

  it('show the tell-us-once queue as the delivery worker reports it', () => {
    expect(sample('citizen_graph_tell_us_once_queue_depth', { queue: 'tell-us-once' })).toBe(3);
    expect(sample('citizen_graph_tell_us_once_delivery_age_seconds', { queue: 'tell-us-once' })).toBe(42.5);
  });
});

/** Every metric name the scrape declares, with the series names a histogram or summary exports under it. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** PromQL words that are not metric names. */
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names one PromQL expression reads: identifiers that are neither functions, keywords, label names nor values. */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges, $__rate_interval
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // grouping labels
  return [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)].filter(([, word, call]) => !call && !PROMQL_WORDS.has(word!.toLowerCase())).map(([, word]) => word!);
}

interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: Array<{ expr: string }>;
  readonly panels?: Panel[];
}

describe('the Grafana dashboard (ops/grafana/citizen-graph.json)', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[]; __inputs: Array<{ name: string; pluginId: string }> };
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');

  it('reads PromQL the way the check below relies on', () => {
    expect(metricsIn('histogram_quantile(0.95, sum by (le, operation) (rate(citizen_graph_request_duration_seconds_bucket{service!="x"}[$__rate_interval])))')).toEqual(['citizen_graph_request_duration_seconds_bucket']);
    expect(metricsIn('sum(rate(a_total{outcome="error"}[5m])) / sum(rate(b_total[5m]))')).toEqual(['a_total', 'b_total']);
  });

  it('asks Grafana for a Prometheus data source on import', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', pluginId: 'prometheus' })]);
  });

  it('queries, in every panel, only metrics the system exports', () => {
    const exported = exportedNames(scrape);
    expect(exported.has('citizen_graph_legacy_call_seconds_bucket')).toBe(true);
    const unknown: string[] = [];
    for (const panel of panels) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets ?? []) {
        const names = metricsIn(expr);
        expect(names.length, `${panel.title}: ${expr}`).toBeGreaterThan(0);
        unknown.push(...names.filter((name) => !exported.has(name)).map((name) => `${panel.title}: ${name}`));
      }
    }
    expect(unknown).toEqual([]);
  });

  it('covers the metrics an operator needs: requests, errors, subgraphs, legacy calls, breakers, audit and the tell-us-once queue', () => {
    const queried = new Set(panels.flatMap((panel) => (panel.targets ?? []).flatMap(({ expr }) => metricsIn(expr))));
    for (const name of [
      'citizen_graph_request_duration_seconds_count',
      'citizen_graph_request_duration_seconds_bucket',
      'citizen_graph_errors_total',
      'citizen_graph_subgraph_fetch_seconds_bucket',
      'citizen_graph_legacy_call_seconds_bucket',
      'citizen_graph_legacy_breaker',
      'citizen_graph_audit_write_seconds_bucket',
      'citizen_graph_audit_batch_entries_bucket',
      'citizen_graph_tell_us_once_queue_depth',
      'citizen_graph_tell_us_once_delivery_age_seconds',
    ]) expect(queried, name).toContain(name);
  });
});
