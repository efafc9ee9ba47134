import { formatDate, formatDateTime, systemTitle } from './format.ts';
import type { Gap } from './gaps.ts';
import { changeProgress, changeTitle, citizenTold, deliveryProgress, isInProgress, type Progress } from './progress.ts';
import type { Change, CitizenRecord, ReviewTask } from './queries.ts';
import { Section, SummaryList, Table } from './ui.tsx';

/**
 * What is still to happen for the citizen: each change of circumstances not yet held by every
 * system, with where it stands on each, and (for a caseworker) the reviews a change to someone
 * else's record calls for. Completed changes are in the timeline, as the events they made.
 */

function ProgressTag({ progress }: { readonly progress: Progress }) {
  return (
    <>
      <strong className={`govuk-tag govuk-tag--${progress.colour}`}>{progress.tag}</strong>
      {progress.detail ? <span className="progress-detail">{progress.detail}</span> : null}
    </>
  );
}

function ChangeCard({ change, contact }: { readonly change: Change; readonly contact: CitizenRecord['contact'] }) {
  const told = citizenTold(change, contact);
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h4 className="govuk-summary-card__title">{changeTitle(change)}</h4>
        <ProgressTag progress={changeProgress(change)} />
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            ['Reported', formatDateTime(change.reportedAt)],
            ['Takes effect', formatDate(change.effectiveDate)],
            ...change.deliveries.map((delivery) => [systemTitle(delivery.system) ?? delivery.system, <ProgressTag key={delivery.system} progress={deliveryProgress(delivery)} />] as const),
            ...(told ? [['Citizen told', <ProgressTag key="told" progress={told} />] as const] : []),
          ]}
        />
      </div>
    </div>
  );
}

export function ChangesInProgress({ changes, contact, gaps }: { readonly changes: readonly Change[] | null | undefined; readonly contact: CitizenRecord['contact']; readonly gaps: readonly Gap[] }) {
  const inProgress = (changes ?? []).filter(isInProgress);
  return (
    <Section id="changes" title="Changes in progress" gaps={gaps}>
      {inProgress.length ? inProgress.map((change) => <ChangeCard key={change.id} change={change} contact={contact} />) : gaps.length ? null : <p className="govuk-body">No changes in progress. Completed changes are in what has happened, below.</p>}
    </Section>
  );
}

export function ReviewsToMake({ tasks, gaps }: { readonly tasks: readonly ReviewTask[] | null | undefined; readonly gaps: readonly Gap[] }) {
  return (
    <Section id="reviews" title="Reviews to make" gaps={gaps}>
      {tasks?.length ? (
        <Table caption="Reviews of this citizen’s awards, newest first" captionStyle="hidden" headers={['Raised', 'Why a review is needed']}>
          {tasks.map((task) => (
            <tr className="govuk-table__row" key={task.id}>
              <td className="govuk-table__cell">{formatDateTime(task.createdAt)}</td>
              <td className="govuk-table__cell">{task.reason}</td>
            </tr>
          ))}
        </Table>
      ) : gaps.length ? null : (
        <p className="govuk-body">No reviews to make.</p>
      )}
    </Section>
  );
}
