import { useEffect, useRef, type ReactNode } from 'react';
import type { Gap } from './gaps.ts';

/** The few GOV.UK Design System components the workspace uses, written for it. */

export interface FieldError {
  /** The id of the field the error is about, for the summary's link. */
  readonly field: string;
  readonly message: string;
}

/** Errors at the top of the page, focused when they appear, each linking to its field. */
export function ErrorSummary({ errors }: { readonly errors: readonly FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 className="govuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <ul className="govuk-list govuk-error-summary__list">
        {errors.map((error) => (
          <li key={`${error.field}:${error.message}`}>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Says plainly which part of the record is missing and which system failed, in place of that part. */
export function GapNotice({ gaps, what }: { readonly gaps: readonly Gap[]; readonly what: string }) {
  if (!gaps.length) return null;
  return (
    <div className="gap" role="status">
      <strong className="govuk-tag govuk-tag--orange">Not available</strong>
      <ul className="govuk-list">
        {gaps.map((gap) => (
          <li key={`${gap.source}|${gap.reason}`}>
            {what}: {gap.source} {gap.reason}.{gap.requestId ? <span className="gap__reference"> Reference {gap.requestId}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SummaryList({ rows }: { readonly rows: ReadonlyArray<readonly [label: string, value: ReactNode]> }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map(([label, value]) => (
        <div className="govuk-summary-list__row" key={label}>
          <dt className="govuk-summary-list__key">{label}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A section of the record: its heading, what is missing from it, then what there is. */
export function Section({ id, title, gaps, children }: { readonly id: string; readonly title: string; readonly gaps: readonly Gap[]; readonly children: ReactNode }) {
  return (
    <section className="record-section" aria-labelledby={`${id}-heading`}>
      <h3 className="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h3>
      <GapNotice gaps={gaps} what={title} />
      {children}
    </section>
  );
}

/** A labelled field with its hint and its inline error, as the Design System lays them out. */
export function FieldWithError({ id, label, hint, errors, children }: { readonly id: string; readonly label: string; readonly hint?: string; readonly errors: readonly FieldError[]; readonly children: (describedBy: string | undefined) => ReactNode }) {
  const error = errors.find((candidate) => candidate.field === id);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error.message}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

/**
 * A table with its caption (visible, or for screen readers only when the section's heading
 * already says what it is) and a header cell for each column; the caller writes the rows.
 */
export function Table({ caption, captionStyle, headers, children }: { readonly caption: string; readonly captionStyle: 'hidden' | 's' | 'm'; readonly headers: readonly string[]; readonly children: ReactNode }) {
  return (
    <table className="govuk-table">
      <caption className={captionStyle === 'hidden' ? 'govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionStyle}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {headers.map((header) => (
            <th scope="col" className="govuk-table__header" key={header}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
}
