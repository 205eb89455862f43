import Link from 'next/link';
import type { DenialReason } from '@tandem/provider';
import { signInHref } from '@/lib/viewer';
import { Notice } from '../ui/Notice';

/** Access ended while the document was open: say which way, and what to do next. */
export function AccessNotice({ reason, guest, next }: { reason: DenialReason; guest: boolean; next: string }) {
  const back = (
    <Link className="button" href="/">
      Back to documents
    </Link>
  );
  if (reason === 'unauthenticated') {
    return guest ? (
      <Notice tone="error" title="This link no longer works">
        The link you opened this document with was revoked or has expired. Ask the person who sent it for a new one. The text below
        is the copy on this device.
      </Notice>
    ) : (
      <Notice
        tone="error"
        title="You were signed out"
        actions={
          <Link className="button button-primary" href={signInHref(next)}>
            Sign in again
          </Link>
        }
      >
        Your session ended (you signed out elsewhere, or an administrator ended it). Changes not yet saved are kept on this device and
        sent once you sign in again.
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="You no longer have access to this document" actions={back}>
      Its owner removed your access. The text below is the last copy on this device; copy anything you want to keep.
    </Notice>
  );
}
