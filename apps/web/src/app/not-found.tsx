import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page narrow">
      <h1>Nothing here</h1>
      <p>This address doesn’t lead to a page of Tandem. Check the link, or go to the list of documents.</p>
      <p>
        <Link className="button" href="/">
          All documents
        </Link>
      </p>
    </main>
  );
}
