// The browser side of the GraphQL IDE (GET /graphql): GraphiQL with a Bearer-key field. Bundled by
// scripts/build-graphiql.js into dist/graphiql at build time; never loaded by the server itself.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { parse } from 'graphql';
import 'graphiql/style.css';
import './graphiql-page.css';
import { createClient } from 'graphql-ws';
import React, { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

const KEY_STORAGE = 'qcharge.apiKey';
const httpUrl = location.origin + location.pathname;
const wsUrl = httpUrl.replace(/^http/, 'ws');

function authorization(key) {
  return key ? `Bearer ${key}` : undefined;
}

function useFetcher(key) {
  const wsClient = useMemo(
    () => createClient({ url: wsUrl, lazy: true, connectionParams: () => ({ authorization: authorization(key) }) }),
    [key],
  );
  useEffect(() => () => void wsClient.dispose(), [wsClient]);
  return useMemo(() => {
    const fetcher = createGraphiQLFetcher({ url: httpUrl, headers: key ? { authorization: authorization(key) } : {}, wsClient });
    // The toolkit sends subscriptions over graphql-ws when the document it is given says so; GraphiQL's
    // document lags the editor by a debounce, so a subscription run right after typing would go over HTTP.
    return (params, options) => fetcher(params, { ...options, documentAST: parsed(params.query) ?? options?.documentAST });
  }, [key, wsClient]);
}

function parsed(query) {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

function KeyField({ value, onChange }) {
  const [draft, setDraft] = useState(value);
  const save = (event) => {
    event.preventDefault();
    onChange(draft.trim());
  };
  return (
    <form className="qcharge-key" onSubmit={save}>
      <strong>QCharge</strong>
      <label>
        API key{' '}
        <input
          id="qcharge-api-key"
          type="password"
          autoComplete="off"
          placeholder="qck_... (sent as Authorization: Bearer)"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button id="qcharge-api-key-save" type="submit">
        Use key
      </button>
      <span id="qcharge-api-key-state">{value ? 'key set (kept in this browser)' : 'no key'}</span>
    </form>
  );
}

function App() {
  const [key, setKey] = useState(() => localStorage.getItem(KEY_STORAGE) ?? '');
  const fetcher = useFetcher(key);
  const changeKey = (next) => {
    if (next) localStorage.setItem(KEY_STORAGE, next);
    else localStorage.removeItem(KEY_STORAGE);
    setKey(next);
  };
  return (
    <div className="qcharge-ide">
      <KeyField value={key} onChange={changeKey} />
      {/* A new key is a new fetcher: GraphiQL is remounted so the schema (docs pane) is read with it. */}
      <GraphiQL key={key} fetcher={fetcher} defaultEditorToolsVisibility={false} />
    </div>
  );
}

createRoot(document.getElementById('graphiql')).render(<App />);
