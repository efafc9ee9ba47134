import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE, startEstate } from './index.ts';
import type { Estate, SystemId } from './index.ts';

/** Each system over real HTTP on port 0, in its own wire format. */
const AS_OF = '2026-11-25';
let estate: Estate;

beforeAll(async () => {
  estate = await startEstate({ port: 0, host: '127.0.0.1', seed: 7, size: 300, asOf: AS_OF });
});
afterAll(async () => {
  await estate.close();
});

async function call(id: SystemId, path: string, init: RequestInit = {}) {
  const response = await fetch(estate.systemUrl(id) + path, init);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}
const postJson = (id: SystemId, path: string, body: unknown) =>
  call(id, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const manyNinos = (count: number) => Array.from({ length: count }, (_, index) => `AB${String(index).padStart(6, '0')}C`);

function soap(nino: string, action = '"urn:pscs:GetPensionAward"') {
  const body =
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:psc="urn:dwp:pscs:v3">' +
    `<soapenv:Body><psc:GetPensionAwardRequest><psc:NINO>${nino}</psc:NINO></psc:GetPensionAwardRequest></soapenv:Body></soapenv:Envelope>`;
  return call('pscs', '/StatePensionService', { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: action }, body });
}

describe('CIS', () => {
  const { nino, partnerNino } = SHOWCASE.pensionerCouple;

  it('answers a persons enquiry in UPPER_SNAKE with YYYYMMDD dates, unknown NINOs listed apart', async () => {
    const { status, body } = await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: [nino, 'AB123456C'] });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      RETURN_CD: '0000',
      PERSON_LIST: [
        {
          NINO: nino, TITLE_CD: 'MR', FORENAME_1: 'Harold', FORENAME_2: 'James', SURNAME: 'Brierley', SEX_CD: 'M', BIRTH_DT: '19460312', DEATH_DT: '',
          RESTRICTION_CD: 'NONE', PREF_LANG_CD: 'EN', TEL_NO: '0113 496 0417', MOBILE_NO: '', EMAIL_ADDR: '',
        },
      ],
      NOT_FOUND_LIST: ['AB123456C'],
    });
  });

  it('lists addresses, relationships and award summaries', async () => {
    const addresses = JSON.parse((await postJson('cis', '/v1/addresses/enquiry', { NINO_LIST: [partnerNino] })).body);
    expect(addresses.ADDRESS_LIST).toEqual([
      expect.objectContaining({ NINO: partnerNino, ADDR_SEQ: 1, ADDR_TYPE_CD: 'RES', END_DT: '', POST_TOWN: 'LEEDS' }),
      expect.objectContaining({ NINO: partnerNino, ADDR_SEQ: 2, ADDR_TYPE_CD: 'COR', START_DT: '20210510' }),
    ]);
    const relationships = JSON.parse((await postJson('cis', '/v1/relationships/enquiry', { NINO_LIST: [partnerNino] })).body);
    expect(relationships.RELATIONSHIP_LIST).toContainEqual({ NINO: partnerNino, REL_TYPE_CD: 'APTE', REL_NINO: SHOWCASE.pensionerCouple.appointeeNino, START_DT: '20210510', END_DT: '' });
    const awards = JSON.parse((await postJson('cis', '/v1/awards/enquiry', { NINO_LIST: [nino] })).body);
    expect(awards.AWARD_LIST).toEqual([
      expect.objectContaining({ NINO: nino, BEN_CD: 'PC', STATUS_CD: 'LIVE', COMPONENT_CD: 'GC', WKLY_AMT: '104.39', PAY_FREQ_CD: '4W', PAY_DAY_CD: '2' }),
    ]);
  });

  it('traces everyone born on a date, with their current postcode', async () => {
    const { status, body } = await call('cis', '/v1/persons/trace?SURNAME=BRIERLEY&BIRTH_DT=19460312');
    expect(status).toBe(200);
    expect(JSON.parse(body).PERSON_LIST).toContainEqual(expect.objectContaining({ NINO: nino, CURR_POSTCODE: expect.stringMatching(/^LS8 /) }));
  });

  it.each([
    ['a trace without BIRTH_DT', () => call('cis', '/v1/persons/trace?SURNAME=SMITH')],
    ['more than 100 NINOs', () => postJson('cis', '/v1/persons/enquiry', { NINO_LIST: manyNinos(101) })],
    ['a body without NINO_LIST', () => postJson('cis', '/v1/awards/enquiry', { ninos: [nino] })],
    ['a body that is not JSON', () => call('cis', '/v1/persons/enquiry', { method: 'POST', body: 'NINO=SC100021A' })],
  ])('refuses %s with 400 E102', async (_name, send) => {
    const { status, body } = await send();
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ RETURN_CD: 'E102' });
  });
});

describe('UC platform', () => {
  it('returns joint claims with six assessment periods, newest first', async () => {
    const { nino, partnerNino } = SHOWCASE.ucFamily;
    const { status, body } = await postJson('uc', '/v2/claimants:batchGet', { ninos: [nino, SHOWCASE.noAwards.nino] });
    expect(status).toBe(200);
    const answer = JSON.parse(body);
    expect(answer.notFound).toEqual([SHOWCASE.noAwards.nino]);
    const claim = answer.claimants[0].claim;
    expect(claim).toMatchObject({ claimId: 'UC9000000001', status: 'OPEN', startDate: '2023-05-14', assessmentPeriodStartDay: 14, claimantType: 'COUPLE', partnerNino });
    expect(claim.assessmentPeriods).toHaveLength(6);
    expect(claim.assessmentPeriods[0]).toEqual({ start: '2026-10-14', end: '2026-11-13', earningsPence: 39500, awardPence: 230173, paymentDate: '2026-11-20' });
    expect(claim.habitualResidence).toEqual({ outcome: 'PASSED', decidedOn: '2023-05-22' });
  });

  it('refuses more than 50 NINOs with a problem document', async () => {
    const { status, type, body } = await postJson('uc', '/v2/claimants:batchGet', { ninos: manyNinos(51) });
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 400, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
  });
});

describe('State Pension mainframe (SOAP)', () => {
  it('returns the award', async () => {
    const { status, type, body } = await soap(SHOWCASE.pensionerCouple.nino);
    expect(status).toBe(200);
    expect(type).toContain('text/xml');
    for (const element of [
      '<psc:SchemeCode>BSP</psc:SchemeCode>', '<psc:StatusCode>IP</psc:StatusCode>', '<psc:WeeklyRatePence>14792</psc:WeeklyRatePence>',
      '<psc:StatePensionDate>20120312</psc:StatePensionDate>', '<psc:PaymentDayCode>2</psc:PaymentDayCode>', '<psc:PaymentCycle>4W</psc:PaymentCycle>',
      '<psc:LastPaidDate>20261103</psc:LastPaidDate>',
    ]) expect(body).toContain(element);
  });

  it.each([
    ['no State Pension record', () => soap(SHOWCASE.noAwards.nino), 'psc:NO_RECORD'],
    ['an unknown NINO', () => soap('AB123456C'), 'psc:NO_RECORD'],
    ['the wrong SOAPAction', () => soap(SHOWCASE.pensionerCouple.nino, '"urn:pscs:Other"'), 'psc:BAD_REQUEST'],
    ['a body that is not XML', () => call('pscs', '/StatePensionService', { method: 'POST', headers: { soapaction: 'urn:pscs:GetPensionAward' }, body: '<oops' }), 'psc:BAD_REQUEST'],
  ])('answers %s with a SOAP fault', async (_name, send, code) => {
    const { status, body } = await send();
    expect(status).toBe(500);
    expect(body).toContain(`<faultcode>${code}</faultcode>`);
  });
});

describe('disability benefits system (fixed width)', () => {
  it('returns 80-column award records and a trailer', async () => {
    const { status, body } = await call('disability', `/claims/${SHOWCASE.pipClaimant.nino}`);
    expect(status).toBe(200);
    const lines = body.split('\n').filter((line) => line !== '');
    expect(lines.map((line) => line.length)).toEqual([80, 80]);
    const [record = ''] = lines;
    const column = (from: number, to: number) => record.slice(from - 1, to);
    expect([column(1, 3), column(4, 12), column(13, 16), column(17, 17), column(18, 25), column(26, 33)]).toEqual(['AWD', SHOWCASE.pipClaimant.nino, 'PIP ', 'L', '20190722', '20290722']);
    expect([column(34, 35), column(36, 43), column(44, 45), column(46, 53), column(62, 62), column(63, 80).trim()]).toEqual(['DE', '00011460', 'ME', '00008000', '3', '']);
    expect(column(54, 61)).toMatch(/^202611\d\d$/);
    expect(lines[1]).toBe('TRL000001'.padEnd(80));
  });

  it('answers 404 NO CLAIMANT RECORD for a NINO it has never seen', async () => {
    expect(await call('disability', `/claims/${SHOWCASE.noAwards.nino}`)).toMatchObject({ status: 404, body: 'NO CLAIMANT RECORD' });
    expect(await call('disability', '/claims/AB123456C')).toMatchObject({ status: 404, body: 'NO CLAIMANT RECORD' });
  });
});

describe('JSAPS mainframe (pipe-delimited)', () => {
  const enquire = (body: string) => call('jsaps', '/enquiry', { method: 'POST', headers: { 'content-type': 'text/plain' }, body });

  it('answers a header, a CLM record per award and an NFD per unknown NINO, then a trailer', async () => {
    const { status, type, body } = await enquire(`${SHOWCASE.jsaClaimant.nino.toLowerCase()}\nAB123456C\n${SHOWCASE.incomeSupportParent.nino}\n`);
    expect([status, type]).toEqual([200, 'text/plain; charset=utf-8']);
    const lines = body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('HDR|JSAPS|3');
    expect(lines[1]).toMatch(new RegExp(`^CLM\\|${SHOWCASE.jsaClaimant.nino}\\|JSA\\|IB\\|A\\|15052017\\|\\|00009555\\|14\\|\\d{2}112026\\|3$`));
    expect(lines[2]).toBe('NFD|AB123456C');
    expect(lines[3]).toMatch(new RegExp(`^CLM\\|${SHOWCASE.incomeSupportParent.nino}\\|IS\\|--\\|A\\|06032017\\|`));
    expect(lines[4]).toBe('TRL|3');
  });

  it('refuses more than 20 NINOs, or none, in its own error format', async () => {
    expect(await enquire(manyNinos(21).join('\n'))).toMatchObject({ status: 400, body: 'ERR|400|ENQUIRY EXCEEDS 20 NINOS\n' });
    expect(await enquire('\n')).toMatchObject({ status: 400, body: 'ERR|400|NO NINO IN ENQUIRY\n' });
  });
});

describe('Central Payment System', () => {
  it('finds bank details by NINO, with DD/MM/YYYY dates, and says NOT_FOUND otherwise', async () => {
    const refs = [SHOWCASE.pensionerCouple.partnerNino, SHOWCASE.noAwards.nino].map((value) => ({ type: 'NINO', value }));
    const { status, body } = await postJson('payments', '/api/accounts/search', { customerRefs: refs });
    expect(status).toBe(200);
    expect(JSON.parse(body).results).toEqual([
      {
        customerRef: SHOWCASE.pensionerCouple.partnerNino,
        status: 'FOUND',
        paymentAccount: {
          accountType: expect.stringMatching(/^(BANK|BUILDING_SOCIETY)$/), sortCode: expect.stringMatching(/^\d\d-\d\d-\d\d$/), accountNumber: expect.stringMatching(/^\d{8}$/),
          rollNumber: null, accountHolderName: 'MRS S HARTLEY', validatedDate: '01/03/2021',
        },
      },
      { customerRef: SHOWCASE.noAwards.nino, status: 'NOT_FOUND' },
    ]);
  });

  it('refuses more than 25 references with 422 BATCH_TOO_LARGE', async () => {
    const refs = manyNinos(26).map((value) => ({ type: 'NINO', value }));
    expect(await postJson('payments', '/api/accounts/search', { customerRefs: refs })).toMatchObject({ status: 422, body: '{"errorCode":"BATCH_TOO_LARGE"}' });
  });
});

describe('postcode look-up', () => {
  it('lists every address at a postcode, the occupied one and its empty neighbours', async () => {
    const person = estate.population.byNino(SHOWCASE.noAwards.nino);
    const home = person?.addresses.at(-1)?.address;
    if (!home) throw new Error('showcase citizen has no address');
    const { status, body } = await call('postcodes', `/addresses?postcode=${encodeURIComponent(home.postcode.toLowerCase().replace(' ', ''))}`);
    expect(status).toBe(200);
    const answer = JSON.parse(body);
    expect(answer.header.totalresults).toBe(answer.results.length);
    expect(answer.results.length).toBeGreaterThanOrEqual(6);
    expect(answer.results).toContainEqual({ DPA: expect.objectContaining({ UPRN: home.uprn, THOROUGHFARE_NAME: home.thoroughfare.toUpperCase(), POSTCODE: home.postcode }) });
  });

  it('knows about one postcode in five where nobody in the population has ever lived, the same ones for the same seed', async () => {
    const lived = new Set(estate.population.people.flatMap((person) => person.addresses.map((spell) => spell.address.postcode)));
    const empty = estate.population.unoccupiedPostcodes;
    expect(empty.length / (empty.length + lived.size)).toBeCloseTo(0.2, 2);
    expect(empty.filter((postcode) => lived.has(postcode))).toEqual([]);
    for (const postcode of empty.slice(0, 5)) {
      const answer = JSON.parse((await call('postcodes', `/addresses?postcode=${encodeURIComponent(postcode)}`)).body);
      expect(answer.header.totalresults).toBeGreaterThanOrEqual(6);
      expect(answer.results.every(({ DPA }: { DPA: { POSTCODE: string } }) => DPA.POSTCODE === postcode)).toBe(true);
    }
    await using again = await startEstate({ seed: 7, size: 300, asOf: AS_OF });
    expect(again.population.unoccupiedPostcodes).toEqual(empty);
    await using other = await startEstate({ seed: 8, size: 300, asOf: AS_OF });
    expect(other.population.unoccupiedPostcodes).not.toEqual(empty);
  });

  it('finds an address by UPRN, lived at or empty, in the same DPA form, and answers an unknown one with no results', async () => {
    const home = estate.population.byNino(SHOWCASE.pensionerCouple.nino)?.addresses.at(-1)?.address;
    if (!home) throw new Error('showcase citizen has no address');
    const [empty] = estate.population.unoccupiedPostcodes;
    const emptyUprn = JSON.parse((await call('postcodes', `/addresses?postcode=${encodeURIComponent(empty ?? '')}`)).body).results[0].DPA.UPRN;
    for (const uprn of [home.uprn, emptyUprn]) {
      const { status, body } = await call('postcodes', `/v1/uprn/${uprn}`);
      expect(status).toBe(200);
      expect(JSON.parse(body)).toEqual({ header: { query: `uprn=${uprn}`, totalresults: 1 }, results: [{ DPA: expect.objectContaining({ UPRN: uprn }) }] });
    }
    expect(JSON.parse((await call('postcodes', `/v1/uprn/${home.uprn}`)).body).results[0].DPA).toMatchObject({ THOROUGHFARE_NAME: home.thoroughfare.toUpperCase(), POSTCODE: home.postcode });
    // A UPRN of the address universe in a street the look-up does not know, and one outside it.
    expect(JSON.parse((await call('postcodes', '/v1/uprn/100000000000')).body)).toEqual({ header: { query: 'uprn=100000000000', totalresults: 0 } });
    expect(JSON.parse((await call('postcodes', '/v1/uprn/42')).body)).toEqual({ header: { query: 'uprn=42', totalresults: 0 } });
    const malformed = await call('postcodes', '/v1/uprn/12AB');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { statuscode: 400 } });
  });

  it('answers a well-formed postcode nobody lives at with no results, and a malformed one with 400', async () => {
    expect(JSON.parse((await call('postcodes', '/addresses?postcode=ZE1%200AA')).body)).toEqual({ header: { query: 'ZE1 0AA', totalresults: 0 } });
    const malformed = await call('postcodes', '/addresses?postcode=NOT%20A%20POSTCODE');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { statuscode: 400 } });
  });
});

describe('control endpoints', () => {
  const control = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(estate.url + path, init);
    return { status: response.status, body: await response.text() };
  };

  it('reports health and the population size', async () => {
    expect(JSON.parse((await control('/__health')).body)).toEqual({ status: 'ok', population: 300 });
  });

  it('counts requests per system and operation, zeros included, and resets', async () => {
    expect((await control('/__stats/reset', { method: 'POST' })).status).toBe(204);
    await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: [SHOWCASE.noAwards.nino] });
    await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: manyNinos(101) });
    await call('disability', `/claims/${SHOWCASE.pipClaimant.nino}`);
    await call('cis', '/v1/no-such-thing');
    await control('/__health');
    const stats = JSON.parse((await control('/__stats')).body);
    expect(stats.cis).toEqual({ requests: 3, operations: { persons: 2, addresses: 0, relationships: 0, awards: 0, trace: 0 } });
    expect(stats.disability).toEqual({ requests: 1, operations: { claims: 1 } });
    expect(stats.postcodes).toEqual({ requests: 0, operations: { addresses: 0, uprn: 0 } });
    await control('/__stats/reset', { method: 'POST' });
    expect(JSON.parse((await control('/__stats')).body).cis.requests).toBe(0);
  });

  it('refuses bodies over 1 MiB with 413 in the system’s format', async () => {
    const { status, body } = await call('cis', '/v1/persons/enquiry', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ RETURN_CD: 'E413' });
  });

  it('answers 404 outside the systems and control endpoints', async () => {
    expect((await control('/mainframe/x')).status).toBe(404);
    expect((await control('/__nothing')).status).toBe(404);
  });
});

describe('fault injection', () => {
  const putFaults = async (id: string, settings: unknown) => {
    const response = await fetch(`${estate.url}/__faults/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    return { status: response.status, body: JSON.parse(await response.text()) };
  };
  afterEach(async () => {
    for (const id of ['cis', 'uc', 'pscs', 'disability', 'payments', 'postcodes', 'jsaps']) await putFaults(id, {});
  });

  it('answers 503 to everything during an outage, in the system’s format', async () => {
    expect(await putFaults('pscs', { outage: true })).toEqual({ status: 200, body: { latencyMs: 0, errorRate: 0, slowRate: 0, slowMs: 0, outage: true, hang: false, malformedRate: 0, flapEvery: 0 } });
    const { status, body } = await soap(SHOWCASE.pensionerCouple.nino);
    expect(status).toBe(503);
    expect(body).toContain('<soapenv:Fault>');
    expect((await call('cis', '/v1/persons/trace?BIRTH_DT=19460312')).status).toBe(200);
  });

  it('answers 500 to every request at errorRate 1', async () => {
    await putFaults('uc', { errorRate: 1 });
    const { status, type } = await postJson('uc', '/v2/claimants:batchGet', { ninos: [SHOWCASE.ucFamily.nino] });
    expect(status).toBe(500);
    expect(type).toContain('application/problem+json');
  });

  it('adds latency to every response, and slowMs to slow ones', async () => {
    await putFaults('payments', { latencyMs: 150 });
    await putFaults('postcodes', { slowRate: 1, slowMs: 120 });
    const timed = async (send: () => Promise<unknown>) => {
      const started = performance.now();
      await send();
      return performance.now() - started;
    };
    expect(await timed(() => postJson('payments', '/api/accounts/search', { customerRefs: [] }))).toBeGreaterThanOrEqual(145);
    expect(await timed(() => call('postcodes', '/addresses?postcode=ZE1%200AA'))).toBeGreaterThanOrEqual(115);
    expect(await timed(() => call('cis', '/v1/persons/trace?BIRTH_DT=19460312'))).toBeLessThan(100);
  });

  it('holds every request without an answer under a hang, until the caller hangs up', async () => {
    await putFaults('uc', { hang: true });
    const held = call('uc', '/v2/claimants:batchGet', { method: 'POST', body: JSON.stringify({ ninos: [SHOWCASE.ucFamily.nino] }), signal: AbortSignal.timeout(150) });
    await expect(held).rejects.toThrow(/abort|timeout/i);
    expect((await call('cis', '/v1/persons/trace?BIRTH_DT=19460312')).status).toBe(200);
  });

  it('flaps: flapEvery requests answered 503, then as many answered normally', async () => {
    await putFaults('postcodes', { flapEvery: 2 });
    const statuses = [];
    for (let n = 0; n < 5; n++) statuses.push((await call('postcodes', '/addresses?postcode=LS1%204AP')).status);
    expect(statuses).toEqual([503, 503, 200, 200, 503]);
  });

  it.each<[SystemId, () => Promise<{ status: number; body: string }>, string]>([
    ['uc', () => postJson('uc', '/v2/claimants:batchGet', { ninos: [SHOWCASE.ucFamily.nino] }), '{}'],
    ['pscs', () => soap(SHOWCASE.pensionerCouple.nino), '<soapenv:Body></soapenv:Body>'],
    ['disability', () => call('disability', `/claims/${SHOWCASE.pipClaimant.nino}`), ''],
  ])('answers %s with HTTP 200 holding nothing useful at malformedRate 1', async (id, send, expected) => {
    await putFaults(id, { malformedRate: 1 });
    const { status, body } = await send();
    expect(status).toBe(200);
    expect(body).toContain(expected);
    expect(body).not.toMatch(/SC\d{6}/);
  });

  it('shows every system’s settings and refuses bad ones', async () => {
    await putFaults('disability', { latencyMs: 5 });
    const all = JSON.parse(await (await fetch(`${estate.url}/__faults`)).text());
    expect(Object.keys(all).sort()).toEqual(['cis', 'disability', 'jsaps', 'notify', 'payments', 'postcodes', 'pscs', 'uc']);
    expect(all.disability.latencyMs).toBe(5);
    expect((await putFaults('disability', { errorRate: 2 })).status).toBe(400);
    expect((await putFaults('mainframe', {})).status).toBe(404);
  });
});

describe('startEstate', () => {
  it('takes initial faults from an ESTATE_FAULTS-shaped option and closes cleanly', async () => {
    await using small = await startEstate({ size: 20, asOf: AS_OF, faults: { cis: { outage: true } } });
    expect((await fetch(`${small.systemUrl('cis')}/v1/persons/trace?BIRTH_DT=19460312`)).status).toBe(503);
    expect(small.population.size).toBe(20);
    expect(small.population.byNino('sc 10 00 21 a')?.surname).toBe('Brierley');
  });

  it('refuses invalid fault settings before listening', async () => {
    await expect(startEstate({ size: 20, asOf: AS_OF, faults: { cis: { outage: 'yes' } } })).rejects.toThrow(/outage/);
  });
});
