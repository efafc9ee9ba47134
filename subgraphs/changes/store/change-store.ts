import type { SqlQueryable } from '../../../platform/database/index.ts';
import { changeStatusOf, type ChangeKind, type ChangeRecord, type ConfirmationRecord, type DeliveryRecord, type DeliveryStatus } from '../domain.ts';

/** What a mutation stores about a change, before any system has seen it. */
export interface NewChange {
  readonly id: string;
  readonly nino: string;
  readonly kind: ChangeKind;
  readonly effectiveDate: string;
  /** What the systems are sent: kept for the delivery worker, never served. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly restricted: boolean;
  readonly reportedAt: Date;
  readonly reportedBy: string;
  readonly reporterRole: string;
  readonly purpose?: string;
}

export interface NewDelivery {
  readonly id: string;
  readonly system: string;
  readonly status: Extract<DeliveryStatus, 'PENDING' | 'WAITING'>;
}

/** A change as the delivery worker reads it: everything needed to send it on. */
export type StoredChange = Pick<NewChange, 'id' | 'nino' | 'kind' | 'effectiveDate' | 'details' | 'restricted'>;

export async function insertChange(tx: SqlQueryable, change: NewChange, deliveries: readonly NewDelivery[]): Promise<void> {
  await tx.query(
    `INSERT INTO changes.change (id, nino, kind, effective_date, details, restricted, reported_at, reported_by, reporter_role, purpose)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [change.id, change.nino, change.kind, change.effectiveDate, JSON.stringify(change.details), change.restricted, change.reportedAt, change.reportedBy, change.reporterRole, change.purpose ?? null],
  );
  for (const delivery of deliveries) {
    await tx.query('INSERT INTO changes.delivery (id, change_id, system, status) VALUES ($1, $2, $3, $4)', [delivery.id, change.id, delivery.system, delivery.status]);
  }
}

const CHANGE_COLUMNS = `c.id, c.nino, c.kind, to_char(c.effective_date, 'YYYY-MM-DD') AS effective_date, c.reported_at, c.seq,
  COALESCE((SELECT json_agg(json_build_object('system', d.system, 'status', d.status, 'attempts', d.attempts,
    'lastErrorSystem', d.last_error_system, 'lastErrorCode', d.last_error_code, 'deliveredAt', d.delivered_at) ORDER BY d.system)
    FROM changes.delivery d WHERE d.change_id = c.id), '[]') AS deliveries,
  n.channel AS confirmation_channel, n.sent_at AS confirmation_sent_at`;

const CHANGE_FROM = 'changes.change c LEFT JOIN changes.confirmation n ON n.change_id = c.id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Changes by id; a missing id (or one that is no UUID, so no change's) is absent from the map. */
export async function findChanges(db: SqlQueryable, ids: readonly string[]): Promise<Map<string, ChangeRecord>> {
  const { rows } = await db.query(`SELECT ${CHANGE_COLUMNS} FROM ${CHANGE_FROM} WHERE c.id = ANY($1::uuid[])`, [ids.filter((id) => UUID.test(id))]);
  return new Map(rows.map((row) => [String(row.id), rowToChange(row)]));
}

/** Each citizen's changes, newest first. */
export async function changesOf(db: SqlQueryable, ninos: readonly string[]): Promise<Map<string, ChangeRecord[]>> {
  const { rows } = await db.query(`SELECT ${CHANGE_COLUMNS} FROM ${CHANGE_FROM} WHERE c.nino = ANY($1::text[]) ORDER BY c.seq DESC`, [ninos]);
  const byNino = new Map<string, ChangeRecord[]>(ninos.map((nino) => [nino, []]));
  for (const row of rows) byNino.get(String(row.nino))?.push(rowToChange(row));
  return byNino;
}

/** The change a delivery carries, with that delivery's status; undefined when no such delivery exists. */
export async function deliveryToMake(db: SqlQueryable, deliveryId: string): Promise<{ change: StoredChange; system: string; status: DeliveryStatus } | undefined> {
  const { rows } = await db.query(
    `SELECT c.id, c.nino, c.kind, to_char(c.effective_date, 'YYYY-MM-DD') AS effective_date, c.details, c.restricted, d.system, d.status
     FROM changes.delivery d JOIN changes.change c ON c.id = d.change_id WHERE d.id = $1`,
    [deliveryId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    change: {
      id: String(row.id),
      nino: String(row.nino),
      kind: String(row.kind) as ChangeKind,
      effectiveDate: String(row.effective_date),
      details: row.details as Record<string, unknown>,
      restricted: row.restricted === true,
    },
    system: String(row.system),
    status: String(row.status) as DeliveryStatus,
  };
}

/** Counts an attempt before it is made, so a crash mid-attempt still shows in `attempts`. */
export async function countAttempt(db: SqlQueryable, deliveryId: string): Promise<void> {
  await db.query('UPDATE changes.delivery SET attempts = attempts + 1 WHERE id = $1', [deliveryId]);
}

/** The failure of the latest attempt: which system and which code, never a message or personal data. */
export async function recordFailure(db: SqlQueryable, deliveryId: string, error: { system: string; code: string }): Promise<void> {
  await db.query('UPDATE changes.delivery SET last_error_system = $2, last_error_code = $3 WHERE id = $1', [deliveryId, error.system, error.code]);
}

/** Ends a delivery; only a delivery still PENDING moves, so a repeated job changes nothing. */
export async function finishDelivery(tx: SqlQueryable, deliveryId: string, status: Extract<DeliveryStatus, 'DELIVERED' | 'NOT_NEEDED' | 'FAILED'>, at: Date): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE changes.delivery SET status = $2, delivered_at = CASE WHEN $2 = 'DELIVERED' THEN $3::timestamptz END
     WHERE id = $1 AND status = 'PENDING' RETURNING id`,
    [deliveryId, status, at],
  );
  return rows.length === 1;
}

/** Records the confirmation Notify took for a change; a second record of it (a retried job) changes nothing. */
export async function recordConfirmation(db: SqlQueryable, changeId: string, notification: { id: string; channel: ConfirmationRecord['channel']; sentAt: Date }): Promise<void> {
  await db.query('INSERT INTO changes.confirmation (change_id, notification_id, channel, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT (change_id) DO NOTHING', [
    changeId,
    notification.id,
    notification.channel,
    notification.sentAt,
  ]);
}

/** Moves a change's deliveries held for CIS's confirmation to PENDING (or FAILED, when CIS refused it); returns those now to send. */
export async function releaseWaiting(tx: SqlQueryable, changeId: string, outcome: { confirmed: true } | { confirmed: false; error: { system: string; code: string } }): Promise<Array<{ id: string; system: string }>> {
  if (outcome.confirmed) {
    const { rows } = await tx.query("UPDATE changes.delivery SET status = 'PENDING' WHERE change_id = $1 AND status = 'WAITING' RETURNING id, system", [changeId]);
    return rows.map((row) => ({ id: String(row.id), system: String(row.system) }));
  }
  await tx.query(
    "UPDATE changes.delivery SET status = 'FAILED', last_error_system = $2, last_error_code = $3 WHERE change_id = $1 AND status = 'WAITING'",
    [changeId, outcome.error.system, outcome.error.code],
  );
  return [];
}

/** A timestamptz column as an ISO instant: the driver gives a Date, to the millisecond. */
function isoInstant(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function rowToChange(row: Record<string, unknown>): ChangeRecord {
  const deliveries = (row.deliveries as Array<Record<string, unknown>>).map(
    (delivery): DeliveryRecord => ({
      system: String(delivery.system),
      status: String(delivery.status) as DeliveryStatus,
      attempts: Number(delivery.attempts),
      lastError: delivery.lastErrorCode != null ? { system: String(delivery.lastErrorSystem), code: String(delivery.lastErrorCode) } : null,
      deliveredAt: delivery.deliveredAt != null ? new Date(String(delivery.deliveredAt)).toISOString() : null,
    }),
  );
  return {
    id: String(row.id),
    nino: String(row.nino),
    kind: String(row.kind) as ChangeKind,
    status: changeStatusOf(deliveries),
    reportedAt: isoInstant(row.reported_at),
    effectiveDate: String(row.effective_date),
    deliveries,
    confirmation: row.confirmation_channel == null ? null : { channel: String(row.confirmation_channel) as ConfirmationRecord['channel'], sentAt: isoInstant(row.confirmation_sent_at) },
  };
}

/** Deliveries not yet made to one system: how many, and how long ago the oldest one's change was reported. */
export interface OpenDeliveries {
  readonly depth: number;
  readonly oldestAgeSeconds: number;
}

/** Deliveries queued, waiting for CIS or being retried, per system; a system with none is absent. */
export async function openDeliveriesBySystem(db: SqlQueryable, now: Date): Promise<Map<string, OpenDeliveries>> {
  const { rows } = await db.query(
    `SELECT d.system, count(*)::int AS depth, EXTRACT(EPOCH FROM ($1::timestamptz - min(c.reported_at)))::float8 AS oldest
     FROM changes.delivery d JOIN changes.change c ON c.id = d.change_id
     WHERE d.status IN ('PENDING', 'WAITING') GROUP BY d.system`,
    [now],
  );
  return new Map(rows.map((row) => [String(row.system), { depth: Number(row.depth), oldestAgeSeconds: Math.max(0, Number(row.oldest)) }]));
}
