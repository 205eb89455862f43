'use client';

import { useEffect, useState } from 'react';
import { diagnoseApi, type ApiProblem } from '@/lib/diagnose';
import { useViewer } from '@/lib/viewer';
import { Notice } from './Notice';

/**
 * When the API cannot be asked who is signed in, says why: the API is down or unreachable, or
 * it answers but refuses this page's origin (then what to set, and where).
 */
export function ApiProblemBanner({ apiUrl }: { apiUrl: string }) {
  const viewer = useViewer();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    if (!viewer.offline) return setProblem(null);
    let current = true;
    void diagnoseApi(apiUrl).then((found) => current && setProblem(found));
    return () => {
      current = false;
    };
  }, [viewer.offline, apiUrl]);
  if (!problem) return null;
  const origin = window.location.origin;
  return (
    <div className="api-problem">
      {problem === 'origin-refused' ? (
        <Notice tone="error" title="The Tandem API refuses this page’s address">
          The API at <code>{apiUrl}</code> answers, but not to pages opened from <code>{origin}</code>. Where the API runs, set{' '}
          <code>PUBLIC_URL={origin}</code> (or add it to <code>CORS_ORIGINS</code>) and restart it; or open Tandem at the address it
          was set up for.
        </Notice>
      ) : (
        <Notice tone="warn" title="Can’t reach the Tandem API">
          Nothing answers at <code>{apiUrl}</code>. Check that the API is running and reachable from this device.
          {viewer.me ? ' Documents opened here before can still be edited; changes are sent once it is back.' : ''}
        </Notice>
      )}
    </div>
  );
}
