import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE, startEstate } from './index.ts';
import type { Estate, Person, SystemId } from './index.ts';

/** Writes to each system in its own wire format, what they change in what it serves, and its records. */
const AS_OF = '2026-11-25';
const SIZE = 100;
let estate: Estate;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'estate-writes-'));
  estate = await startEstate({ size: SIZE, asOf: AS_OF, dataDir });
});
afterAll(async () => {
  await estate.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(target: Estate, id: SystemId, path: string, init: RequestInit = {}) {
  const response = await fetch(target.systemUrl(id) + path, init);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}
const postJson = (id: SystemId, path: string, body: unknown, target = estate) =>
  call(target, id, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function soap(action: string, body: string) {
  const envelope = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:psc="urn:dwp:pscs:v3"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  return call(estate, 'pscs', '/StatePensionService', { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: `"${action}"` }, body: envelope });
}

async function recordsOf(nino: string, target = estate): Promise<Record<string, Array<Record<string, unknown>>>> {
  return (await (await fetch(`${target.url}/__records/${nino}`)).json()) as Record<string, Array<Record<string, unknown>>>;
}

async function setFaults(id: SystemId, settings: Record<string, unknown>) {
  const response = await fetch(`${estate.url}/__faults/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  expect(response.status).toBe(200);
}

const NEW_HOME = { UPRN: '100023336956', BUILDING_NAME: '', BUILDING_NO: '12', THOROUGHFARE: 'HIGH STREET', POST_TOWN: 'LEEDS', POSTCODE: 'LS1 4AP', RESTRICTION_CD: 'NONE' };
const cisMove = (nino: string, reference: string, effective = '20261201') => ({ NINO: nino, CLIENT_REF: reference, CHANGE_TYPE_CD: 'ADDR', EFFECTIVE_DT: effective, ADDRESS: NEW_HOME });

describe('CIS writes', () => {
  it('serves a new residential spell from the effective date and ends the old one the day before', async () => {
    const nino = SHOWCASE.ucFamily.nino;
    const { status, body } = await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-1'));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ RETURN_CD: '0000', CLIENT_REF: 'move-1', UPDATE_STATUS_CD: 'APPLIED' });
    const addresses = JSON.parse((await postJson('cis', '/v1/addresses/enquiry', { NINO_LIST: [nino] })).body).ADDRESS_LIST as Array<Record<string, string>>;
    const residential = addresses.filter((spell) => spell.ADDR_TYPE_CD === 'RES');
    expect(residential.at(-2)).toMatchObject({ END_DT: '20261130' });
    expect(residential.at(-1)).toMatchObject({ LINE_1: '12 HIGH STREET', POSTCODE: 'LS1 4AP', UPRN: '100023336956', START_DT: '20261201', END_DT: '' });
  });

  it('answers a repeated CLIENT_REF without applying it again', async () => {
    const nino = SHOWCASE.noAwards.nino;
    await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-2'));
    const repeat = await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-2'));
    expect(JSON.parse(repeat.body)).toMatchObject({ RETURN_CD: '0000', UPDATE_STATUS_CD: 'ALREADY_APPLIED' });
    expect((await recordsOf(nino)).cis?.map((record) => record.reference)).toEqual(['move-2']);
  });

  it('keeps a protected address protected whatever the update says', async () => {
    const nino = SHOWCASE.restrictedRecord.nino;
    await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-3'));
    const person = JSON.parse((await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: [nino] })).body).PERSON_LIST[0];
    expect(person.RESTRICTION_CD).toBe('PROTADDR');
  });

  it('serves new contact details, keeping a detail the update leaves blank', async () => {
    const nino = SHOWCASE.jsaClaimant.nino;
    const before = JSON.parse((await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: [nino] })).body).PERSON_LIST[0];
    await postJson('cis', '/v1/persons/update', { NINO: nino, CLIENT_REF: 'contact-1', CHANGE_TYPE_CD: 'CONT', EFFECTIVE_DT: '20261125', CONTACT: { TEL_NO: '', MOBILE_NO: '07700900123', EMAIL_ADDR: 'gary@example.com' } });
    const after = JSON.parse((await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: [nino] })).body).PERSON_LIST[0];
    expect(after).toMatchObject({ TEL_NO: before.TEL_NO, MOBILE_NO: '07700900123', EMAIL_ADDR: 'gary@example.com' });
  });

  it('records a death: DEATH_DT, and every live award terminated on the date of death', async () => {
    const nino = SHOWCASE.pensionerCouple.nino;
    await postJson('cis', '/v1/persons/update', { NINO: nino, CLIENT_REF: 'death-1', CHANGE_TYPE_CD: 'DEATH', EFFECTIVE_DT: '20261120', DEATH_DT: '20261120' });
    const person = JSON.parse((await postJson('cis', '/v1/persons/enquiry', { NINO_LIST: [nino] })).body).PERSON_LIST[0];
    expect(person.DEATH_DT).toBe('20261120');
    const awards = JSON.parse((await postJson('cis', '/v1/awards/enquiry', { NINO_LIST: [nino] })).body).AWARD_LIST as Array<Record<string, string>>;
    expect(awards.length).toBeGreaterThan(0);
    for (const award of awards) expect(award).toMatchObject({ STATUS_CD: 'TERM', END_DT: '20261120' });
    const history = JSON.parse((await postJson('cis', '/v1/history/enquiry', { NINO_LIST: [nino] })).body);
    expect(history.CHANGE_LIST).toContainEqual(expect.objectContaining({ CLIENT_REF: 'death-1', CHANGE_TYPE_CD: 'DEATH', EFFECTIVE_DT: '20261120' }));
    expect(history.EVENT_LIST).toContainEqual(expect.objectContaining({ BEN_CD: 'PC', EVENT_CD: 'STOP', EVENT_DT: '20261120' }));
  });

  it('answers E201 for a NINO it does not hold and E102 (400) for an update it cannot read', async () => {
    expect(JSON.parse((await postJson('cis', '/v1/persons/update', cisMove('AB999999D', 'move-4'))).body)).toMatchObject({ RETURN_CD: 'E201' });
    const refused = await postJson('cis', '/v1/persons/update', { NINO: SHOWCASE.noAwards.nino, CLIENT_REF: 'x', CHANGE_TYPE_CD: 'ADDR', EFFECTIVE_DT: '20261301' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ RETURN_CD: 'E102' });
  });
});

describe('a death written to each system', () => {
  const DEATH = '2026-11-20';
  const heldBy = (holds: (person: Person) => boolean) => estate.population.people.find((person) => person.dateOfDeath === null && holds(person))!.nino;

  it('closes the Universal Credit claim', async () => {
    const nino = heldBy((person) => person.universalCredit?.status === 'OPEN');
    const written = await postJson('uc', `/v2/claimants/${nino}/changes`, { clientReference: 'death-uc', type: 'DEATH', effectiveDate: DEATH, dateOfDeath: DEATH });
    expect(written.status).toBe(201);
    const claimant = JSON.parse((await postJson('uc', '/v2/claimants:batchGet', { ninos: [nino] })).body).claimants[0];
    expect(claimant.claim.status).toBe('CLOSED');
  });

  it('terminates the State Pension on the date of death', async () => {
    const nino = heldBy((person) => person.statePension?.status === 'IP');
    const update =
      `<psc:UpdateCustomerDetailsRequest><psc:NINO>${nino}</psc:NINO><psc:ClientReference>death-pscs</psc:ClientReference><psc:ChangeType>DEATH</psc:ChangeType>` +
      '<psc:EffectiveDate>20261120</psc:EffectiveDate><psc:DateOfDeath>20261120</psc:DateOfDeath></psc:UpdateCustomerDetailsRequest>';
    expect((await soap('urn:pscs:UpdateCustomerDetails', update)).status).toBe(200);
    const award = (await soap('urn:pscs:GetPensionAward', `<psc:GetPensionAwardRequest><psc:NINO>${nino}</psc:NINO></psc:GetPensionAwardRequest>`)).body;
    expect(award).toContain('<psc:StatusCode>TM</psc:StatusCode>');
    expect(award).toContain('<psc:AwardEndDate>20261120</psc:AwardEndDate>');
  });

  it('closes each JSAPS award on the date of death', async () => {
    const nino = heldBy((person) => person.jsapsAwards.some((award) => award.status === 'A'));
    expect((await call(estate, 'jsaps', '/update', { method: 'POST', body: `UPD|${nino}|death-jsaps|DETH|20112026` })).body).toBe(`ACK|${nino}|death-jsaps\n`);
    const claims = (await call(estate, 'jsaps', '/enquiry', { method: 'POST', body: nino })).body.split('\n').filter((line) => line.startsWith('CLM'));
    for (const claim of claims) expect(claim.split('|').slice(4, 7)).toEqual(['C', expect.any(String), '20112026']);
  });

  it('stops payments from the day after the death', async () => {
    const nino = heldBy((person) => person.paymentAccount !== null);
    const written = await postJson('payments', '/api/customers/changes', { customerRef: { type: 'NINO', value: nino }, clientReference: 'death-cps', changeType: 'DEATH', effectiveDate: '20/11/2026', dateOfDeath: '20/11/2026' });
    expect(written.status).toBe(201);
    const result = JSON.parse((await postJson('payments', '/api/accounts/search', { customerRefs: [{ type: 'NINO', value: nino }] })).body).results[0];
    expect(result.paymentAccount).toMatchObject({ paymentStatus: 'STOPPED', paymentsStoppedFrom: '21/11/2026' });
  });
});

describe('systems that are not idempotent on their own', () => {
  it('apply a PSCS update sent twice twice, and list both in the history', async () => {
    const nino = estate.population.people.find((person) => person.statePension !== null && person.dateOfDeath === null && person.nino !== SHOWCASE.pensionerCouple.nino)!.nino;
    const update =
      `<psc:UpdateCustomerDetailsRequest><psc:NINO>${nino}</psc:NINO><psc:ClientReference>twice</psc:ClientReference><psc:ChangeType>ADDRESS</psc:ChangeType><psc:EffectiveDate>20261201</psc:EffectiveDate>` +
      '<psc:Address><psc:UPRN>100023336956</psc:UPRN><psc:BuildingName></psc:BuildingName><psc:BuildingNumber>12</psc:BuildingNumber><psc:Thoroughfare>HIGH STREET</psc:Thoroughfare>' +
      '<psc:PostTown>LEEDS</psc:PostTown><psc:Postcode>LS1 4AP</psc:Postcode><psc:Protected>N</psc:Protected></psc:Address></psc:UpdateCustomerDetailsRequest>';
    expect((await soap('urn:pscs:UpdateCustomerDetails', update)).body).toContain('<psc:UpdateNumber>1</psc:UpdateNumber>');
    expect((await soap('urn:pscs:UpdateCustomerDetails', update)).body).toContain('<psc:UpdateNumber>2</psc:UpdateNumber>');
    const history = (await soap('urn:pscs:GetCustomerHistory', `<psc:GetCustomerHistoryRequest><psc:NINO>${nino}</psc:NINO></psc:GetCustomerHistoryRequest>`)).body;
    expect(history.match(/<psc:ClientReference>twice<\/psc:ClientReference>/g)).toHaveLength(2);
  });
});

describe('the records control endpoint', () => {
  it('lists everything one system holds by its id, and refuses a system that keeps none', async () => {
    const nino = SHOWCASE.pregnantClaimant.nino;
    await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-listed'));
    const all = (await (await fetch(`${estate.url}/__records/cis`)).json()) as { cis: Array<{ nino: string; reference: string }> };
    expect(all.cis).toContainEqual(expect.objectContaining({ nino, reference: 'move-listed' }));
    expect((await fetch(`${estate.url}/__records/postcodes`)).status).toBe(404);
  });

  it('finds a citizen by a NINO written with spaces and in lower case', async () => {
    const nino = SHOWCASE.ucFamily.partnerNino;
    await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-spaced'));
    const spaced = `${nino.slice(0, 2).toLowerCase()} ${nino.slice(2, 4)} ${nino.slice(4)}`;
    expect((await recordsOf(encodeURIComponent(spaced))).cis?.map((record) => record.reference)).toEqual(['move-spaced']);
  });
});

describe('lost replies', () => {
  it('applies and journals a write whose reply is lost, and answers reads as usual', async () => {
    const nino = SHOWCASE.pipClaimant.nino;
    await setFaults('cis', { lostReplyRate: 1 });
    try {
      await expect(postJson('cis', '/v1/persons/update', cisMove(nino, 'move-lost'))).rejects.toThrow();
      expect((await postJson('cis', '/v1/history/enquiry', { NINO_LIST: [nino] })).status).toBe(200);
    } finally {
      await setFaults('cis', {});
    }
    expect((await recordsOf(nino)).cis?.map((record) => record.reference)).toEqual(['move-lost']);
  });
});

describe('the journal', () => {
  it('keeps every system’s writes across a restart over the same data directory, and none without one', async () => {
    const nino = SHOWCASE.incomeSupportParent.nino;
    await postJson('cis', '/v1/persons/update', cisMove(nino, 'move-kept'));
    // JSAPS, which applies what it is sent, twice: both copies must come back.
    for (let sent = 0; sent < 2; sent++) await call(estate, 'jsaps', '/update', { method: 'POST', body: `UPD|${nino}|move-kept|ADDR|01122026|100023336956||12|HIGH STREET|LEEDS|LS1 4AP|N` });
    const before = await recordsOf(nino);
    expect(before.cis).toHaveLength(1);
    expect(before.jsaps).toHaveLength(2);
    await using restarted = await startEstate({ size: SIZE, asOf: AS_OF, dataDir });
    expect(await recordsOf(nino, restarted)).toEqual(before);
    const served = JSON.parse((await postJson('cis', '/v1/addresses/enquiry', { NINO_LIST: [nino] }, restarted)).body).ADDRESS_LIST as Array<Record<string, string>>;
    expect(served.at(-1)).toMatchObject({ UPRN: '100023336956', END_DT: '' });
    await using forgetful = await startEstate({ size: SIZE, asOf: AS_OF });
    expect((await recordsOf(nino, forgetful)).cis).toEqual([]);
  });
});
