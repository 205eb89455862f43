'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useApiUrl } from '@/app/providers';
import { SIGN_IN } from '@/lib/access-operations';
import { describeError, errorCode, errorMessage, retryAfterText } from '@/lib/errors';
import { useViewer } from '@/lib/viewer';
import { AuthForm, TextField } from './AuthForm';

/** Only paths of this app: an address from the query string must not send people elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const viewer = useViewer();
  const router = useRouter();
  const apiUrl = useApiUrl();
  const next = safeNext(useSearchParams().get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signIn, { loading }] = useMutation(SIGN_IN);

  useEffect(() => {
    document.title = 'Sign in · Tandem';
  }, []);
  useEffect(() => {
    if (viewer.me) router.replace(next);
    else if (viewer.needsSetup) router.replace('/sign-up');
  }, [viewer.me, viewer.needsSetup, router, next]);

  const submit = async () => {
    if (!email.trim() || !password) return setError('Enter your email address and your password.');
    setError(null);
    try {
      await signIn({ variables: { email: email.trim(), password } });
      await viewer.refresh();
    } catch (caught) {
      switch (errorCode(caught)) {
        case 'UNAUTHENTICATED':
          return setError('Wrong email or password.');
        case 'RATE_LIMITED':
          return setError(`Too many attempts. For your account’s safety, try again ${retryAfterText(caught)}.`);
        case 'FORBIDDEN':
          return setError(`${errorMessage(caught) ?? 'This account may not sign in'}.`);
        default:
          return setError(`Couldn’t sign in. ${describeError(caught, apiUrl)}`);
      }
    }
  };

  return (
    <AuthForm
      title="Sign in"
      error={error}
      busy={loading}
      submitLabel="Sign in"
      onSubmit={() => void submit()}
      footer={
        viewer.signUp === 'OPEN' ? (
          <p>
            New here? <Link href="/sign-up">Create an account</Link>
          </p>
        ) : (
          <p className="muted">New here? Ask an administrator of this server for an invitation link.</p>
        )
      }
    >
      <TextField id="email" label="Email" type="email" value={email} onChange={setEmail} autoComplete="username" autoFocus />
      <TextField id="password" label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
    </AuthForm>
  );
}
