import { readFileSync } from 'node:fs';
import type { Person } from '../legacy-estate/index.ts';

/**
 * What the benchmark asks and how it judges each answer. Pure: a request is a function of
 * the workload, the citizens, the credentials and its index, so the load generator (its own
 * process) and the tests build exactly the same requests.
 */

/** The parts of a synthetic citizen the operations need, copied from the estate's population. */
export interface BenchCitizen {
  readonly nino: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly dateOfBirth: string;
  readonly postcode: string | null;
  readonly bank: { readonly sortCode: string; readonly accountNumber: string } | null;
}

export function benchCitizen(person: Person): BenchCitizen {
  const home = person.addresses.find((spell) => spell.type === 'RES' && spell.end === null) ?? person.addresses.at(-1);
  return {
    nino: person.nino,
    familyName: person.surname,
    givenName: person.forename1,
    dateOfBirth: person.dateOfBirth,
    postcode: home?.address.postcode ?? null,
    bank: person.paymentAccount ? { sortCode: person.paymentAccount.sortCode, accountNumber: person.paymentAccount.accountNumber } : null,
  };
}

/** Caller tokens, a pool of distinct subjects per role so no cache or limit sees one caller. */
export interface Credentials {
  readonly agents: readonly string[];
  readonly partners: readonly string[];
}

export interface WorkloadContext {
  readonly citizens: readonly BenchCitizen[];
  readonly credentials: Credentials;
  /** Partners send persisted-operation ids (our gateway); the peers know no manifest, so they get the body. */
  readonly persistedOperations: boolean;
}

type Data = Record<string, unknown>;
type Caller = 'agent' | 'partner';

interface Operation {
  readonly caller: Caller;
  body(citizen: BenchCitizen, persisted: boolean): Record<string, unknown>;
  /** True when `data` is the answer this operation must give for this citizen. */
  check(data: Data, citizen: BenchCitizen): boolean;
}

/** The case reference every caseworker request declares. */
export const PURPOSE = 'BENCH-2026-0001';

const WHOLE_CITIZEN = `query WholeCitizen($nino: NINO!) {
  citizen(nino: $nino) {
    nino
    name { fullName }
    dateOfBirth
    restricted
    contact { phone mobile email }
    currentAddress { lines postTown postcode }
    addressHistory { type from to address { postcode } }
    awards {
      benefit status amount paymentFrequency
      components { kind rate weeklyAmount monthlyAmount }
      nextPayment { date amount }
      recentPayments { date amount }
    }
    bankAccount { sortCode accountNumber masked accountHolderName }
    relationships { type from citizen { nino name { fullName } awards { benefit } } }
  }
}`;

/** The same view without the household: the citizen's own record, relationships named but not followed. */
const SINGLE_VIEW = WHOLE_CITIZEN.replace('query WholeCitizen', 'query SingleView').replace(/relationships \{[^\n]*\n/, 'relationships { type from }\n');

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const citizenIs = (data: Data, citizen: BenchCitizen) => isObject(data.citizen) && data.citizen.nino === citizen.nino;

function query(text: string, variables: Record<string, unknown>) {
  const operationName = /^query (\w+)/.exec(text)?.[1];
  return { query: text, ...(operationName ? { operationName } : {}), variables };
}

interface ManifestOperation {
  readonly id: string;
  readonly name: string;
  readonly body: string;
}

const MANIFEST = JSON.parse(readFileSync(new URL('../schema/persisted-operations.json', import.meta.url), 'utf8')) as { operations: ManifestOperation[] };

/** A partner's yes/no check: the persisted operation by id, or its body for a gateway without the manifest. */
function partnerCheck(name: string): Operation {
  const operation = MANIFEST.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`${name} is not in schema/persisted-operations.json`);
  const field = /{\s*(\w+)\(/.exec(operation.body)?.[1];
  if (!field) throw new Error(`${name}: cannot tell which field it asks for`);
  return {
    caller: 'partner',
    body: (citizen, persisted) =>
      persisted
        ? { operationName: name, variables: { nino: citizen.nino }, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }
        : query(operation.body, { nino: citizen.nino }),
    check: (data) => isObject(data[field]) && typeof data[field].reference === 'string',
  };
}

/** A valid sort code and account number, for citizens who have no bank account on record. */
const EXAMPLE_BANK = { sortCode: '089999', accountNumber: '66374958' };

export const OPERATIONS = {
  wholeCitizen: {
    caller: 'agent',
    body: (citizen) => query(WHOLE_CITIZEN, { nino: citizen.nino }),
    check: (data, citizen) => citizenIs(data, citizen) && Array.isArray((data.citizen as Data).awards) && Array.isArray((data.citizen as Data).relationships),
  },
  singleView: {
    caller: 'agent',
    body: (citizen) => query(SINGLE_VIEW, { nino: citizen.nino }),
    check: (data, citizen) => citizenIs(data, citizen) && Array.isArray((data.citizen as Data).awards) && Array.isArray((data.citizen as Data).relationships),
  },
  trivial: {
    caller: 'agent',
    body: () => ({ query: '{ __typename }' }),
    check: (data) => data.__typename === 'Query',
  },
  personalDetails: {
    caller: 'agent',
    body: (citizen) =>
      query('query PersonalDetails($nino: NINO!) { citizen(nino: $nino) { nino name { fullName } dateOfBirth contact { phone mobile email } currentAddress { lines postTown postcode } } }', { nino: citizen.nino }),
    check: (data, citizen) => citizenIs(data, citizen) && isObject((data.citizen as Data).name),
  },
  awardDetails: {
    caller: 'agent',
    body: (citizen) =>
      query('query AwardDetails($nino: NINO!) { citizen(nino: $nino) { nino awards { benefit status amount paymentFrequency nextPayment { date amount } } } }', { nino: citizen.nino }),
    check: (data, citizen) => citizenIs(data, citizen) && Array.isArray((data.citizen as Data).awards),
  },
  addressLookup: {
    caller: 'agent',
    body: (citizen) => query('query AddressLookup($postcode: Postcode!) { addressLookup(postcode: $postcode) { lines postTown postcode uprn } }', { postcode: citizen.postcode ?? 'LS1 4AP' }),
    check: (data) => Array.isArray(data.addressLookup) && data.addressLookup.length > 0,
  },
  trace: {
    caller: 'agent',
    body: (citizen) =>
      query('query Trace($familyName: String!, $givenName: String, $dateOfBirth: Date!) { traceCitizen(familyName: $familyName, givenName: $givenName, dateOfBirth: $dateOfBirth) { matches { score matchedOn citizen { nino } } } }', {
        familyName: citizen.familyName,
        givenName: citizen.givenName,
        dateOfBirth: citizen.dateOfBirth,
      }),
    check: (data, citizen) =>
      isObject(data.traceCitizen) && Array.isArray(data.traceCitizen.matches) && data.traceCitizen.matches.some((match) => isObject(match) && isObject(match.citizen) && match.citizen.nino === citizen.nino),
  },
  bankValidation: {
    caller: 'agent',
    body: (citizen) => query('query Bank($sortCode: SortCode!, $accountNumber: AccountNumber!) { validateBankDetails(sortCode: $sortCode, accountNumber: $accountNumber) { valid checked reason } }', { ...(citizen.bank ?? EXAMPLE_BANK) }),
    check: (data) => isObject(data.validateBankDetails) && typeof data.validateBankDetails.valid === 'boolean',
  },
  prescriptionExemption: partnerCheck('PrescriptionExemptionCheck'),
  freeSchoolMeals: partnerCheck('FreeSchoolMealsCheck'),
  healthyStart: partnerCheck('HealthyStartCheck'),
  vehicleTax: partnerCheck('VehicleTaxExemptionCheck'),
  taxFreeChildcare: partnerCheck('TaxFreeChildcareCheck'),
  rightToReside: partnerCheck('RightToResideCheck'),
} satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;

/**
 * The department's most-used calls, in percent. Partner checks are the bulk of the traffic
 * (every prescription and school-meals claim asks one), caseworkers mostly look at personal
 * details and awards, and the whole citizen with household is the minority it is on a desk.
 */
export const MIX = {
  personalDetails: 25,
  awardDetails: 20,
  prescriptionExemption: 8,
  freeSchoolMeals: 5,
  healthyStart: 3,
  vehicleTax: 3,
  taxFreeChildcare: 3,
  rightToReside: 3,
  addressLookup: 8,
  trace: 6,
  bankValidation: 8,
  wholeCitizen: 8,
} as const satisfies Partial<Record<OperationName, number>>;

/** What one run sends: the mix, or any one operation alone. */
export type WorkloadName = 'mix' | OperationName;

function weightsOf(workload: WorkloadName): Readonly<Partial<Record<OperationName, number>>> {
  return workload === 'mix' ? MIX : { [workload]: 100 };
}

/** The share (0-1) of a workload's requests that ask each of its operations, heaviest first. */
function sharesOf(workload: WorkloadName): Array<[OperationName, number]> {
  const weights = Object.entries(weightsOf(workload)) as [OperationName, number][];
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  return weights.map(([name, weight]): [OperationName, number] => [name, weight / total]).sort((a, b) => b[1] - a[1]);
}

const MIX_SHARES = new Map(sharesOf('mix'));

/** The operations of the mix, heaviest share first. */
export const MIX_OPERATIONS = [...MIX_SHARES.keys()];

/** The share (0-1) of the mix's requests that ask this operation; 0 for one the mix leaves out. */
export function shareOfMix(operation: OperationName): number {
  return MIX_SHARES.get(operation) ?? 0;
}

/**
 * One cycle of operations, each as often as its weight, spread evenly (smooth weighted
 * round robin): any stretch of requests carries close to the stated mix.
 */
export function schedule(workload: WorkloadName): OperationName[] {
  const weights = Object.entries(weightsOf(workload)) as [OperationName, number][];
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const current = new Map(weights.map(([name]) => [name, 0]));
  const cycle: OperationName[] = [];
  for (let slot = 0; slot < total; slot++) {
    for (const [name, weight] of weights) current.set(name, current.get(name)! + weight);
    const [chosen] = weights.reduce((best, entry) => (current.get(entry[0])! > current.get(best[0])! ? entry : best));
    current.set(chosen, current.get(chosen)! - total);
    cycle.push(chosen);
  }
  return cycle;
}

export interface PreparedRequest {
  readonly operation: OperationName;
  /** Index into the context's citizens, so the answer can be checked against the citizen asked about. */
  readonly citizen: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Request number `index` of a workload: the next citizen each time, callers taken in turn from the pool. */
export function requestAt(workload: WorkloadName, cycle: readonly OperationName[], context: WorkloadContext, index: number): PreparedRequest {
  const operation = cycle[index % cycle.length]!;
  const definition: Operation = OPERATIONS[operation];
  const citizenIndex = index % context.citizens.length;
  const tokens = definition.caller === 'agent' ? context.credentials.agents : context.credentials.partners;
  return {
    operation,
    citizen: citizenIndex,
    body: JSON.stringify(definition.body(context.citizens[citizenIndex]!, context.persistedOperations)),
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[index % tokens.length]}`,
      ...(definition.caller === 'agent' ? { 'x-purpose': PURPOSE } : {}),
    },
  };
}

/**
 * - `ok`: the whole answer, of the expected shape;
 * - `partial`: data with only legacy-failure errors (a slow or dead system cost its part);
 * - `shed`: refused by overload protection (429 or 503), to be retried later;
 * - `error`: anything else.
 */
export type Outcome = 'ok' | 'partial' | 'shed' | 'error';

export interface Verdict {
  readonly outcome: Outcome;
  /** Why it is not `ok`: an HTTP status, error codes or `unexpected answer`. */
  readonly reason?: string;
  /** The first error's message, for whoever has to find out why (synthetic data only). */
  readonly detail?: string;
}

const LEGACY_FAILURES = new Set(['LEGACY_UNAVAILABLE', 'LEGACY_TIMEOUT']);

export function judge(operation: OperationName, citizen: BenchCitizen, status: number, body: string): Verdict {
  if (status === 429 || status === 503) return { outcome: 'shed', reason: `HTTP ${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { outcome: 'error', reason: `HTTP ${status}, not JSON` };
  }
  if (!isObject(parsed)) return { outcome: 'error', reason: `HTTP ${status}, not a GraphQL response` };
  const codes = Array.isArray(parsed.errors) ? parsed.errors.map((error) => (isObject(error) && isObject(error.extensions) ? String(error.extensions.code) : 'NO_CODE')) : [];
  if (status !== 200 && codes.length === 0) return { outcome: 'error', reason: `HTTP ${status}` };
  const data = isObject(parsed.data) ? parsed.data : undefined;
  if (codes.length > 0) {
    const reason = [...new Set(codes)].sort().join(',');
    const first = (parsed.errors as unknown[])[0];
    const detail = isObject(first) && typeof first.message === 'string' ? first.message.slice(0, 200) : undefined;
    return { outcome: data && codes.every((code) => LEGACY_FAILURES.has(code)) ? 'partial' : 'error', reason, ...(detail ? { detail } : {}) };
  }
  if (!data) return { outcome: 'error', reason: 'no data' };
  const definition: Operation = OPERATIONS[operation];
  return definition.check(data, citizen) ? { outcome: 'ok' } : { outcome: 'error', reason: 'unexpected answer' };
}

/** The mix as the results state it: `name pct%`, heaviest first. */
export function describeWorkload(workload: WorkloadName): string {
  return sharesOf(workload)
    .map(([name, share]) => `${name} ${Math.round(share * 1000) / 10}%`)
    .join(', ');
}
