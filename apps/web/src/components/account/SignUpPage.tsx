'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useApiUrl } from '@/app/providers';
import { SIGN_UP } from '@/lib/access-operations';
import { describeError, errorCode, errorMessage } from '@/lib/errors';
import { useViewer } from '@/lib/viewer';
import { AuthForm, TextField } from './AuthForm';

const MIN_PASSWORD = 8;

/**
 * Creating an account: the administrator's on a new server (first run), then with an
 * invitation link (#invitation=..., the default policy) or freely where sign-up is open.
 */
export function SignUpPage() {
  const viewer = useViewer();
  const router = useRouter();
  const apiUrl = useApiUrl();
  const [invitation, setInvitation] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signUp, { loading }] = useMutation(SIGN_UP);

  useEffect(() => {
    setInvitation(new URLSearchParams(window.location.hash.slice(1)).get('invitation'));
  }, []);
  useEffect(() => {
    document.title = `${viewer.needsSetup ? 'Set up' : 'Create an account'} · Tandem`;
  }, [viewer.needsSetup]);
  useEffect(() => {
    if (viewer.me) router.replace('/');
  }, [viewer.me, router]);

  const submit = async () => {
    if (!name.trim() || !email.trim()) return setError('Enter your name and your email address.');
    if (password.length < MIN_PASSWORD) return setError(`Choose a password of at least ${MIN_PASSWORD} characters.`);
    setError(null);
    try {
      await signUp({ variables: { name: name.trim(), email: email.trim(), password, invitation } });
      window.history.replaceState(null, '', window.location.pathname);
      await viewer.refresh();
    } catch (caught) {
      const code = errorCode(caught);
      if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN') return setError(`${capitalise(errorMessage(caught) ?? 'Refused')}.`);
      setError(`Couldn’t create the account. ${describeError(caught, apiUrl)}`);
    }
  };

  if (viewer.loading) return <div className="boot" aria-busy="true" />;
  const setup = viewer.needsSetup;
  const closed = !setup && !invitation && viewer.signUp !== 'OPEN';
  if (closed) {
    return (
      <main className="page narrow auth-page">
        <p className="brand auth-brand">Tandem</p>
        <h1 className="auth-title">Accounts are by invitation</h1>
        <p>
          {viewer.signUp === 'CLOSED'
            ? 'This server does not take new accounts.'
            : 'To create an account on this server, open the invitation link an administrator gave you.'}
        </p>
        <p>
          <Link className="button" href="/sign-in">
            Sign in
          </Link>
        </p>
      </main>
    );
  }
  return (
    <AuthForm
      title={setup ? 'Create the administrator account' : 'Create your account'}
      intro={
        setup ? (
          <p>
            This Tandem server is new. Its first account is its administrator: it invites people, manages accounts and can open
            every document.
          </p>
        ) : invitation ? (
          <p>You were invited to this Tandem server.</p>
        ) : null
      }
      error={error}
      busy={loading}
      submitLabel={setup ? 'Create and sign in' : 'Create account'}
      onSubmit={() => void submit()}
      footer={
        setup ? null : (
          <p>
            Have an account? <Link href="/sign-in">Sign in</Link>
          </p>
        )
      }
    >
      <TextField id="name" label="Your name" value={name} onChange={setName} autoComplete="name" hint="Shown to the people you write with." autoFocus />
      <TextField id="email" label="Email" type="email" value={email} onChange={setEmail} autoComplete="username" />
      <TextField
        id="password"
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD} characters.`}
      />
    </AuthForm>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
