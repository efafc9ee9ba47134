import type { IsoDate } from './dates.ts';

/**
 * The population's own model of a citizen: one record holding everything every legacy
 * system knows. Each system in ../systems/ maps it to its own wire format. Amounts are in
 * pence, dates ISO `YYYY-MM-DD`.
 */
export interface Person {
  nino: string;
  /** Shared by the people living in one home (`H123`; showcase homes `SC1`..). */
  householdId: string;
  title: Title;
  forename1: string;
  /** '' when the person has one forename. */
  forename2: string;
  surname: string;
  sex: 'M' | 'F';
  dateOfBirth: IsoDate;
  dateOfDeath: IsoDate | null;
  /** CIS `PROTADDR`: the address must not be disclosed. */
  restricted: boolean;
  /** Prefers Welsh-language correspondence. */
  welsh: boolean;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  /** Chronological; the current residential spell has `end` null. */
  addresses: AddressSpell[];
  relationships: Relationship[];
  statePension: StatePensionAward | null;
  universalCredit: UniversalCreditClaim | null;
  disabilityAwards: DisabilityAward[];
  /** Awards CIS summarises for systems with no API of their own. */
  cisAwards: CisAward[];
  /** Income-based and contribution-based JSA, ESA and Income Support, paid from the JSAPS mainframe. */
  jsapsAwards: JsapsAward[];
  /** Where this person's benefits are paid; may be an appointee's or parent's account. */
  paymentAccount: PaymentAccount | null;
}

export type Title = 'MR' | 'MRS' | 'MS' | 'MISS' | 'DR' | 'MX';

export interface Address {
  uprn: string;
  /** e.g. `Flat 3, Rowan Court`; null for a numbered house. */
  buildingName: string | null;
  buildingNumber: string | null;
  thoroughfare: string;
  postTown: string;
  postcode: string;
}

export interface AddressSpell {
  type: 'RES' | 'COR';
  address: Address;
  start: IsoDate;
  end: IsoDate | null;
}

/**
 * From this person's point of view: `CHLD` the other is my child, `PRNT` my parent,
 * `APTE` my appointee, `APTR` I am their appointee, `CARR` my carer, `CARD` I care for them.
 */
export type RelationshipType = 'PTNR' | 'CHLD' | 'PRNT' | 'APTE' | 'APTR' | 'CARR' | 'CARD';

export interface Relationship {
  type: RelationshipType;
  nino: string;
  start: IsoDate;
  end: IsoDate | null;
}

export type PayDay = 1 | 2 | 3 | 4 | 5;

export interface StatePensionAward {
  scheme: 'NSP' | 'BSP';
  /** IP in payment, DF deferred, TM terminated (on a death reported to PSCS). */
  status: 'IP' | 'DF' | 'TM';
  weeklyPence: number;
  qualifyingYears: number;
  statePensionDate: IsoDate;
  /** Null while deferred. */
  awardStartDate: IsoDate | null;
  /** The last day paid for once terminated; null while the award runs. */
  endDate: IsoDate | null;
  payDay: PayDay;
  lastPaidDate: IsoDate | null;
}

export type UcElementCode = 'STANDARD_ALLOWANCE' | 'CHILD' | 'DISABLED_CHILD' | 'LCW' | 'LCWRA' | 'CARER' | 'HOUSING' | 'CHILDCARE';

export interface UniversalCreditClaim {
  claimId: string;
  status: 'OPEN' | 'CLOSED';
  startDate: IsoDate;
  /** Null while open. */
  endDate: IsoDate | null;
  assessmentPeriodStartDay: number;
  claimantType: 'SINGLE' | 'COUPLE';
  partnerNino: string | null;
  elements: { code: UcElementCode; monthlyPence: number }[];
  /** The last six that have ended, newest first; earnings are joint for couples. */
  assessmentPeriods: AssessmentPeriod[];
  habitualResidence: HabitualResidence;
  /** A claimant's pregnancy as reported to UC (it raises the claim once the baby is born); null when none. */
  expectedDeliveryDate: IsoDate | null;
}

export interface HabitualResidence {
  outcome: 'PASSED' | 'FAILED' | 'NOT_ASSESSED';
  decidedOn: IsoDate | null;
}

export interface AssessmentPeriod {
  start: IsoDate;
  end: IsoDate;
  earningsPence: number;
  awardPence: number;
  paymentDate: IsoDate;
}

export type CareCode = 'DS' | 'DE' | 'CL' | 'CM' | 'CH' | 'AL' | 'AH';
export type MobilityCode = 'MS' | 'ME' | 'ML' | 'MH';

export interface DisabilityAward {
  benefit: 'PIP' | 'DLA' | 'AA';
  /** L live, S suspended, T terminated. */
  status: 'L' | 'S' | 'T';
  start: IsoDate;
  /** End or review date; null for an indefinite award. */
  end: IsoDate | null;
  careCode: CareCode | null;
  carePence: number;
  mobilityCode: MobilityCode | null;
  mobilityPence: number;
  lastPaidDate: IsoDate | null;
  payDay: PayDay;
}

export interface CisAward {
  benefit: 'PC' | 'CA' | 'CHB' | 'BSP';
  status: 'LIVE' | 'SUSP' | 'TERM';
  /** PC GC/SC, CHB EL/OT; null for none. */
  component: 'GC' | 'SC' | 'EL' | 'OT' | null;
  /** Pension Credit only: paid with the additional amount for a child the claimant is responsible for. */
  childAddition: boolean;
  /** Pension Credit only: the habitual-residence determination made on the claim; null for other benefits. */
  habitualResidence: HabitualResidence | null;
  /** The weekly rate; null for BSP, which has a monthly rate. */
  weeklyPence: number | null;
  /** BSP only: each monthly payment. */
  monthlyPence: number | null;
  /** BSP only: the one-off first payment, paid when the award starts. */
  lumpSum: { pence: number; paidOn: IsoDate | null } | null;
  start: IsoDate;
  end: IsoDate | null;
  payFrequency: '1W' | '2W' | '4W' | '1M';
  payDay: PayDay;
  lastPaidDate: IsoDate | null;
}

/** An award on JSAPS, all paid fortnightly in arrears. */
export interface JsapsAward {
  benefit: 'JSA' | 'ESA' | 'IS';
  /** JSA `IB` income-based or `CB` contribution-based; ESA `IR` income-related or `CB`; null for Income Support. */
  basis: 'IB' | 'IR' | 'CB' | null;
  /** A active, S suspended, C closed. */
  status: 'A' | 'S' | 'C';
  weeklyPence: number;
  start: IsoDate;
  end: IsoDate | null;
  payDay: PayDay;
  lastPaidDate: IsoDate | null;
}

export interface PaymentAccount {
  accountType: 'BANK' | 'BUILDING_SOCIETY';
  /** Six digits, no separators. */
  sortCode: string;
  accountNumber: string;
  rollNumber: string | null;
  /** e.g. `MR J SMITH`; an appointee's or parent's name when they receive the money. */
  accountHolderName: string;
  validatedDate: IsoDate;
}
