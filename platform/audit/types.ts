/** ALLOWED when any citizen data was served; DENIED when the request was refused everything it asked for. */
export type AuditOutcome = 'ALLOWED' | 'DENIED';

/** What the caller records for one request, before the data leaves. */
export interface AuditEntryInput {
  readonly requestId: string;
  readonly subject: string;
  readonly role: string;
  readonly organisation: string;
  readonly purpose?: string;
  /** NINOs of every citizen the request touched (normalised on the way in). */
  readonly citizens: readonly string[];
  /** `domain.field` names the request read, e.g. `bank.accountNumber`. */
  readonly fields: readonly string[];
  /** `domain.Type.field` names the request was refused, e.g. `bank.Citizen.bankAccount`; default none. */
  readonly deniedFields?: readonly string[];
  /** Root fields called with arguments (a trace, a look-up, an auditor's search) and the arguments as given. */
  readonly searches?: ReadonlyArray<{ readonly field: string; readonly args: unknown }>;
  /** References of the partner checks the request answered, so a disputed check is found by the reference its partner quotes; default none. */
  readonly references?: readonly string[];
  /** Names of the fields the request changed (`domain.field`, e.g. `changes.address`), never their values; default none. */
  readonly changedFields?: readonly string[];
  readonly operationName?: string;
  readonly outcome: AuditOutcome;
  /** Default: the log's clock. */
  readonly at?: Date;
}

/** A stored entry, as an auditor sees it: what was recorded, placed in its writer's chain. */
export interface AuditEntry extends Omit<AuditEntryInput, 'at' | 'deniedFields' | 'searches' | 'references' | 'changedFields'> {
  readonly deniedFields: readonly string[];
  readonly references: readonly string[];
  readonly changedFields: readonly string[];
  /** The searches as canonical JSON, exactly as hashed into the chain. */
  readonly criteria?: string;
  readonly id: string;
  readonly writerId: string;
  readonly seq: number;
  readonly at: Date;
}

/** What a citizen sees of an access to their record: who (as an organisation and role), when, why. */
export interface CitizenAccess {
  readonly organisation: string;
  readonly role: string;
  readonly at: Date;
  readonly purpose?: string;
}

export interface PageRequest {
  /** 1-100; default 20. */
  readonly first?: number;
  /** `endCursor` of the previous page. */
  readonly after?: string;
}

/** Newest first. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  /** Pass as `after` for the next page; absent on an empty page. */
  readonly endCursor?: string;
}

/** One thing wrong with a chain, located as precisely as the damage allows. */
export interface VerifyProblem {
  /** Absent only for a problem with the checkpoint file as a whole, or a line too damaged to name one. */
  readonly writerId?: string;
  readonly seq?: number;
  readonly entryId?: string;
  /** Line of the checkpoint file at fault. */
  readonly checkpointLine?: number;
  readonly problem: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly chains: number;
  readonly entries: number;
  /** Present when the chains were checked against signed checkpoints too. */
  readonly checkpoints?: {
    /** Validly signed checkpoints read. */
    readonly signed: number;
    /** Entries newer than their writer's last checkpoint: the window only the chain and head checks cover. */
    readonly uncoveredEntries: number;
  };
  readonly problems: readonly VerifyProblem[];
}
