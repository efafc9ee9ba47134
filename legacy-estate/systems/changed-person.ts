import { addDays, earliest, maxDate } from '../../platform/domain/index.ts';
import type { IsoDate } from '../population/dates.ts';
import type { AddressSpell, Person } from '../population/types.ts';
import type { AppliedAddress, AppliedChange, AppliedContact } from './records.ts';

/**
 * A person as one system sees them once the changes written to that system are applied over
 * the seeded record. Each system applies only its own records, so a change delivered to CIS
 * and not yet to PSCS shows on CIS alone. Pure: the seeded person is never modified.
 */
export function personAsChanged(person: Person, changes: readonly AppliedChange[]): Person {
  let changed = person;
  for (const change of changes) {
    if (change.kind === 'address') changed = moved(changed, change);
    else if (change.kind === 'contact') changed = recontacted(changed, change);
    else changed = died(changed, change.effectiveDate);
  }
  return changed;
}

/** A new residential spell from the effective date; the current one ends the day before (never before it began). */
function moved(person: Person, change: AppliedAddress): Person {
  const addresses: AddressSpell[] = person.addresses.map((spell) =>
    spell.type === 'RES' && spell.end === null ? { ...spell, end: maxDate(spell.start, addDays(change.effectiveDate, -1)) } : spell,
  );
  addresses.push({ type: 'RES', address: { ...change.address }, start: change.effectiveDate, end: null });
  // A protected address stays protected: a change can add the restriction, never lift it.
  return { ...person, addresses, restricted: person.restricted || change.restricted };
}

function recontacted(person: Person, change: AppliedContact): Person {
  return { ...person, phone: change.phone ?? person.phone, mobile: change.mobile ?? person.mobile, email: change.email ?? person.email };
}

/**
 * Every award still running ends on the date of death (paid up to it, stopped from the day
 * after), in the terms each award type has: terminated, closed, or ended. An award that had
 * already ended keeps its own end.
 */
function died(person: Person, dateOfDeath: IsoDate): Person {
  const endBy = (end: IsoDate | null) => earliest(end, dateOfDeath) as IsoDate;
  const claim = person.universalCredit;
  return {
    ...person,
    dateOfDeath,
    cisAwards: person.cisAwards.map((award) => (award.status === 'TERM' ? award : { ...award, status: 'TERM', end: endBy(award.end) })),
    disabilityAwards: person.disabilityAwards.map((award) => (award.status === 'T' ? award : { ...award, status: 'T', end: endBy(award.end) })),
    jsapsAwards: person.jsapsAwards.map((award) => (award.status === 'C' ? award : { ...award, status: 'C', end: endBy(award.end) })),
    universalCredit: claim && claim.status === 'OPEN' ? { ...claim, status: 'CLOSED', endDate: dateOfDeath } : claim,
    statePension: person.statePension && person.statePension.status !== 'TM' ? { ...person.statePension, status: 'TM', endDate: dateOfDeath } : person.statePension,
  };
}
