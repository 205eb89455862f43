'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useApiUrl } from '@/app/providers';
import {
  CREATE_SHARE_LINK,
  DOCUMENT_SHARING,
  GENERAL_ACCESS_NAMES,
  REVOKE_SHARE_LINK,
  ROLE_NAMES,
  SET_GENERAL_ACCESS,
  SHARE_DOCUMENT,
  UNSHARE_DOCUMENT,
  type DocumentRole,
  type GeneralAccess,
  type ShareLink,
} from '@/lib/access-operations';
import { explainError } from '@/lib/errors';
import { EXPIRY_CHOICES, expiresAtFor, formatDate } from '@/lib/expiry';
import { useViewer } from '@/lib/viewer';
import { CopyField } from '../account/CopyField';
import { Dialog } from '../ui/Dialog';

const MEMBER_ROLES: DocumentRole[] = ['OWNER', 'EDITOR', 'COMMENTER', 'VIEWER'];
const LINK_ROLES: DocumentRole[] = ['EDITOR', 'COMMENTER', 'VIEWER'];

/**
 * Who may do what with a document (OWNER only): people by email with a role, what everyone
 * on the server may do, and links for guests. Every change takes effect at once for whoever
 * has the document open.
 */
export function ShareDialog({ documentId, open, onClose }: { documentId: string; open: boolean; onClose: () => void }) {
  const titleId = useId();
  const apiUrl = useApiUrl();
  const viewer = useViewer();
  const { data, refetch } = useQuery(DOCUMENT_SHARING, { variables: { id: documentId }, skip: !open, fetchPolicy: 'network-only' });
  const [share] = useMutation(SHARE_DOCUMENT);
  const [unshare] = useMutation(UNSHARE_DOCUMENT);
  const [setGeneral] = useMutation(SET_GENERAL_ACCESS);
  const [createLink] = useMutation(CREATE_SHARE_LINK);
  const [revokeLink] = useMutation(REVOKE_SHARE_LINK);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<DocumentRole>('EDITOR');
  const [linkRole, setLinkRole] = useState<DocumentRole>('VIEWER');
  const [linkDays, setLinkDays] = useState<number | null>(7);
  const [newLink, setNewLink] = useState<(ShareLink & { token: string; url: string | null }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: string, work: () => Promise<unknown>) => {
    setProblem(null);
    setBusy(true);
    try {
      await work();
      await refetch();
      return true;
    } catch (caught) {
      setProblem(explainError(caught, apiUrl, action));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return;
    if (await run(`share with ${email.trim()}`, () => share({ variables: { documentId, email: email.trim(), role } }))) setEmail('');
  };

  const document = data?.document;
  const linkUrl = (link: { token: string; url: string | null }) => link.url ?? `${window.location.origin}/d/${documentId}#link=${encodeURIComponent(link.token)}`;

  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId} className="share-dialog">
      <div className="dialog-form">
        <h2 className="dialog-title" id={titleId}>
          Share “{document?.title ?? '…'}”
        </h2>

        <form className="share-invite" onSubmit={(event) => void invite(event)} aria-label="Add people">
          <label className="visually-hidden" htmlFor={`${titleId}-email`}>
            Email of someone with an account here
          </label>
          <input
            id={`${titleId}-email`}
            className="field-input"
            type="email"
            placeholder="Email of someone with an account here"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="off"
          />
          <select className="field-input" aria-label="Their role" value={role} onChange={(event) => setRole(event.target.value as DocumentRole)}>
            {MEMBER_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_NAMES[value]}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-primary" disabled={busy || !email.trim()}>
            Share
          </button>
        </form>

        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}

        <h3 className="share-heading">People</h3>
        <ul className="share-members" aria-label="People with access">
          {(document?.members ?? []).map((member) => (
            <li key={member.user.id} className="share-member">
              <span className="share-who">
                <strong>{member.user.name}</strong>
                {member.user.id === viewer.me?.id ? <span className="muted"> (you)</span> : null}
                <span className="muted share-email">{member.user.email}</span>
              </span>
              <select
                className="field-input"
                aria-label={`Role of ${member.user.name}`}
                value={member.role}
                disabled={busy}
                onChange={(event) =>
                  void run(`change ${member.user.name}’s role`, () =>
                    share({ variables: { documentId, email: member.user.email, role: event.target.value as DocumentRole } }),
                  )
                }
              >
                {MEMBER_ROLES.map((value) => (
                  <option key={value} value={value}>
                    {ROLE_NAMES[value]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button-quiet"
                disabled={busy}
                aria-label={`Remove ${member.user.name}`}
                onClick={() => void run(`remove ${member.user.name}`, () => unshare({ variables: { documentId, userId: member.user.id } }))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>

        <h3 className="share-heading">Everyone on this server</h3>
        <select
          className="field-input"
          aria-label="General access"
          value={document?.generalAccess ?? 'RESTRICTED'}
          disabled={busy || !document}
          onChange={(event) => void run('change general access', () => setGeneral({ variables: { documentId, access: event.target.value as GeneralAccess } }))}
        >
          {(Object.keys(GENERAL_ACCESS_NAMES) as GeneralAccess[]).map((value) => (
            <option key={value} value={value}>
              {GENERAL_ACCESS_NAMES[value]}
            </option>
          ))}
        </select>

        <h3 className="share-heading">Links for guests</h3>
        <p className="muted">Anyone with a link opens this document without an account, with the link’s role.</p>
        <div className="share-link-form">
          <select className="field-input" aria-label="Role of a new link" value={linkRole} onChange={(event) => setLinkRole(event.target.value as DocumentRole)}>
            {LINK_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_NAMES[value]}
              </option>
            ))}
          </select>
          <select
            className="field-input"
            aria-label="Link expires"
            value={linkDays ?? ''}
            onChange={(event) => setLinkDays(event.target.value ? Number(event.target.value) : null)}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.label} value={choice.days ?? ''}>
                {choice.label === 'Never' ? 'Never expires' : `Expires ${choice.label.toLowerCase()}`}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void run('create a link', async () => {
                const result = await createLink({ variables: { documentId, role: linkRole, expiresAt: expiresAtFor(linkDays) } });
                setNewLink(result.data?.createShareLink ?? null);
              })
            }
          >
            Create link
          </button>
        </div>
        {newLink ? <CopyField label={`${ROLE_NAMES[newLink.role]} link`} value={linkUrl(newLink)} note="Copy it now: the link is not shown again." /> : null}
        <ul className="share-links" aria-label="Links">
          {(document?.shareLinks ?? []).map((link) => (
            <li key={link.id} className="share-link">
              <span>
                {ROLE_NAMES[link.role]} · made {formatDate(link.createdAt)} · expires {formatDate(link.expiresAt)}
              </span>
              <button
                type="button"
                className="button button-quiet"
                disabled={busy}
                onClick={() =>
                  void run('revoke the link', async () => {
                    await revokeLink({ variables: { id: link.id } });
                    if (newLink?.id === link.id) setNewLink(null);
                  })
                }
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>

        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
