import { useCallback, useEffect, useState } from 'react';
import { fetchSettings, postGraphQL, type GraphQLError } from '../shared/graphql-client.ts';
import { CitizenView } from './citizen-view.tsx';
import { formatDate, formatNino } from './format.ts';
import { gapsFrom, type Gap } from './gaps.ts';
import { CITIZEN_EVENTS, CITIZEN_VIEW, citizenViewVariables, TRACE, type CitizenRecord, type EventPage, type TraceMatch } from './queries.ts';
import { SEARCH_ERRORS, SearchForm, type Search } from './search.tsx';
import { needsPurpose, restrictedPartsFor, sessionFromToken, type Session } from '../shared/session.ts';
import { SignIn } from './sign-in.tsx';
import { Table, type FieldError } from './ui.tsx';

type View =
  | { readonly kind: 'search' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'matches'; readonly matches: readonly TraceMatch[] }
  | { readonly kind: 'citizen'; readonly record: CitizenRecord; readonly gaps: readonly Gap[] };

/** What to tell the caseworker, and which field to send them to, for each error about the whole request. */
const REQUEST_ERRORS: Readonly<Record<string, FieldError>> = {
  PURPOSE_REQUIRED: SEARCH_ERRORS.purpose,
  INVALID_NINO: SEARCH_ERRORS.nino,
  CITIZEN_NOT_FOUND: { field: 'nino', message: 'Nobody holds this National Insurance number. Check it and try again' },
  UNAUTHENTICATED: { field: 'sign-out', message: 'Your sign-in has expired or is not valid. Sign out and sign in again' },
  FORBIDDEN: { field: 'nino', message: 'You are not allowed to see this record' },
  TOO_MANY_MATCHES: { field: 'family-name', message: 'Too many people match. Add the given name or postcode' },
};

function requestError(error: GraphQLError): FieldError {
  const known = REQUEST_ERRORS[error.extensions?.code ?? ''];
  return known ?? { field: 'nino', message: `${error.message}${error.extensions?.requestId ? ` (reference ${error.extensions.requestId})` : ''}` };
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
      const answer = await postGraphQL<{ citizen: CitizenRecord | null }>({ query: CITIZEN_VIEW, variables: citizenViewVariables(nino, restrictedPartsFor(session)) }, { token: session.token, purpose });
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

  // Follow the address bar: a link to a record (opened on arrival too), a relative, or Back to the citizen before.
  useEffect(() => {
    const follow = () => {
      const nino = ninoInHash();
      if (nino) void open(nino);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [open]);
  const signedIn = session !== undefined;
  useEffect(() => {
    const nino = ninoInHash();
    if (signedIn && nino) void open(nino);
    // Only on arrival and on signing in: later changes come through hashchange.
  }, [signedIn]);

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
                {view.kind === 'citizen' ? (
                  <CitizenView
                    record={view.record}
                    gaps={view.gaps}
                    parts={restrictedPartsFor(session)}
                    onOpen={openFromPage}
                    loadOlderEvents={(after) => postGraphQL<{ citizen: { events: EventPage } | null }>({ query: CITIZEN_EVENTS, variables: { nino: view.record.nino, after } }, { token: session.token, purpose })}
                  />
                ) : null}
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
    <Table caption={`${matches.length} ${matches.length === 1 ? 'person matches' : 'people match'}`} captionStyle="m" headers={['Name', 'National Insurance number', 'Date of birth', 'Match']}>
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
      </Table>
  );
}
