import { z } from 'zod';
import { LegacyError } from '../../../platform/errors/index.ts';
import { fromDdmmyyyy, mapWire, readPipeRecords } from '../../../platform/formats/index.ts';
import type { Award, AwardStatus, Benefit, ComponentKind } from '../domain.ts';
import { amountPerPaymentPence, payDayFromCode, wirePayDayCode } from './payment-terms.ts';

/** One `CLM` record's fields after the record type, in the order JSAPS writes them. */
const CLAIM_FIELDS = ['nino', 'benefit', 'basis', 'status', 'startDate', 'endDate', 'weeklyPence', 'intervalDays', 'lastPaidDate', 'payDayCode'] as const;

const wireClaim = z.object({
  nino: z.string(),
  benefit: z.enum(['JSA', 'ESA', 'IS']),
  basis: z.enum(['IB', 'IR', 'CB', '--']),
  status: z.enum(['A', 'S', 'C']),
  startDate: z.string(),
  endDate: z.string(),
  weeklyPence: z.string().regex(/^\d{8}$/),
  intervalDays: z.literal('14'),
  lastPaidDate: z.string(),
  payDayCode: wirePayDayCode,
});
type WireClaim = z.infer<typeof wireClaim>;

const wireEnquiry = z.object({
  claims: z.array(wireClaim),
  unknownRecords: z.literal(0),
});

const BENEFITS: Readonly<Record<WireClaim['benefit'], Benefit>> = {
  JSA: 'JOBSEEKERS_ALLOWANCE',
  ESA: 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE',
  IS: 'INCOME_SUPPORT',
};

const STATUSES: Readonly<Record<WireClaim['status'], AwardStatus>> = { A: 'LIVE', S: 'SUSPENDED', C: 'ENDED' };

/** JSA is income-based or contribution-based, ESA income-related or contribution-based; Income Support has no basis. */
const BASES: Readonly<Record<WireClaim['benefit'], Partial<Record<WireClaim['basis'], ComponentKind | null>>>> = {
  JSA: { IB: 'INCOME_BASED', CB: 'CONTRIBUTION_BASED' },
  ESA: { IR: 'INCOME_RELATED', CB: 'CONTRIBUTION_BASED' },
  IS: { '--': null },
};

function toAward(claim: WireClaim): Award {
  const kind = BASES[claim.benefit][claim.basis];
  if (kind === undefined) throw new TypeError('JSAPS basis does not fit the benefit');
  const weeklyAmountPence = Number(claim.weeklyPence);
  return {
    benefit: BENEFITS[claim.benefit],
    source: 'JSAPS',
    status: STATUSES[claim.status],
    startDate: fromDdmmyyyy(claim.startDate),
    endDate: fromDdmmyyyy(claim.endDate),
    reviewDate: null,
    paymentFrequency: 'FORTNIGHTLY',
    amountPence: amountPerPaymentPence(weeklyAmountPence, 'FORTNIGHTLY'),
    weeklyAmountPence,
    components: kind === null ? [] : [{ kind, rate: null, weeklyAmountPence, monthlyAmountPence: null }],
    pattern: { kind: 'REGULAR', lastPaidDate: fromDdmmyyyy(claim.lastPaidDate), payDay: payDayFromCode(claim.payDayCode) },
    habitualResidence: null,
    lumpSum: null,
    expectedDeliveryDate: null,
  };
}

/** Splits the pipe-delimited answer into its `CLM` records, counting any record other than those and `NFD`. */
function readEnquiry(text: string) {
  let body: string[][];
  try {
    body = readPipeRecords(text, 'JSAPS');
  } catch (cause) {
    throw new LegacyError('LEGACY_UNAVAILABLE', 'jsaps', { cause });
  }
  return {
    claims: body.filter((fields) => fields[0] === 'CLM').map((fields) => Object.fromEntries(CLAIM_FIELDS.map((name, index) => [name, fields[index + 1]]))),
    unknownRecords: body.filter((fields) => fields[0] !== 'CLM' && fields[0] !== 'NFD').length,
  };
}

/**
 * A JSAPS enquiry answer → each citizen's JSA, ESA and Income Support awards keyed by NINO;
 * a NINO with no record (`NFD`) has none. A trailer count that disagrees with the records
 * means the answer was cut short, so it fails rather than show half the awards.
 */
export function mapJsapsEnquiry(text: string): Map<string, Award[]> {
  return mapWire('jsaps', wireEnquiry, readEnquiry(text), (wire) => {
    const byNino = new Map<string, Award[]>();
    for (const claim of wire.claims) byNino.set(claim.nino, [...(byNino.get(claim.nino) ?? []), toAward(claim)]);
    return byNino;
  });
}
