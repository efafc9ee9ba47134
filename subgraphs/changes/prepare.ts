import { AppError, NotFoundError } from '../../platform/errors/index.ts';
import type { NewAddress } from './adapters/legacy-writer.ts';
import type { CisPerson } from './adapters/cis.mapping.ts';
import type { PreparedChange } from './reporter.ts';
import { requireContactDetails, requireDateOfDeath, requireEffectiveDate } from './rules.ts';

/** Where a new address is found by its UPRN; null for a UPRN the look-up does not know. */
export interface AddressDirectory {
  byUprn(uprn: string): Promise<NewAddress | null>;
}

/** What preparing a change reads, each for the one request. */
export interface PrepareSources {
  readonly person: (nino: string) => Promise<CisPerson | null>;
  /** The citizen's current partner on CIS, if any. */
  readonly partner: (nino: string) => Promise<string | null>;
  readonly addresses: AddressDirectory;
  readonly today: string;
}

async function heldPerson(sources: PrepareSources, nino: string): Promise<CisPerson> {
  const person = await sources.person(nino);
  if (!person) throw new NotFoundError('No citizen holds this NINO.');
  return person;
}

/**
 * A change of address: the date within its window, the citizen on CIS, the UPRN in the
 * address look-up. The citizen's restriction travels with the change, so every system that
 * keeps the address keeps it protected.
 */
export async function prepareAddressChange(args: { nino: string; uprn: string; effectiveDate: string }, sources: PrepareSources): Promise<PreparedChange> {
  requireEffectiveDate(args.effectiveDate, sources.today);
  const [person, address] = await Promise.all([heldPerson(sources, args.nino), sources.addresses.byUprn(args.uprn)]);
  if (!address) throw new AppError('UPRN_NOT_FOUND', 'No address in the address look-up has this UPRN.');
  return { change: { kind: 'address', nino: args.nino, effectiveDate: args.effectiveDate, address, restricted: person.restricted }, restricted: person.restricted };
}

/** A change of contact details, from today: the citizen on CIS, each detail well formed. */
export async function prepareContactChange(
  args: { nino: string; phone: string | null; mobile: string | null; email: string | null },
  sources: PrepareSources,
): Promise<PreparedChange> {
  requireContactDetails(args);
  const person = await heldPerson(sources, args.nino);
  return { change: { kind: 'contact', nino: args.nino, effectiveDate: sources.today, phone: args.phone, mobile: args.mobile, email: args.email }, restricted: person.restricted };
}

/** Why a surviving partner's record is reviewed. */
export const PARTNER_REVIEW_REASON = 'Partner died: review the awards that depend on the couple.';

/**
 * A death: the citizen on CIS and not already recorded dead there; a surviving partner (CIS
 * PTNR) gets a review task of the awards that depend on the couple.
 */
export async function prepareDeathReport(args: { nino: string; dateOfDeath: string }, sources: PrepareSources): Promise<PreparedChange> {
  requireDateOfDeath(args.dateOfDeath, sources.today);
  const [person, partner] = await Promise.all([heldPerson(sources, args.nino), sources.partner(args.nino)]);
  if (person.dateOfDeath !== null) throw new AppError('INVALID_ARGUMENT', 'CIS already records this citizen\'s death.');
  return {
    change: { kind: 'death', nino: args.nino, dateOfDeath: args.dateOfDeath },
    restricted: person.restricted,
    reviews: partner ? [{ nino: partner, reason: PARTNER_REVIEW_REASON }] : [],
  };
}
