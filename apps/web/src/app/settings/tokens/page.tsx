import { ApiTokensPage } from '@/components/account/ApiTokensPage';

export default function ApiTokens() {
  return <ApiTokensPage />;
}
