import { AppError, NotFoundError } from '../../platform/errors/index.ts';
import type { NewAddress } from './adapters/legacy-writer.ts';
import type { CisPerson } from './adapters/cis.mapping.ts';
import type { PreparedChange } from './reporter.ts';
import { requireEffectiveDate } from './rules.ts';

/** Where a new address is found by its UPRN; null for a UPRN the look-up does not know. */
export interface AddressDirectory {
  byUprn(uprn: string): Promise<NewAddress | null>;
}

/** What preparing a change reads, each for the one request. */
export interface PrepareSources {
  readonly person: (nino: string) => Promise<CisPerson | null>;
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
