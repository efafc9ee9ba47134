import { useCallback, useEffect, useState } from 'react';
import { fetchSettings, postGraphQL, type GraphQLError } from '../shared/graphql-client.ts';
import { CitizenView } from './citizen-view.tsx';
import { formatDate, formatNino } from './format.ts';
import { gapsFrom, type Gap } from './gaps.ts';
import { CITIZEN_VIEW, TRACE, type CitizenRecord, type TraceMatch } from './queries.ts';
import { SearchForm, type Search } from './search.tsx';
import { mayReadAccessHistory, needsPurpose, sessionFromToken, type Session } from './session.ts';
import { SignIn } from './sign-in.tsx';
import type { FieldError } from './ui.tsx';

type View =
  | { readonly kind: 'search' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'matches'; readonly matches: readonly TraceMatch[] }
  | { readonly kind: 'citizen'; readonly record: CitizenRecord; readonly gaps: readonly Gap[] };

/** What to tell the caseworker, and which field to send them to, for an error about the whole request. */
function requestError(error: GraphQLError): FieldError {
  switch (error.extensions?.code) {
    case 'PURPOSE_REQUIRED':
      return { field: 'purpose', message: 'Enter the case reference you are looking for this citizen for, like CASE-2026-0042' };
    case 'INVALID_NINO':
      return { field: 'nino', message: 'Enter a National Insurance number in the correct format, like QQ 12 34 56 C' };
    case 'CITIZEN_NOT_FOUND':
      return { field: 'nino', message: 'Nobody holds this National Insurance number. Check it and try again' };
    case 'UNAUTHENTICATED':
      return { field: 'sign-out', message: 'Your sign-in has expired or is not valid. Sign out and sign in again' };
    case 'FORBIDDEN':
      return { field: 'nino', message: 'You are not allowed to see this record' };
    case 'TOO_MANY_MATCHES':
      return { field: 'family-name', message: 'Too many people match. Add the given name or postcode' };
    default:
      return { field: 'nino', message: `${error.message}${error.extensions?.requestId ? ` (reference ${error.extensions.requestId})` : ''}` };
  }
}

/** The NINO the address bar names (`#citizen=SC100021A`), so a record can be linked to and Back works. */
function ninoInHash(): string | undefined {
  return /^#citizen=([A-Za-z0-9]+)$/.exec(location.hash)?.[1];
}

/**
 * The agent workspace: sign in, declare a purpose, find a citizen and see them whole. A client
 * of the public GraphQL API like any other team's, holding nothing the API did not send.
 */
export function Workspace() {
  const [devSignInAvailable, setDevSignInAvailable] = useState(false);
  const [session, setSession] = useState<Session | undefined>(() => {
    const token = sessionStorage.getItem('workspace.token');
    return token ? sessionFromToken(token) : undefined;
  });
  const [purpose, setPurpose] = useState(() => sessionStorage.getItem('workspace.purpose') ?? '');
  const [view, setView] = useState<View>({ kind: 'search' });
  const [errors, setErrors] = useState<readonly FieldError[]>([]);

  useEffect(() => void fetchSettings().then((settings) => setDevSignInAvailable(settings.devSignIn)), []);
  useEffect(() => sessionStorage.setItem('workspace.purpose', purpose), [purpose]);

  const signIn = (token: string) => {
    sessionStorage.setItem('workspace.token', token);
    setSession(sessionFromToken(token));
  };
  const signOut = () => {
    sessionStorage.removeItem('workspace.token');
    setSession(undefined);
    setView({ kind: 'search' });
    setErrors([]);
  };

  const open = useCallback(
    async (nino: string) => {
      if (!session) return;
      setView({ kind: 'loading' });
      const answer = await postGraphQL<{ citizen: CitizenRecord | null }>({ query: CITIZEN_VIEW, variables: { nino, withAccessHistory: mayReadAccessHistory(session) } }, { token: session.token, purpose });
      const citizen = answer.data?.citizen;
      if (!citizen) {
        setErrors((answer.errors ?? [{ message: 'No answer for this citizen.' }]).filter((error) => !error.path || error.path.length === 1).map(requestError).slice(0, 1));
        return setView({ kind: 'search' });
      }
      setErrors([]);
      setView({ kind: 'citizen', record: citizen, gaps: gapsFrom(answer.errors) });
    },
    [session, purpose],
  );

  // Follow the address bar: a link to a relative, or Back to the citizen before.
  useEffect(() => {
    const follow = () => {
      const nino = ninoInHash();
      if (nino) void open(nino);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [open]);

  const openFromPage = (nino: string) => {
    if (ninoInHash() === nino) void open(nino);
    else location.hash = `citizen=${nino}`;
  };

  const search = async (query: Search) => {
    if (!session) return;
    if (query.kind === 'nino') return openFromPage(query.nino);
    setView({ kind: 'loading' });
    const { kind: _kind, ...variables } = query;
    const answer = await postGraphQL<{ traceCitizen: { matches: TraceMatch[] } | null }>({ query: TRACE, variables }, { token: session.token, purpose });
    if (!answer.data?.traceCitizen) {
      setErrors((answer.errors ?? []).map(requestError).slice(0, 1));
      return setView({ kind: 'search' });
    }
    setErrors([]);
    setView({ kind: 'matches', matches: answer.data.traceCitizen.matches });
  };

  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-header">
        <div className="govuk-width-container govuk-header__container">
          <span className="govuk-header__service-name">Citizen Graph workspace</span>
          {session ? (
            <span className="govuk-header__signed-in">
              Signed in{session.role ? ` as ${session.role}` : ''}{' '}
              <button type="button" className="govuk-header__sign-out" id="sign-out" onClick={signOut}>
                Sign out
              </button>
            </span>
          ) : null}
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content">
          <h1 className="govuk-visually-hidden">Citizen Graph workspace</h1>
          {!session ? (
            <SignIn devSignInAvailable={devSignInAvailable} onSignedIn={signIn} />
          ) : (
            <div className="workspace">
              <div className="workspace__search">
                <SearchForm purposeRequired={needsPurpose(session)} purpose={purpose} onPurpose={setPurpose} serverErrors={errors} onSearch={(query) => void search(query)} />
              </div>
              <div className="workspace__result" aria-live="polite" aria-busy={view.kind === 'loading'}>
                {view.kind === 'loading' ? <p className="govuk-body">Loading…</p> : null}
                {view.kind === 'matches' ? <Matches matches={view.matches} onOpen={openFromPage} /> : null}
                {view.kind === 'citizen' ? <CitizenView record={view.record} gaps={view.gaps} showAccessHistory={mayReadAccessHistory(session)} onOpen={openFromPage} /> : null}
              </div>
            </div>
          )}
        </main>
      </div>
    </>
  );
}

function Matches({ matches, onOpen }: { readonly matches: readonly TraceMatch[]; readonly onOpen: (nino: string) => void }) {
  if (!matches.length) return <p className="govuk-body">Nobody matches. Check the spelling and date of birth, or search by National Insurance number.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">
        {matches.length} {matches.length === 1 ? 'person matches' : 'people match'}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Name</th>
          <th scope="col" className="govuk-table__header">National Insurance number</th>
          <th scope="col" className="govuk-table__header">Date of birth</th>
          <th scope="col" className="govuk-table__header">Match</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {matches.map((match) => (
          <tr className="govuk-table__row" key={match.citizen.nino}>
            <th scope="row" className="govuk-table__header">
              <a
                className="govuk-link"
                href={`#citizen=${match.citizen.nino}`}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(match.citizen.nino);
                }}
              >
                {match.citizen.name?.fullName ?? formatNino(match.citizen.nino)}
              </a>
            </th>
            <td className="govuk-table__cell">{formatNino(match.citizen.nino)}</td>
            <td className="govuk-table__cell">{formatDate(match.citizen.dateOfBirth)}</td>
            <td className="govuk-table__cell">
              {Math.round(match.score * 100)}% on {match.matchedOn.join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
