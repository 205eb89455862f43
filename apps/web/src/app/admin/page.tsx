import { AdministrationPage } from '@/components/account/AdministrationPage';

export default function Administration() {
  return <AdministrationPage />;
}
