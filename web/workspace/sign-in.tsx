import { useState, type FormEvent } from 'react';
import { devSignIn } from '../shared/graphql-client.ts';
import { ErrorSummary, FieldWithError, type FieldError } from './ui.tsx';
import { NINO_SHAPE } from '../shared/session.ts';

const ROLES = [
  ['agent', 'Caseworker'],
  ['analyst', 'Analyst'],
  ['citizen', 'Citizen (their own record)'],
] as const;

const EXTRA_SCOPES = [
  ['records:restricted', 'See restricted records (records:restricted)'],
  ['bank:full', 'See account numbers in full (bank:full)'],
] as const;

/**
 * Sign in: in development, a token minted by the development issuer for the role chosen;
 * anywhere, a token pasted from the department's identity provider.
 */
export function SignIn({ devSignInAvailable, onSignedIn }: { readonly devSignInAvailable: boolean; readonly onSignedIn: (token: string) => void }) {
  const [role, setRole] = useState<string>('agent');
  const [nino, setNino] = useState('');
  const [scopes, setScopes] = useState<readonly string[]>([]);
  const [pasted, setPasted] = useState('');
  const [errors, setErrors] = useState<readonly FieldError[]>([]);

  const mint = async (event: FormEvent) => {
    event.preventDefault();
    if (role === 'citizen' && !NINO_SHAPE.test(nino.trim())) return setErrors([{ field: 'sign-in-nino', message: 'Enter the citizen’s National Insurance number, like QQ 12 34 56 C' }]);
    try {
      onSignedIn(await devSignIn({ role, ...(role === 'citizen' ? { nino: nino.trim() } : { scopes }) }));
    } catch (error) {
      setErrors([{ field: 'sign-in-role-agent', message: (error as Error).message }]);
    }
  };
  const usePasted = (event: FormEvent) => {
    event.preventDefault();
    if (pasted.trim().split('.').length !== 3) return setErrors([{ field: 'sign-in-token', message: 'Enter a bearer token: three parts separated by dots' }]);
    onSignedIn(pasted.trim());
  };

  return (
    <div>
      <h2 className="govuk-heading-l">Sign in</h2>
      <ErrorSummary errors={errors} />
      {devSignInAvailable ? (
        <form onSubmit={(event) => void mint(event)} noValidate>
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Development sign-in</legend>
            <p className="govuk-hint">Mints a token from the development issuer. Not available in production.</p>
            <div className="govuk-radios">
              {ROLES.map(([value, label]) => (
                <div className="govuk-radios__item" key={value}>
                  <input className="govuk-radios__input" id={`sign-in-role-${value}`} name="role" type="radio" value={value} checked={role === value} onChange={() => setRole(value)} />
                  <label className="govuk-label govuk-radios__label" htmlFor={`sign-in-role-${value}`}>
                    {label}
                  </label>
                </div>
              ))}
            </div>
            {role === 'citizen' ? (
              <FieldWithError id="sign-in-nino" label="National Insurance number" errors={errors}>
                {(describedBy) => <input className="govuk-input govuk-input--width-10" id="sign-in-nino" type="text" spellCheck={false} value={nino} onChange={(event) => setNino(event.target.value)} aria-describedby={describedBy} />}
              </FieldWithError>
            ) : (
              <div className="govuk-checkboxes">
                {EXTRA_SCOPES.map(([scope, label]) => (
                  <div className="govuk-checkboxes__item" key={scope}>
                    <input
                      className="govuk-checkboxes__input"
                      id={`sign-in-scope-${scope.replace(':', '-')}`}
                      type="checkbox"
                      checked={scopes.includes(scope)}
                      onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((held) => held !== scope))}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`sign-in-scope-${scope.replace(':', '-')}`}>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
            )}
          </fieldset>
          <button type="submit" className="govuk-button">
            Sign in
          </button>
        </form>
      ) : null}
      <form onSubmit={usePasted} noValidate>
        <FieldWithError id="sign-in-token" label={devSignInAvailable ? 'Or paste a bearer token' : 'Bearer token'} hint="From the department’s identity provider" errors={errors}>
          {(describedBy) => <textarea className="govuk-textarea" id="sign-in-token" rows={3} spellCheck={false} value={pasted} onChange={(event) => setPasted(event.target.value)} aria-describedby={describedBy} />}
        </FieldWithError>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Use this token
        </button>
      </form>
    </div>
  );
}
