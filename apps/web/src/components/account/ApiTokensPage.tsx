'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useApiUrl } from '@/app/providers';
import { API_TOKENS, CREATE_API_TOKEN, REVOKE_API_TOKEN, type ApiToken } from '@/lib/access-operations';
import { explainError } from '@/lib/errors';
import { EXPIRY_CHOICES, expiresAtFor, formatDate } from '@/lib/expiry';
import { Notice } from '../ui/Notice';
import { AccountPage } from './AccountPage';
import { CopyField } from './CopyField';

/** Tokens for scripts: each acts as this account; shown once when made; revoking ends it everywhere. */
export function ApiTokensPage() {
  const apiUrl = useApiUrl();
  const { data, error, refetch } = useQuery(API_TOKENS, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CREATE_API_TOKEN);
  const [revoke] = useMutation(REVOKE_API_TOKEN);
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | null>(null);
  const [made, setMade] = useState<(ApiToken & { token: string }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'API tokens · Tandem';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Give the token a name, e.g. what script uses it.');
    setProblem(null);
    try {
      const result = await create({ variables: { name: name.trim(), expiresAt: expiresAtFor(days) } });
      setMade(result.data?.createApiToken ?? null);
      setName('');
      await refetch();
    } catch (caught) {
      setProblem(explainError(caught, apiUrl, 'create the token'));
    }
  };

  const onRevoke = async (token: ApiToken) => {
    setProblem(null);
    try {
      await revoke({ variables: { id: token.id } });
      if (made?.id === token.id) setMade(null);
      await refetch();
    } catch (caught) {
      setProblem(explainError(caught, apiUrl, `revoke “${token.name}”`));
    }
  };

  const origin = apiUrl.startsWith('http') ? apiUrl : `${typeof window === 'undefined' ? '' : window.location.origin}${apiUrl}`;
  return (
    <AccountPage title="API tokens">
      <p>
        A token lets a script use the API as you: send it as <code>authorization: Bearer &lt;token&gt;</code>. It can do whatever
        you can, until it expires or you revoke it.
      </p>
      <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="New API token">
        <label className="field-label">
          Name
          <input className="field-input" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. nightly backup" maxLength={100} />
        </label>
        <label className="field-label">
          Expires
          <select className="field-input" value={days ?? ''} onChange={(event) => setDays(event.target.value ? Number(event.target.value) : null)}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.label} value={choice.days ?? ''}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={creating.loading}>
          Create token
        </button>
      </form>
      {problem ? <Notice tone="error" title="Something went wrong">{problem}</Notice> : null}
      {made ? (
        <div className="made-secret">
          <CopyField label={`Token “${made.name}”`} value={made.token} note="Copy it now: it is not shown again." />
          <p className="muted">
            Try it: <code>{`curl -H 'authorization: Bearer ${made.token.slice(0, 12)}…' -H 'content-type: application/json' -d '{"query":"{ me { email } }"}' ${origin}`}</code>
          </p>
        </div>
      ) : null}
      {error ? <Notice tone="error" title="Couldn’t load your tokens">{explainError(error, apiUrl, 'load your tokens')}</Notice> : null}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(data?.apiTokens ?? []).map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{formatDate(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : 'never'}</td>
              <td>{formatDate(token.expiresAt)}</td>
              <td>
                <button type="button" className="button button-danger" onClick={() => void onRevoke(token)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
          {data && data.apiTokens.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No tokens yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </AccountPage>
  );
}
