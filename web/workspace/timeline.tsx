import { useEffect, useRef, useState } from 'react';
import type { GraphQLResponse } from '../shared/graphql-client.ts';
import { formatDateOrTime, formatMoney, systemTitle } from './format.ts';
import { gapsFrom, gapsUnder, type Gap } from './gaps.ts';
import type { CitizenEvent, EventPage } from './queries.ts';
import { Section, Table } from './ui.tsx';

/** Sends CITIZEN_EVENTS for the page older than `after`. */
export type LoadOlderEvents = (after: string) => Promise<GraphQLResponse<{ citizen: { events: EventPage } | null }>>;

const EVENTS_PATH = ['citizen', 'events'];

const eventsOn = (page: EventPage): CitizenEvent[] => page.edges.flatMap((edge) => (edge ? [edge.node] : []));

/** Who did it: a legacy system by its name, or the graph itself (a change reported, a review raised). */
const whereItHappened = (event: CitizenEvent) => (event.system ? (systemTitle(event.system) ?? event.system) : 'Citizen Graph');

/**
 * What has happened to the citizen, newest first: the newest page came with the record, and
 * "Show more" asks for each older page after the last one's end. A system whose history could
 * not be read is a gap on every page: labelled once, however many pages said so.
 */
export function Timeline({ newest, gaps, loadOlder }: { readonly newest: EventPage | null | undefined; readonly gaps: readonly Gap[]; readonly loadOlder: LoadOlderEvents }) {
  const [events, setEvents] = useState(() => (newest ? eventsOn(newest) : []));
  const [pageInfo, setPageInfo] = useState(newest?.pageInfo);
  const [olderGaps, setOlderGaps] = useState<readonly Gap[]>([]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string>();
  // The first row a page added, focused once it is there so a keyboard user reads on from it.
  const [firstAdded, setFirstAdded] = useState<number>();
  const added = useRef<HTMLTableRowElement>(null);
  useEffect(() => added.current?.focus(), [firstAdded]);

  const showMore = async () => {
    if (!pageInfo?.endCursor) return;
    setLoading(true);
    try {
      const answer = await loadOlder(pageInfo.endCursor);
      const page = answer.data?.citizen?.events;
      if (!page) {
        const error = answer.errors?.[0];
        return setProblem(`The older events could not be read${error?.extensions?.code ? ` (${error.extensions.code}${error.extensions.requestId ? `, reference ${error.extensions.requestId}` : ''})` : ''}. Try again.`);
      }
      setProblem(undefined);
      setFirstAdded(events.length);
      setEvents([...events, ...eventsOn(page)]);
      setPageInfo(page.pageInfo);
      setOlderGaps(gapsFrom(answer.errors));
    } catch {
      setProblem('The older events could not be read: the service did not answer. Try again.');
    } finally {
      setLoading(false);
    }
  };

  return (
    <Section id="timeline" title="What has happened" gaps={gapsUnder([...gaps, ...olderGaps], EVENTS_PATH)}>
      {events.length ? (
        <Table caption="Events, newest first" captionStyle="hidden" headers={['When', 'What happened', 'System', 'Amount']}>
          {events.map((event, index) => (
            <tr className="govuk-table__row" key={index} tabIndex={index === firstAdded ? -1 : undefined} ref={index === firstAdded ? added : undefined}>
              <td className="govuk-table__cell">{formatDateOrTime(event.occurredAt)}</td>
              <td className="govuk-table__cell">{event.summary}</td>
              <td className="govuk-table__cell">{whereItHappened(event)}</td>
              <td className="govuk-table__cell">{formatMoney(event.amount)}</td>
            </tr>
          ))}
        </Table>
      ) : newest ? (
        <p className="govuk-body">Nothing recorded yet.</p>
      ) : null}
      {problem ? (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {pageInfo?.hasNextPage ? (
        <button type="button" className="govuk-button govuk-button--secondary" disabled={loading} onClick={() => void showMore()}>
          Show more<span className="govuk-visually-hidden"> of what has happened</span>
        </button>
      ) : null}
    </Section>
  );
}
