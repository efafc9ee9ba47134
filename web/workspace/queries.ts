/**
 * The operations the workspace sends: exactly what a consuming team's UI would send to the
 * public API. One request for the whole citizen and their household; one for a trace.
 */

export const CITIZEN_VIEW = /* GraphQL */ `
  query WorkspaceCitizen($nino: NINO!, $withAccessHistory: Boolean!) {
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
    }
  }
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
  readonly citizen: { readonly nino: string; readonly name: { readonly fullName: string } | null; readonly dateOfBirth: string | null; readonly deceased: boolean | null; readonly awards: readonly ({ readonly benefit: string; readonly status: string } | null)[] } | null;
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
  readonly awards: readonly (Award | null)[];
  readonly bankAccount: { readonly sortCode: string; readonly accountNumber: string; readonly masked: boolean; readonly accountHolderName: string; readonly accountType: string; readonly rollNumber: string | null } | null;
  readonly relationships: readonly Relative[] | null;
  readonly accessHistory?: { readonly accesses: readonly { readonly organisation: string; readonly role: string; readonly at: string; readonly purpose: string | null }[]; readonly hasNextPage: boolean };
}

export interface TraceMatch {
  readonly score: number;
  readonly matchedOn: readonly string[];
  readonly citizen: { readonly nino: string; readonly name: { readonly fullName: string } | null; readonly dateOfBirth: string | null };
}
