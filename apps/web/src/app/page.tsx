import { DocumentsPage } from '@/components/documents/DocumentsPage';

export default function Home() {
  return <DocumentsPage />;
}
