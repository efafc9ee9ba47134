/** A change of circumstances and its progress to each system, as the graph serves it. */

export type ChangeKind = 'address' | 'contact' | 'death';

/**
 * PENDING: queued for (or being delivered to) the system; WAITING: held until CIS, the master,
 * confirms; DELIVERED: the system holds it; NOT_NEEDED: the system holds nothing for the citizen;
 * FAILED: the system refused it for good (or CIS did, so it was never sent).
 */
export type DeliveryStatus = 'PENDING' | 'WAITING' | 'DELIVERED' | 'NOT_NEEDED' | 'FAILED';
export type ChangeStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeliveryError {
  readonly system: string;
  readonly code: string;
}

export interface DeliveryRecord {
  readonly system: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastError: DeliveryError | null;
  readonly deliveredAt: string | null;
}

/** The confirmation GOV.UK Notify took for a change, as our store recorded it when Notify answered. */
export interface ConfirmationRecord {
  readonly channel: 'email' | 'sms' | 'letter';
  readonly sentAt: string;
}

export interface ChangeRecord {
  readonly id: string;
  readonly nino: string;
  readonly kind: ChangeKind;
  readonly status: ChangeStatus;
  readonly reportedAt: string;
  readonly effectiveDate: string;
  readonly deliveries: readonly DeliveryRecord[];
  /** Null until Notify has taken the citizen's confirmation (and for changes never confirmed). */
  readonly confirmation: ConfirmationRecord | null;
}

export interface ReviewTask {
  readonly id: string;
  readonly nino: string;
  readonly changeId: string;
  readonly reason: string;
  readonly createdAt: string;
}

/** A change is in progress while any system still has it to come; failed once one refused it for good. */
export function changeStatusOf(deliveries: readonly Pick<DeliveryRecord, 'status'>[]): ChangeStatus {
  if (deliveries.some((delivery) => delivery.status === 'PENDING' || delivery.status === 'WAITING')) return 'IN_PROGRESS';
  return deliveries.some((delivery) => delivery.status === 'FAILED') ? 'FAILED' : 'COMPLETED';
}
