import { Suspense } from 'react';
import { SignInPage } from '@/components/account/SignInPage';

export default function SignIn() {
  return (
    <Suspense fallback={<div className="boot" aria-busy="true" />}>
      <SignInPage />
    </Suspense>
  );
}
