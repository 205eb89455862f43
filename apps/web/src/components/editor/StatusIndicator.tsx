'use client';

import type { ProviderStatus } from '@tandem/provider';
import { useEffect, useRef, useState } from 'react';
import { describeStatus, type StatusText } from '@/lib/status';

// While someone types, every keystroke is pending for a few milliseconds: without a pause
// the label would flash between "Saving" and "All changes saved" on each key (and a screen
// reader would announce each flash). "Saved" waits until nothing was pending for this long;
// it never shows while anything is pending.
const SAVED_AFTER_QUIET = 700;

function useSteadyText(status: ProviderStatus | null, online: boolean): StatusText {
  const text = describeStatus(status, online);
  const lastBusy = useRef(0);
  const [, setTick] = useState(0);
  const saving = status?.state === 'connected' && status.synced && status.pending > 0;
  if (saving) lastBusy.current = Date.now();
  const quietFor = Date.now() - lastBusy.current;
  const holding = text.tone === 'ok' && quietFor < SAVED_AFTER_QUIET;

  useEffect(() => {
    if (!holding) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), SAVED_AFTER_QUIET - quietFor);
    return () => clearTimeout(timer);
  }, [holding, quietFor]);

  return holding ? { ...text, tone: 'busy', label: 'Saving…' } : text;
}

/**
 * What a screen reader is told: only changes of the overall state (saved, offline, a problem),
 * never the per-keystroke "Saving" or the counts, which would be read out on every key.
 */
function useAnnouncement(text: StatusText): string {
  const last = useRef('');
  if (text.tone === 'ok') last.current = text.label;
  else if (text.tone === 'warn' || text.tone === 'error') last.current = `${text.label.split(' · ')[0]}. ${text.detail}`;
  return last.current;
}

export function StatusIndicator({ status, online }: { status: ProviderStatus | null; online: boolean }) {
  const text = useSteadyText(status, online);
  const announcement = useAnnouncement(text);
  return (
    <div
      className={`status status-${text.tone}`}
      title={text.detail}
      data-testid="status"
      data-state={status?.state ?? 'opening'}
      data-transport={status && status.state !== 'offline' ? (status.transport ?? '') : ''}
      data-pending={status?.pending ?? 0}
      data-synced={status?.synced ? 'true' : 'false'}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{text.label}</span>
      {text.transport ? <span className="status-transport">{text.transport}</span> : null}
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
