import type { LegacyError } from '../../platform/errors/index.ts';

/** A citizen's identity as the identity subgraph serves it; wire types never leave adapters/. */
export interface Person {
  readonly nino: string;
  readonly title: string | null;
  readonly givenName: string;
  readonly middleNames: string | null;
  readonly familyName: string;
  readonly sex: 'FEMALE' | 'MALE';
  readonly dateOfBirth: string;
  readonly dateOfDeath: string | null;
  readonly restricted: boolean;
  readonly preferredLanguage: 'ENGLISH' | 'WELSH';
  readonly contact: { readonly phone: string | null; readonly mobile: string | null; readonly email: string | null };
}

/** A trace candidate: the person plus the postcode CIS holds for them now. */
export interface TraceCandidate {
  readonly person: Person;
  readonly currentPostcode: string | null;
}

/**
 * A citizen CIS could not be asked about. The NINO still names a citizen, so what the other
 * systems hold (awards, bank account) arrives; every field CIS holds fails with CIS's error.
 */
export interface UnreadCitizen {
  readonly nino: string;
  readonly cisFailure: LegacyError;
}

/** A Citizen entity as the identity subgraph resolves it. */
export type CitizenRecord = Person | UnreadCitizen;
