import { ageOn, maxDate, minDate } from '../../platform/domain/index.ts';
import { accountHolderName, createPaymentAccount } from './bank.ts';
import { dateBetween } from './dates.ts';
import type { IsoDate } from './dates.ts';
import type { Rng } from './prng.ts';
import type { Person } from './types.ts';

/**
 * Payment accounts for everyone with money coming in. A child's DLA is paid into a
 * parent's account, so the child's record points at it.
 */
const EARLIEST_VALIDATION = '2008-01-01';

function liveAwardStarts(person: Person): IsoDate[] {
  const starts: IsoDate[] = [];
  if (person.statePension?.status === 'IP' && person.statePension.awardStartDate) starts.push(person.statePension.awardStartDate);
  if (person.universalCredit?.status === 'OPEN') starts.push(person.universalCredit.startDate);
  for (const award of person.disabilityAwards) if (award.status !== 'T') starts.push(award.start);
  for (const award of person.cisAwards) if (award.status !== 'TERM') starts.push(award.start);
  return starts;
}

function receivesPayments(person: Person): boolean {
  return person.dateOfDeath === null && liveAwardStarts(person).length > 0;
}

/** Gives `person` their own account if they have none, validated on or after `since`. */
export function ensureOwnAccount(rng: Rng, person: Person, since: IsoDate, asOf: IsoDate): void {
  if (person.paymentAccount) return;
  const validatedDate = dateBetween(rng, minDate(maxDate(since, EARLIEST_VALIDATION), asOf), asOf);
  person.paymentAccount = createPaymentAccount(rng, accountHolderName(person.title, person.forename1, person.surname), validatedDate);
}

export function openPaymentAccounts(rng: Rng, people: readonly Person[], asOf: IsoDate): void {
  const byNino = new Map(people.map((person) => [person.nino, person]));
  for (const person of people) {
    if (!receivesPayments(person)) continue;
    const since = liveAwardStarts(person).reduce((earliest, start) => (start < earliest ? start : earliest));
    const parent = person.relationships
      .filter((relationship) => relationship.type === 'PRNT')
      .map((relationship) => byNino.get(relationship.nino))
      .find((candidate) => candidate !== undefined && candidate.dateOfDeath === null);
    if (parent && ageOn(person.dateOfBirth, asOf) < 18) {
      ensureOwnAccount(rng, parent, since, asOf);
      person.paymentAccount = parent.paymentAccount;
    } else {
      ensureOwnAccount(rng, person, since, asOf);
    }
  }
}
