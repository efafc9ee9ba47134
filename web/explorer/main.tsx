import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ExampleOperation } from '../../schema/examples.ts';
import { devSignIn, fetchSettings, postGraphQL, type Credentials } from '../shared/graphql-client.ts';
import { persistedIdsOf, withPersistedId } from './persisted.ts';
import { mayIntrospect, sessionFromToken } from '../shared/session.ts';
import './explorer.css';

/** Served by the gateway beside this page: the README's and the persisted operations' examples. */
const EXAMPLES_PATH = '/explorer/examples.json';

const AUDIENCE_LABELS: Readonly<Record<ExampleOperation['audience'], string>> = {
  agent: 'Caseworker',
  citizen: 'Citizen',
  auditor: 'Auditor',
  partner: 'Partner body',
};

/**
 * GraphiQL with what a caller of this API needs above it: the bearer token and the declared
 * purpose (sent on every request, kept for this browser tab only), and the example operations
 * for each kind of user. A partner example is sent by its persisted id, the only way partners
 * may call.
 */
function Explorer() {
  const [examples, setExamples] = useState<readonly ExampleOperation[]>([]);
  const [devSignInAvailable, setDevSignInAvailable] = useState(false);
  const [credentials, setCredentials] = useState<Credentials>(() => ({ token: sessionStorage.getItem('explorer.token') ?? '', purpose: sessionStorage.getItem('explorer.purpose') ?? '' }));
  const [selected, setSelected] = useState<ExampleOperation | undefined>();
  const [signInProblem, setSignInProblem] = useState<string | undefined>();

  useEffect(() => {
    void fetch(EXAMPLES_PATH).then(async (response) => setExamples(response.ok ? ((await response.json()) as ExampleOperation[]) : []));
    void fetchSettings().then((settings) => setDevSignInAvailable(settings.devSignIn));
  }, []);
  useEffect(() => {
    sessionStorage.setItem('explorer.token', credentials.token);
    sessionStorage.setItem('explorer.purpose', credentials.purpose);
  }, [credentials]);

  const persistedIds = useMemo(() => persistedIdsOf(examples), [examples]);
  // The fetcher reads the caller's details when it sends, so editing them neither makes a new
  // fetcher nor has GraphiQL introspect again on every keystroke.
  const sendAs = useRef({ credentials, persistedIds });
  sendAs.current = { credentials, persistedIds };
  const fetcher = useMemo<GraphiQLProps['fetcher']>(
    () => (params, options) => {
      return postGraphQL(withPersistedId(params, sendAs.current.persistedIds), sendAs.current.credentials, (options?.headers ?? {}) as Record<string, string>);
    },
    [],
  );
  const introspects = mayIntrospect(sessionFromToken(credentials.token));

  const choose = (name: string) => {
    const example = examples.find((candidate) => candidate.name === name);
    setSelected(example);
    setSignInProblem(undefined);
    if (example) setCredentials((current) => ({ ...current, purpose: example.purpose ?? '' }));
  };
  const signIn = async () => {
    if (!selected) return;
    try {
      const token = await devSignIn(selected.caller);
      setCredentials((current) => ({ ...current, token }));
      setSignInProblem(undefined);
    } catch (error) {
      setSignInProblem((error as Error).message);
    }
  };

  return (
    <div className="explorer">
      <form className="explorer-caller" onSubmit={(event) => event.preventDefault()} aria-label="Caller">
        <label>
          Example operation
          <select value={selected?.name ?? ''} onChange={(event) => choose(event.target.value)}>
            <option value="">Choose an example…</option>
            {(Object.keys(AUDIENCE_LABELS) as ExampleOperation['audience'][]).map((audience) => (
              <optgroup key={audience} label={AUDIENCE_LABELS[audience]}>
                {examples
                  .filter((example) => example.audience === audience)
                  .map((example) => (
                    <option key={example.name} value={example.name}>
                      {example.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="explorer-token">
          Bearer token
          <input type="password" autoComplete="off" spellCheck={false} value={credentials.token} onChange={(event) => setCredentials({ ...credentials, token: event.target.value })} placeholder="npm run --silent token -- --role analyst" />
        </label>
        <label>
          Purpose (x-purpose)
          <input type="text" value={credentials.purpose} maxLength={64} onChange={(event) => setCredentials({ ...credentials, purpose: event.target.value })} placeholder="CASE-2026-0042" />
        </label>
        {selected && devSignInAvailable ? (
          <button type="button" onClick={() => void signIn()}>
            Development token for this example
          </button>
        ) : null}
        {selected ? (
          <p className="explorer-hint">
            Token for this example: <code>npm run --silent token -- {selected.tokenArguments}</code>
            {selected.persistedId ? ' (sent by its persisted id)' : ''}
          </p>
        ) : null}
        {signInProblem ? (
          <p className="explorer-problem" role="alert">
            {signInProblem}
          </p>
        ) : null}
      </form>
      <div className="explorer-graphiql">
        <GraphiQL
          // Introspection is for analysts: with an analyst's token GraphiQL reads the schema (rebuilt
          // when one is given); with any other it does not ask, rather than be refused.
          key={introspects ? 'analyst' : 'other'}
          fetcher={fetcher}
          {...(introspects ? {} : { schema: null })}
          query={selected?.document}
          variables={selected?.variables ? JSON.stringify(selected.variables, null, 2) : undefined}
          defaultEditorToolsVisibility={selected?.variables ? 'variables' : false}
          shouldPersistHeaders={false}
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById('explorer')!).render(<Explorer />);
