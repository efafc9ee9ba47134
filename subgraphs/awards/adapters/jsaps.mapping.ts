import { z } from 'zod';
import { fromDdmmyyyy, mapWire } from '../../../platform/formats/index.ts';
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
  header: z.tuple([z.literal('HDR'), z.literal('JSAPS'), z.string().regex(/^\d+$/)]),
  claims: z.array(wireClaim),
  notFound: z.array(z.string()),
  trailer: z.tuple([z.literal('TRL'), z.string().regex(/^\d+$/)]),
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

/** Splits the pipe-delimited answer into its header, `CLM` and `NFD` records and trailer. */
function readEnquiry(text: string) {
  const records = text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split('|'));
  const body = records.slice(1, -1);
  return {
    header: records[0],
    claims: body.filter((fields) => fields[0] === 'CLM').map((fields) => Object.fromEntries(CLAIM_FIELDS.map((name, index) => [name, fields[index + 1]]))),
    notFound: body.filter((fields) => fields[0] === 'NFD').map((fields) => fields[1]),
    unknownRecords: body.filter((fields) => fields[0] !== 'CLM' && fields[0] !== 'NFD').length,
    trailer: records.at(-1),
  };
}

/**
 * A JSAPS enquiry answer → each citizen's JSA, ESA and Income Support awards keyed by NINO;
 * a NINO with no record (`NFD`) has none. A trailer count that disagrees with the records
 * means the answer was cut short, so it fails rather than show half the awards.
 */
export function mapJsapsEnquiry(text: string): Map<string, Award[]> {
  const enquiry = readEnquiry(text);
  return mapWire('jsaps', wireEnquiry, enquiry, (wire) => {
    const count = wire.claims.length + wire.notFound.length;
    if (enquiry.unknownRecords > 0 || Number(wire.trailer[1]) !== count || Number(wire.header[2]) !== count) throw new TypeError('JSAPS record counts do not match');
    const byNino = new Map<string, Award[]>();
    for (const claim of wire.claims) byNino.set(claim.nino, [...(byNino.get(claim.nino) ?? []), toAward(claim)]);
    return byNino;
  });
}
