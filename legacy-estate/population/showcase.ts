import { addDays, addMonthsClamped, ageOn } from '../../platform/domain/index.ts';
import { showcaseHome } from './addresses.ts';
import { buildCisAward } from './awards/cis-award.ts';
import { buildDisabilityAward } from './awards/disability.ts';
import { buildJsapsAward } from './awards/jsaps-award.ts';
import { buildStatePension } from './awards/state-pension.ts';
import { buildUniversalCredit, elementsFor } from './awards/universal-credit.ts';
import { accountHolderName, createPaymentAccount } from './bank.ts';
import type { IsoDate } from './dates.ts';
import { payDayFromNino } from './nino.ts';
import { addCorrespondenceAddress, createPerson, moveIn, relateAppointee, relateCarer, relateParentAndChild, relatePartners } from './people.ts';
import type { PersonFields } from './people.ts';
import { createRng } from './prng.ts';
import { RATES } from './rates.ts';
import type { Person, UniversalCreditClaim } from './types.ts';

/**
 * Named citizens with fixed NINOs, generated before everyone else and independent of the
 * seed and size, so demos, docs and tests can rely on them. Their payment dates follow
 * `asOf`; everything else about them is fixed. NINOs use the SC prefix, which the
 * generator never issues.
 */
export const SHOWCASE = {
  pensionerCouple: {
    nino: 'SC100021A',
    partnerNino: 'SC100042B',
    appointeeNino: 'SC100063C',
    description:
      "Harold and Margaret Brierley (Leeds): basic State Pension each, Pension Credit at the couple rate; Margaret gets Attendance Allowance (higher) and their daughter Susan Hartley is her appointee and carer (Carer's Allowance) and receives her payments.",
  },
  ucFamily: {
    nino: 'SC200081A',
    partnerNino: 'SC200094B',
    childNinos: ['SC200105C', 'SC200117D', 'SC200128A'],
    description:
      'Daniel and Chloe Okoro (Bristol) and three children, the youngest under 4: joint Universal Credit with child and housing elements and low earnings (free school meals, free prescriptions, Healthy Start), Child Benefit to Chloe.',
  },
  pipClaimant: {
    nino: 'SC300047C',
    description:
      'Rhys Llewellyn (Swansea, prefers Welsh): PIP enhanced daily living and enhanced mobility (vehicle tax exemption), Universal Credit on his own with LCWRA and housing, no earnings.',
  },
  restrictedRecord: {
    nino: 'SC400062D',
    description: 'Natalie Fenwick (Manchester): protected address (PROTADDR), Universal Credit on her own with varying earnings.',
  },
  deceased: {
    nino: 'SC500083A',
    description: 'Walter Ashby (Sheffield): died 14 months before asOf; his Attendance Allowance ended on the date of death and PSCS holds no record for him.',
  },
  noAwards: {
    nino: 'SC600035B',
    description: 'Priya Raman (Nottingham): working age, no awards and no bank details on file.',
  },
  jsaClaimant: {
    nino: 'SC700046A',
    description: "Gary Whitfield (Hull): income-based Jobseeker's Allowance on JSAPS since before UC reached him, no UC (free prescriptions, free school meals).",
  },
  incomeSupportParent: {
    nino: 'SC800052B',
    childNinos: ['SC800073D', 'SC800065C'],
    description:
      'Kerry Doyle (Liverpool), a lone parent on Income Support (JSAPS) with a son of 10 and a daughter under 4: Healthy Start through Income Support and a child under 4, free school meals, free prescriptions; Child Benefit for both.',
  },
  pregnantClaimant: {
    nino: 'SC900018C',
    description:
      'Aisha Rahman (Birmingham): Universal Credit on her own with low earnings and no children, 20 weeks pregnant (expected date of delivery on her UC record): Healthy Start through pregnancy.',
  },
} as const;

const ACCOUNT_SEED = 0x5c0ca5e;

function person(householdId: string, fields: Omit<PersonFields, 'householdId'>): Person {
  return createPerson({ ...fields, householdId });
}

/** The showcase citizens as at `asOf` (which must be on or after 2025-06-01). */
export function buildShowcase(asOf: IsoDate): Person[] {
  return [
    ...pensionerCouple(asOf), ...ucFamily(asOf), pipClaimant(asOf), restrictedRecord(asOf), deceased(asOf), noAwards(),
    jsaClaimant(asOf), ...incomeSupportParent(asOf), pregnantClaimant(asOf),
  ];
}

function giveAccount(owner: Person, validatedDate: IsoDate, label: number): void {
  owner.paymentAccount = createPaymentAccount(createRng(ACCOUNT_SEED, label), accountHolderName(owner.title, owner.forename1, owner.surname), validatedDate);
}

function pensionerCouple(asOf: IsoDate): Person[] {
  const ids = SHOWCASE.pensionerCouple;
  const harold = person('SC1', { nino: ids.nino, title: 'MR', forename1: 'Harold', forename2: 'James', surname: 'Brierley', sex: 'M', dateOfBirth: '1946-03-12', phone: '0113 496 0417' });
  const margaret = person('SC1', { nino: ids.partnerNino, title: 'MRS', forename1: 'Margaret', forename2: 'Ann', surname: 'Brierley', sex: 'F', dateOfBirth: '1948-07-30', phone: '0113 496 0417' });
  const susan = person('SC2', {
    nino: ids.appointeeNino, title: 'MRS', forename1: 'Susan', forename2: 'Margaret', surname: 'Hartley', sex: 'F', dateOfBirth: '1972-05-09',
    mobile: '07700 900417', email: 'susan.hartley@example.com',
  });
  const home = showcaseHome('LS8', 4);
  const susansHome = showcaseHome('LS17', 5);
  moveIn(harold, home, '1970-09-02');
  moveIn(margaret, home, '1970-09-02');
  moveIn(susan, showcaseHome('LS8', 4), '1972-05-09');
  moveIn(susan, susansHome, '1996-04-01');
  relatePartners(harold, margaret, '1969-06-14');
  relateParentAndChild(harold, susan);
  relateParentAndChild(margaret, susan);

  harold.statePension = buildStatePension({ dateOfBirth: harold.dateOfBirth, payDay: payDayFromNino(harold.nino), qualifyingYears: 24, deferred: false }, asOf);
  margaret.statePension = buildStatePension({ dateOfBirth: margaret.dateOfBirth, payDay: payDayFromNino(margaret.nino), qualifyingYears: 18, deferred: false }, asOf);
  const pensions = (harold.statePension?.weeklyPence ?? 0) + (margaret.statePension?.weeklyPence ?? 0);
  harold.cisAwards.push(
    buildCisAward(
      {
        benefit: 'PC', component: 'GC', weeklyPence: RATES.pensionCredit.guaranteeCouple - pensions, start: '2013-06-03', end: null, payFrequency: '4W', payDay: payDayFromNino(harold.nino),
        habitualResidence: { outcome: 'PASSED', decidedOn: '2013-06-11' },
      },
      asOf,
    ),
  );
  margaret.disabilityAwards.push(
    buildDisabilityAward({ benefit: 'AA', careCode: 'AH', mobilityCode: null, start: '2021-02-15', end: null, payDay: payDayFromNino(margaret.nino) }, asOf),
  );
  relateCarer(susan, margaret, '2021-02-15');
  relateAppointee(susan, margaret, '2021-05-10');
  addCorrespondenceAddress(margaret, susansHome, '2021-05-10');
  susan.cisAwards.push(
    buildCisAward({ benefit: 'CA', component: null, weeklyPence: RATES.carersAllowance, start: '2021-03-01', end: null, payFrequency: '1W', payDay: payDayFromNino(susan.nino) }, asOf),
  );
  giveAccount(harold, '2011-03-01', 1);
  giveAccount(susan, '2021-03-01', 2);
  margaret.paymentAccount = susan.paymentAccount;
  return [harold, margaret, susan];
}

function ucFamily(asOf: IsoDate): Person[] {
  const ids = SHOWCASE.ucFamily;
  const [amaraNino, theoNino, islaNino] = ids.childNinos;
  const daniel = person('SC3', { nino: ids.nino, title: 'MR', forename1: 'Daniel', forename2: '', surname: 'Okoro', sex: 'M', dateOfBirth: '1989-02-17', mobile: '07700 900218', email: 'daniel.okoro@example.net' });
  const chloe = person('SC3', { nino: ids.partnerNino, title: 'MRS', forename1: 'Chloe', forename2: 'Louise', surname: 'Okoro', sex: 'F', dateOfBirth: '1991-10-03', mobile: '07700 900219' });
  const children = [
    person('SC3', { nino: amaraNino, title: 'MISS', forename1: 'Amara', forename2: 'Grace', surname: 'Okoro', sex: 'F', dateOfBirth: '2016-06-21' }),
    person('SC3', { nino: theoNino, title: 'MR', forename1: 'Theo', forename2: '', surname: 'Okoro', sex: 'M', dateOfBirth: '2019-09-02' }),
    person('SC3', { nino: islaNino, title: 'MISS', forename1: 'Isla', forename2: 'Rose', surname: 'Okoro', sex: 'F', dateOfBirth: '2024-01-15' }),
  ];
  const firstHome = showcaseHome('BS16', 3);
  const home = showcaseHome('BS5', 1);
  for (const adult of [daniel, chloe]) {
    moveIn(adult, firstHome, '2014-08-01');
    moveIn(adult, home, '2020-03-01');
  }
  for (const child of children) {
    if (child.dateOfBirth < '2020-03-01') moveIn(child, firstHome, child.dateOfBirth);
    moveIn(child, home, child.dateOfBirth < '2020-03-01' ? '2020-03-01' : child.dateOfBirth);
  }
  relatePartners(daniel, chloe, '2014-08-01');
  for (const parent of [daniel, chloe]) for (const child of children) relateParentAndChild(parent, child);

  const startDate = '2023-05-14';
  const elements = elementsFor({
    claimantType: 'COUPLE',
    adultAges: [ageOn(daniel.dateOfBirth, asOf), ageOn(chloe.dateOfBirth, asOf)],
    childBirthDates: children.map((child) => child.dateOfBirth),
    disabledChildren: [],
    capability: null,
    carer: false,
    housingPence: 67500,
    childcarePence: 0,
    startDate,
  });
  // Joint earnings stay under £408 a month: low enough for every partner check.
  const earnings = [38000, 40250, 36500, 39800, 37125, 39500];
  const claimFor = (partnerNino: string): UniversalCreditClaim =>
    buildUniversalCredit(
      {
        claimId: 'UC9000000001', startDate, endDate: null, claimantType: 'COUPLE', partnerNino, elements,
        earningsInPeriod: (index) => earnings[index % earnings.length] ?? 0,
        habitualResidence: { outcome: 'PASSED', decidedOn: '2023-05-22' },
      },
      asOf,
    );
  daniel.universalCredit = claimFor(chloe.nino);
  chloe.universalCredit = claimFor(daniel.nino);
  const childBenefitStarts = ['2016-07-15', '2019-09-20', '2024-02-05'];
  children.forEach((child, index) => {
    const eldest = index === 0;
    chloe.cisAwards.push(
      buildCisAward(
        {
          benefit: 'CHB', component: eldest ? 'EL' : 'OT', weeklyPence: eldest ? RATES.childBenefit.eldest : RATES.childBenefit.other,
          start: childBenefitStarts[index] ?? child.dateOfBirth, end: null, payFrequency: '4W', payDay: 1,
        },
        asOf,
      ),
    );
  });
  giveAccount(daniel, '2023-05-20', 3);
  giveAccount(chloe, '2016-07-15', 4);
  return [daniel, chloe, ...children];
}

function pipClaimant(asOf: IsoDate): Person {
  const rhys = person('SC4', {
    nino: SHOWCASE.pipClaimant.nino, title: 'MR', forename1: 'Rhys', forename2: 'Owain', surname: 'Llewellyn', sex: 'M', dateOfBirth: '1984-11-08',
    welsh: true, phone: '01632 960447', mobile: '07700 900447',
  });
  moveIn(rhys, showcaseHome('SA1', 4), '2015-10-12');
  rhys.disabilityAwards.push(
    buildDisabilityAward({ benefit: 'PIP', careCode: 'DE', mobilityCode: 'ME', start: '2019-07-22', end: '2029-07-22', payDay: payDayFromNino(rhys.nino) }, asOf),
  );
  const startDate = '2022-01-10';
  rhys.universalCredit = buildUniversalCredit(
    {
      claimId: 'UC9000000002', startDate, endDate: null, claimantType: 'SINGLE', partnerNino: null,
      elements: elementsFor({
        claimantType: 'SINGLE', adultAges: [ageOn(rhys.dateOfBirth, asOf)], childBirthDates: [], disabledChildren: [], capability: 'LCWRA',
        carer: false, housingPence: 52000, childcarePence: 0, startDate,
      }),
      earningsInPeriod: () => 0,
      habitualResidence: { outcome: 'PASSED', decidedOn: '2022-01-18' },
    },
    asOf,
  );
  giveAccount(rhys, '2019-08-01', 5);
  return rhys;
}

function restrictedRecord(asOf: IsoDate): Person {
  const natalie = person('SC5', {
    nino: SHOWCASE.restrictedRecord.nino, title: 'MS', forename1: 'Natalie', forename2: 'Jane', surname: 'Fenwick', sex: 'F', dateOfBirth: '1993-04-26',
    restricted: true, mobile: '07700 900462',
  });
  moveIn(natalie, showcaseHome('M20', 2), '2017-09-01');
  moveIn(natalie, showcaseHome('M14', 5), '2024-11-18');
  const startDate = '2025-02-03';
  const earnings = [52000, 0, 61000, 48000, 55500, 0];
  natalie.universalCredit = buildUniversalCredit(
    {
      claimId: 'UC9000000003', startDate, endDate: null, claimantType: 'SINGLE', partnerNino: null,
      elements: elementsFor({
        claimantType: 'SINGLE', adultAges: [ageOn(natalie.dateOfBirth, asOf)], childBirthDates: [], disabledChildren: [], capability: null,
        carer: false, housingPence: 60000, childcarePence: 0, startDate,
      }),
      earningsInPeriod: (index) => earnings[index % earnings.length] ?? 0,
      habitualResidence: { outcome: 'PASSED', decidedOn: '2025-02-11' },
    },
    asOf,
  );
  giveAccount(natalie, '2025-02-10', 6);
  return natalie;
}

function deceased(asOf: IsoDate): Person {
  const dateOfDeath = addMonthsClamped(asOf, -14);
  const walter = person('SC6', { nino: SHOWCASE.deceased.nino, title: 'MR', forename1: 'Walter', forename2: 'Ernest', surname: 'Ashby', sex: 'M', dateOfBirth: '1938-01-19', dateOfDeath });
  moveIn(walter, showcaseHome('S6', 3), '1971-06-01');
  walter.disabilityAwards.push(
    buildDisabilityAward({ benefit: 'AA', careCode: 'AH', mobilityCode: null, start: '2019-04-01', end: dateOfDeath, payDay: payDayFromNino(walter.nino) }, asOf),
  );
  return walter;
}

function noAwards(): Person {
  const priya = person('SC7', {
    nino: SHOWCASE.noAwards.nino, title: 'MS', forename1: 'Priya', forename2: '', surname: 'Raman', sex: 'F', dateOfBirth: '1990-08-12',
    phone: '0115 496 0435', mobile: '07700 900435', email: 'priya.raman@example.org',
  });
  moveIn(priya, showcaseHome('NG9', 1), '2012-09-20');
  moveIn(priya, showcaseHome('NG7', 5), '2021-04-01');
  return priya;
}

function jsaClaimant(asOf: IsoDate): Person {
  const gary = person('SC8', { nino: SHOWCASE.jsaClaimant.nino, title: 'MR', forename1: 'Gary', forename2: 'Paul', surname: 'Whitfield', sex: 'M', dateOfBirth: '1976-03-04', mobile: '07700 900471' });
  moveIn(gary, showcaseHome('HU5', 2), '2009-11-16');
  gary.jsapsAwards.push(buildJsapsAward({ benefit: 'JSA', basis: 'IB', weeklyPence: RATES.jsa.age25OrOver, start: '2017-05-15', end: null, payDay: payDayFromNino(gary.nino) }, asOf));
  giveAccount(gary, '2017-05-15', 7);
  return gary;
}

function incomeSupportParent(asOf: IsoDate): Person[] {
  const ids = SHOWCASE.incomeSupportParent;
  const [jaydenNino, maisieNino] = ids.childNinos;
  const kerry = person('SC9', { nino: ids.nino, title: 'MS', forename1: 'Kerry', forename2: 'Anne', surname: 'Doyle', sex: 'F', dateOfBirth: '1995-07-19', mobile: '07700 900482' });
  const jayden = person('SC9', { nino: jaydenNino, title: 'MR', forename1: 'Jayden', forename2: '', surname: 'Doyle', sex: 'M', dateOfBirth: '2016-01-12' });
  // Under four until 2028-08-30, so Healthy Start holds for any asOf the showcase allows before then.
  const maisie = person('SC9', { nino: maisieNino, title: 'MISS', forename1: 'Maisie', forename2: '', surname: 'Doyle', sex: 'F', dateOfBirth: '2024-08-30' });
  const home = showcaseHome('L4', 3);
  moveIn(kerry, home, '2015-10-05');
  moveIn(jayden, home, jayden.dateOfBirth);
  moveIn(maisie, home, maisie.dateOfBirth);
  for (const child of [jayden, maisie]) relateParentAndChild(kerry, child);
  kerry.jsapsAwards.push(buildJsapsAward({ benefit: 'IS', basis: null, weeklyPence: RATES.incomeSupport.age25OrOver, start: '2017-03-06', end: null, payDay: payDayFromNino(kerry.nino) }, asOf));
  [jayden, maisie].forEach((child, index) => {
    const eldest = index === 0;
    kerry.cisAwards.push(
      buildCisAward(
        { benefit: 'CHB', component: eldest ? 'EL' : 'OT', weeklyPence: eldest ? RATES.childBenefit.eldest : RATES.childBenefit.other, start: addDays(child.dateOfBirth, 21), end: null, payFrequency: '4W', payDay: 1 },
        asOf,
      ),
    );
  });
  giveAccount(kerry, '2016-02-01', 8);
  return [kerry, jayden, maisie];
}

/** Weeks from conception-dating to delivery, as expected dates of delivery are counted. */
const PREGNANCY_WEEKS = 40;

function pregnantClaimant(asOf: IsoDate): Person {
  const aisha = person('SC10', { nino: SHOWCASE.pregnantClaimant.nino, title: 'MS', forename1: 'Aisha', forename2: '', surname: 'Rahman', sex: 'F', dateOfBirth: '2000-05-02', mobile: '07700 900493' });
  moveIn(aisha, showcaseHome('B11', 1), '2022-08-15');
  const startDate = '2025-06-09';
  aisha.universalCredit = buildUniversalCredit(
    {
      claimId: 'UC9000000004', startDate, endDate: null, claimantType: 'SINGLE', partnerNino: null,
      elements: elementsFor({
        claimantType: 'SINGLE', adultAges: [ageOn(aisha.dateOfBirth, asOf)], childBirthDates: [], disabledChildren: [], capability: null,
        carer: false, housingPence: 48000, childcarePence: 0, startDate,
      }),
      // Take-home pay stays under Healthy Start's £408 a month.
      earningsInPeriod: (index) => [21000, 18500, 22750][index % 3] ?? 0,
      habitualResidence: { outcome: 'PASSED', decidedOn: '2025-06-17' },
      // 20 weeks pregnant on asOf.
      expectedDeliveryDate: addDays(asOf, (PREGNANCY_WEEKS - 20) * 7),
    },
    asOf,
  );
  giveAccount(aisha, '2025-06-15', 9);
  return aisha;
}
