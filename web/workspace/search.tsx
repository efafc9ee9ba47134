import { useState, type FormEvent } from 'react';
import { ErrorSummary, FieldWithError, type FieldError } from './ui.tsx';
import { NINO_SHAPE } from '../shared/session.ts';

export type Search = { readonly kind: 'nino'; readonly nino: string } | { readonly kind: 'trace'; readonly familyName: string; readonly givenName?: string; readonly dateOfBirth: string; readonly postcode?: string };

/** What each field's error says, whether the form or the API found it. */
export const SEARCH_ERRORS = {
  purpose: { field: 'purpose', message: 'Enter the case reference you are looking for this citizen for, like CASE-2026-0042' },
  nino: { field: 'nino', message: 'Enter a National Insurance number in the correct format, like QQ 12 34 56 C' },
  familyName: { field: 'family-name', message: 'Enter the family name' },
  dateOfBirth: { field: 'dob-day', message: 'Date of birth must be a real date, like 12 3 1946' },
} as const satisfies Readonly<Record<string, FieldError>>;

/** The date of birth's three boxes as one ISO date, or undefined when they are not a real date. */
function isoDate(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * Declare a purpose and find a citizen: by National Insurance number, or by trace (family
 * name and date of birth, with given name and postcode to narrow it). Checked here first, so
 * a mistyped number is corrected before any request is made and audited.
 */
export function SearchForm({ purposeRequired, purpose, onPurpose, serverErrors, onSearch }: {
  readonly purposeRequired: boolean;
  readonly purpose: string;
  readonly onPurpose: (purpose: string) => void;
  /** Errors the API returned for the last search, shown with the form's own. */
  readonly serverErrors: readonly FieldError[];
  readonly onSearch: (search: Search) => void;
}) {
  const [kind, setKind] = useState<Search['kind']>('nino');
  const [nino, setNino] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [day, setDay] = useState('');
  const [month, setMonth] = useState('');
  const [year, setYear] = useState('');
  const [postcode, setPostcode] = useState('');
  const [formErrors, setFormErrors] = useState<readonly FieldError[]>([]);
  const errors = formErrors.length ? formErrors : serverErrors;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (purposeRequired && !/^[A-Za-z0-9 _./:-]{1,64}$/.test(purpose.trim())) problems.push(SEARCH_ERRORS.purpose);
    if (kind === 'nino' && !NINO_SHAPE.test(nino.trim())) problems.push(SEARCH_ERRORS.nino);
    const dateOfBirth = isoDate(day.trim(), month.trim(), year.trim());
    if (kind === 'trace') {
      if (!familyName.trim()) problems.push(SEARCH_ERRORS.familyName);
      if (!dateOfBirth) problems.push(SEARCH_ERRORS.dateOfBirth);
    }
    setFormErrors(problems);
    if (problems.length) return;
    if (kind === 'nino') onSearch({ kind, nino: nino.replace(/\s+/g, '').toUpperCase() });
    else onSearch({ kind, familyName: familyName.trim(), dateOfBirth: dateOfBirth!, ...(givenName.trim() ? { givenName: givenName.trim() } : {}), ...(postcode.trim() ? { postcode: postcode.trim() } : {}) });
  };

  const dobError = errors.find((error) => error.field === 'dob-day');
  return (
    <form onSubmit={submit} noValidate aria-label="Find a citizen">
      <ErrorSummary errors={errors} />
      {purposeRequired ? (
        <FieldWithError id="purpose" label="Purpose" hint="The case reference you are working on. It is recorded with every look at a record." errors={errors}>
          {(describedBy) => <input className="govuk-input govuk-input--width-20" id="purpose" type="text" value={purpose} onChange={(event) => onPurpose(event.target.value)} aria-describedby={describedBy} />}
        </FieldWithError>
      ) : null}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Find a citizen by</legend>
        <div className="govuk-radios govuk-radios--inline">
          {(
            [
              ['nino', 'National Insurance number'],
              ['trace', 'Name and date of birth'],
            ] as const
          ).map(([value, label]) => (
            <div className="govuk-radios__item" key={value}>
              <input className="govuk-radios__input" id={`find-by-${value}`} name="find-by" type="radio" checked={kind === value} onChange={() => setKind(value)} />
              <label className="govuk-label govuk-radios__label" htmlFor={`find-by-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {kind === 'nino' ? (
        <FieldWithError id="nino" label="National Insurance number" hint="It’s on the citizen’s National Insurance card or letters about benefits, like QQ 12 34 56 C" errors={errors}>
          {(describedBy) => <input className="govuk-input govuk-input--width-10" id="nino" type="text" spellCheck={false} autoComplete="off" value={nino} onChange={(event) => setNino(event.target.value)} aria-describedby={describedBy} />}
        </FieldWithError>
      ) : (
        <>
          <FieldWithError id="family-name" label="Family name" hint="Spelling need not be exact" errors={errors}>
            {(describedBy) => <input className="govuk-input govuk-input--width-20" id="family-name" type="text" spellCheck={false} value={familyName} onChange={(event) => setFamilyName(event.target.value)} aria-describedby={describedBy} />}
          </FieldWithError>
          <FieldWithError id="given-name" label="Given name (optional)" errors={errors}>
            {() => <input className="govuk-input govuk-input--width-20" id="given-name" type="text" spellCheck={false} value={givenName} onChange={(event) => setGivenName(event.target.value)} />}
          </FieldWithError>
          <div className={`govuk-form-group${dobError ? ' govuk-form-group--error' : ''}`}>
            <fieldset className="govuk-fieldset" role="group" aria-describedby={`dob-hint${dobError ? ' dob-error' : ''}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Date of birth</legend>
              <div className="govuk-hint" id="dob-hint">
                For example, 12 3 1946
              </div>
              {dobError ? (
                <p className="govuk-error-message" id="dob-error">
                  <span className="govuk-visually-hidden">Error:</span> {dobError.message}
                </p>
              ) : null}
              <div className="govuk-date-input">
                {(
                  [
                    ['dob-day', 'Day', day, setDay, 2],
                    ['dob-month', 'Month', month, setMonth, 2],
                    ['dob-year', 'Year', year, setYear, 4],
                  ] as const
                ).map(([id, label, value, set, width]) => (
                  <div className="govuk-date-input__item" key={id}>
                    <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                      {label}
                    </label>
                    <input className={`govuk-input govuk-date-input__input govuk-input--width-${width}`} id={id} type="text" inputMode="numeric" value={value} onChange={(event) => set(event.target.value)} />
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <FieldWithError id="postcode" label="Postcode (optional)" errors={errors}>
            {() => <input className="govuk-input govuk-input--width-10" id="postcode" type="text" autoComplete="off" value={postcode} onChange={(event) => setPostcode(event.target.value)} />}
          </FieldWithError>
        </>
      )}
      <button type="submit" className="govuk-button">
        Find
      </button>
    </form>
  );
}
