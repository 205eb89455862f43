import { SignUpPage } from '@/components/account/SignUpPage';

export default function SignUp() {
  return <SignUpPage />;
}
