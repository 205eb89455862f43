'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useApiUrl } from '@/app/providers';
import {
  ADMINISTRATION,
  CREATE_INVITATION,
  REVOKE_INVITATION,
  SET_ACCOUNT_DISABLED,
  type Invitation,
  type ServerRole,
} from '@/lib/access-operations';
import { explainError } from '@/lib/errors';
import { formatDate } from '@/lib/expiry';
import { useViewer } from '@/lib/viewer';
import { Notice } from '../ui/Notice';
import { AccountPage } from './AccountPage';
import { CopyField } from './CopyField';

/** Invitations (links an administrator copies and hands over) and the server's accounts. */
export function AdministrationPage() {
  const viewer = useViewer();
  const apiUrl = useApiUrl();
  const { data, error, refetch } = useQuery(ADMINISTRATION, { fetchPolicy: 'cache-and-network', skip: viewer.me?.role !== 'ADMIN' });
  const [invite, inviting] = useMutation(CREATE_INVITATION);
  const [revokeInvitation] = useMutation(REVOKE_INVITATION);
  const [setDisabled] = useMutation(SET_ACCOUNT_DISABLED);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ServerRole>('MEMBER');
  const [made, setMade] = useState<(Invitation & { token: string }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Administration · Tandem';
  }, []);

  const run = async (action: string, work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      await refetch();
    } catch (caught) {
      setProblem(explainError(caught, apiUrl, action));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('create the invitation', async () => {
      const result = await invite({ variables: { email: email.trim() || null, role } });
      setMade(result.data?.createInvitation ?? null);
      setEmail('');
    });
  };

  const inviteUrl = (invitation: Invitation & { token: string }) =>
    invitation.url ?? `${window.location.origin}/sign-up#invitation=${encodeURIComponent(invitation.token)}`;

  return (
    <AccountPage title="Administration">
      {viewer.me?.role !== 'ADMIN' ? (
        <Notice tone="info" title="For administrators">
          Only an administrator of this server manages invitations and accounts.
        </Notice>
      ) : (
        <>
          <section aria-labelledby="invitations-title">
            <h2 className="section-title" id="invitations-title">
              Invite people
            </h2>
            <p>An invitation is a link: copy it and send it however you like. It works once, for 7 days.</p>
            <form className="inline-form" onSubmit={submit} aria-label="New invitation">
              <label className="field-label">
                Email (optional: only this address may use it)
                <input className="field-input" type="email" value={email} onChange={(event) => setEmail(event.target.value)} placeholder="name@example.com" />
              </label>
              <label className="field-label">
                Role
                <select className="field-input" value={role} onChange={(event) => setRole(event.target.value as ServerRole)}>
                  <option value="MEMBER">Member</option>
                  <option value="ADMIN">Administrator</option>
                </select>
              </label>
              <button type="submit" className="button button-primary" disabled={inviting.loading}>
                Create invitation link
              </button>
            </form>
            {made ? <CopyField label="Invitation link" value={inviteUrl(made)} note="Copy it now: it is not shown again." /> : null}
            {problem ? <Notice tone="error" title="Something went wrong">{problem}</Notice> : null}
            {error ? <Notice tone="error" title="Couldn’t load">{explainError(error, apiUrl, 'load the administration page')}</Notice> : null}
            <table className="table">
              <thead>
                <tr>
                  <th>For</th>
                  <th>Role</th>
                  <th>Expires</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(data?.invitations ?? []).map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email ?? 'anyone with the link'}</td>
                    <td>{invitation.role === 'ADMIN' ? 'Administrator' : 'Member'}</td>
                    <td>{new Date(invitation.expiresAt).getTime() < Date.now() ? 'expired' : formatDate(invitation.expiresAt)}</td>
                    <td>
                      <button type="button" className="button button-danger" onClick={() => void run('revoke the invitation', () => revokeInvitation({ variables: { id: invitation.id } }))}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
                {data && data.invitations.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      No open invitations.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="accounts-title">
            <h2 className="section-title" id="accounts-title">
              Accounts
            </h2>
            <p>Disabling an account signs it out everywhere at once and stops its API tokens; enabling it lets it sign in again.</p>
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Role</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(data?.accounts ?? []).map((account) => (
                  <tr key={account.id} className={account.disabled ? 'row-disabled' : undefined}>
                    <td>{account.name}</td>
                    <td>{account.email}</td>
                    <td>
                      {account.role === 'ADMIN' ? 'Administrator' : 'Member'}
                      {account.disabled ? ' · disabled' : ''}
                    </td>
                    <td>
                      {account.id === viewer.me?.id ? (
                        <span className="muted">you</span>
                      ) : (
                        <button
                          type="button"
                          className={account.disabled ? 'button' : 'button button-danger'}
                          onClick={() =>
                            void run(account.disabled ? 'enable the account' : 'disable the account', () =>
                              setDisabled({ variables: { userId: account.id, disabled: !account.disabled } }),
                            )
                          }
                        >
                          {account.disabled ? 'Enable' : 'Disable'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </AccountPage>
  );
}
