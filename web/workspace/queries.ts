import type { RestrictedParts } from '../shared/session.ts';

/**
 * The operations the workspace sends: exactly what a consuming team's UI would send to the
 * public API. One request for the whole citizen and their household (their story included);
 * one for each older page of their timeline; one for a trace.
 */

/** How many events a page of the timeline holds: the first screen's and each "Show more". */
export const EVENTS_PER_PAGE = 20;

/** What the timeline shows of each page; a literal `first`, which the query cost limit counts. */
const EVENT_PAGE = /* GraphQL */ `
  fragment WorkspaceEventPage on CitizenEventConnection {
    edges { cursor node { kind occurredAt system summary benefit amount changeId } }
    pageInfo { hasNextPage endCursor }
  }
`;

/**
 * The whole citizen. The parts only some callers may read are asked for only by them, so no
 * one is shown a refusal as a gap: who has looked (the citizen), the changes and timeline (the
 * citizen or a caseworker), the reviews a change calls for (a caseworker).
 */
export const CITIZEN_VIEW = /* GraphQL */ `
  query WorkspaceCitizen($nino: NINO!, $withAccessHistory: Boolean!, $withStory: Boolean!, $withReviews: Boolean!) {
    citizen(nino: $nino) {
      nino
      name { fullName }
      dateOfBirth
      dateOfDeath
      deceased
      sex
      preferredLanguage
      restricted
      contact { phone mobile email }
      currentAddress { lines postTown postcode }
      correspondenceAddress { lines postTown postcode }
      addressHistory { type from to address { lines postTown postcode } }
      awards {
        benefit status startDate endDate paymentFrequency amount
        components { kind rate weeklyAmount monthlyAmount }
        nextPayment { date amount }
        recentPayments(last: 3) { date amount }
      }
      bankAccount { sortCode accountNumber masked accountHolderName accountType rollNumber }
      relationships {
        type from to
        citizen { nino name { fullName } dateOfBirth deceased awards { benefit status } }
      }
      accessHistory(first: 10) @include(if: $withAccessHistory) { accesses { organisation role at purpose } hasNextPage }
      events(first: ${EVENTS_PER_PAGE}) @include(if: $withStory) { ...WorkspaceEventPage }
      changes @include(if: $withStory) {
        id kind status reportedAt effectiveDate
        deliveries { system status attempts lastError { system code } deliveredAt }
        confirmation { channel sentAt }
      }
      reviewTasks @include(if: $withReviews) { id reason createdAt }
    }
  }
  ${EVENT_PAGE}
`;

/** CITIZEN_VIEW's variables: the citizen, and which of the parts some callers may not read to ask for. */
export function citizenViewVariables(nino: string, parts: RestrictedParts) {
  return { nino, withAccessHistory: parts.accessHistory, withStory: parts.story, withReviews: parts.reviews };
}

/** The timeline's next page, older than `after`: what "Show more" sends. */
export const CITIZEN_EVENTS = /* GraphQL */ `
  query WorkspaceEvents($nino: NINO!, $after: String!) {
    citizen(nino: $nino) {
      nino
      events(first: ${EVENTS_PER_PAGE}, after: $after) { ...WorkspaceEventPage }
    }
  }
  ${EVENT_PAGE}
`;

export const TRACE = /* GraphQL */ `
  query WorkspaceTrace($familyName: String!, $givenName: String, $dateOfBirth: Date!, $postcode: Postcode) {
    traceCitizen(familyName: $familyName, givenName: $givenName, dateOfBirth: $dateOfBirth, postcode: $postcode) {
      matches { score matchedOn citizen { nino name { fullName } dateOfBirth } }
    }
  }
`;

export interface Address {
  readonly lines: readonly string[];
  readonly postTown: string;
  readonly postcode: string;
}

export interface Payment {
  readonly date: string;
  readonly amount: string;
}

/** A null entry stands for a legacy system that did not answer (its error sits at that index). */
export interface Award {
  readonly benefit: string;
  readonly status: string;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly paymentFrequency: string;
  readonly amount: string | null;
  readonly components: readonly { readonly kind: string; readonly rate: string | null; readonly weeklyAmount: string | null; readonly monthlyAmount: string | null }[];
  readonly nextPayment: Payment | null;
  readonly recentPayments: readonly Payment[] | null;
}

export interface Relative {
  readonly type: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly citizen: { readonly nino: string; readonly name: { readonly fullName: string } | null; readonly dateOfBirth: string | null; readonly deceased: boolean | null; readonly awards: readonly ({ readonly benefit: string; readonly status: string } | null)[] | null } | null;
}

export interface CitizenEvent {
  readonly kind: string;
  /** An instant for what the graph recorded, a date (YYYY-MM-DD) for what a legacy system records by day. */
  readonly occurredAt: string;
  readonly system: string | null;
  readonly summary: string;
  readonly benefit: string | null;
  readonly amount: string | null;
  readonly changeId: string | null;
}

/** A null edge stands for a legacy system whose history could not be read (its error sits at that index). */
export interface EventPage {
  readonly edges: readonly ({ readonly cursor: string; readonly node: CitizenEvent } | null)[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

export interface Delivery {
  readonly system: string;
  readonly status: string;
  readonly attempts: number;
  readonly lastError: { readonly system: string; readonly code: string } | null;
  readonly deliveredAt: string | null;
}

/** A change of circumstances: its kind and progress, never what changed (the API holds no new address here). */
export interface Change {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly reportedAt: string;
  readonly effectiveDate: string;
  readonly deliveries: readonly Delivery[];
  /** How and when the citizen was told; null until GOV.UK Notify has taken the message, and for a death. */
  readonly confirmation: { readonly channel: string; readonly sentAt: string } | null;
}

export interface ReviewTask {
  readonly id: string;
  readonly reason: string;
  readonly createdAt: string;
}

export interface CitizenRecord {
  readonly nino: string;
  readonly name: { readonly fullName: string } | null;
  readonly dateOfBirth: string | null;
  readonly dateOfDeath: string | null;
  readonly deceased: boolean | null;
  readonly sex: string | null;
  readonly preferredLanguage: string | null;
  readonly restricted: boolean | null;
  readonly contact: { readonly phone: string | null; readonly mobile: string | null; readonly email: string | null } | null;
  readonly currentAddress: Address | null;
  readonly correspondenceAddress: Address | null;
  readonly addressHistory: readonly { readonly type: string; readonly from: string | null; readonly to: string | null; readonly address: Address }[] | null;
  /** Null when the awards service could not answer at all (its error sits at `awards`). */
  readonly awards: readonly (Award | null)[] | null;
  readonly bankAccount: { readonly sortCode: string; readonly accountNumber: string; readonly masked: boolean; readonly accountHolderName: string; readonly accountType: string; readonly rollNumber: string | null } | null;
  readonly relationships: readonly Relative[] | null;
  readonly accessHistory?: { readonly accesses: readonly { readonly organisation: string; readonly role: string; readonly at: string; readonly purpose: string | null }[]; readonly hasNextPage: boolean };
  /** Null when the whole field failed (its error names it); absent when not asked for. */
  readonly events?: EventPage | null;
  readonly changes?: readonly Change[] | null;
  readonly reviewTasks?: readonly ReviewTask[] | null;
}

export interface TraceMatch {
  readonly score: number;
  readonly matchedOn: readonly string[];
  readonly citizen: { readonly nino: string; readonly name: { readonly fullName: string } | null; readonly dateOfBirth: string | null };
}
