import { checkBankDetails } from '../../platform/domain/modulus/index.ts';
import type { IsoDate } from './dates.ts';
import type { Rng } from './prng.ts';
import type { PaymentAccount, Title } from './types.ts';

/**
 * Payment accounts that pass modulus checking. Sort codes are real branch codes of several
 * banks that appear in the weight table; account numbers are drawn at random until the
 * checker accepts one, so the checker (not this file) decides what is valid.
 */
const SORT_CODES: readonly (readonly [sortCode: string, type: PaymentAccount['accountType'], weight: number])[] = [
  // Barclays ranges have two checks each, so only ~1% of random numbers pass: weighted low to keep start-up fast.
  ['200000', 'BANK', 2], ['203253', 'BANK', 2], ['204577', 'BANK', 2], // Barclays
  ['309012', 'BANK', 5], ['309457', 'BANK', 4], // Lloyds
  ['400515', 'BANK', 7], ['401160', 'BANK', 1], ['404784', 'BANK', 1], // HSBC
  ['600001', 'BANK', 4], ['601613', 'BANK', 3], // NatWest
  ['830608', 'BANK', 2], // Royal Bank of Scotland
  ['090128', 'BANK', 3], ['090129', 'BANK', 2], // Santander
  ['070436', 'BUILDING_SOCIETY', 4], ['070116', 'BUILDING_SOCIETY', 2], // Nationwide
  ['110001', 'BANK', 3], // Halifax
  ['774926', 'BANK', 2], // TSB
  ['800551', 'BANK', 1], // Bank of Scotland
  ['823411', 'BANK', 1], // Virgin Money
  ['608371', 'BANK', 2], // Starling
  ['040004', 'BANK', 2], // Monzo
  ['089999', 'BANK', 1], // Co-operative Bank
];
const ATTEMPTS_PER_SORT_CODE = 2_000;
const SORT_CODE_DRAWS = 50;
const WEIGHTED_SORT_CODES = SORT_CODES.map(([code, type, weight]) => [[code, type] as const, weight] as const);

export function accountHolderName(title: Title, forename: string, surname: string): string {
  return `${title} ${forename.charAt(0)} ${surname}`.toUpperCase();
}

export function createPaymentAccount(rng: Rng, holderName: string, validatedDate: IsoDate): PaymentAccount {
  for (let draw = 0; draw < SORT_CODE_DRAWS; draw++) {
    const [sortCode, accountType] = rng.weighted(WEIGHTED_SORT_CODES);
    for (let attempt = 0; attempt < ATTEMPTS_PER_SORT_CODE; attempt++) {
      const accountNumber = String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (checkBankDetails(sortCode, accountNumber).outcome === 'PASSED') {
        return { accountType, sortCode, accountNumber, rollNumber: null, accountHolderName: holderName, validatedDate };
      }
    }
  }
  throw new Error('no account number passed the modulus check: has the weight table changed?');
}
