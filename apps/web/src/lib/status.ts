// What the status indicator says, from the provider's status. "All changes saved" appears
// only when every local change has been acknowledged, i.e. is on the server's disk.
import type { ProviderStatus, TransportKind } from '@tandem/provider';

export type Tone = 'ok' | 'busy' | 'warn' | 'error';

export interface StatusText {
  readonly tone: Tone;
  /** Short: fits the toolbar. */
  readonly label: string;
  /** A word about the connection when a writer should know it (edits arrive late); null when live. */
  readonly transport: string | null;
  /** A sentence for the tooltip and screen readers. */
  readonly detail: string;
}

/**
 * What the status chip says about the connection, in a writer's words: nothing when edits
 * travel live (over a WebSocket or Server-Sent Events, which is no concern of a writer), a
 * word when others' edits arrive late. The technical name stays in the tooltip, for whoever
 * helps them.
 */
export const TRANSPORT_NAMES: Record<TransportKind, string | null> = {
  websocket: null,
  sse: null,
  polling: 'Delayed',
};

const TRANSPORT_DETAIL: Record<TransportKind, string> = {
  websocket: 'Others’ edits appear as they type. (Connection: WebSocket.)',
  sse: 'Others’ edits appear as they type. (Connection: Server-Sent Events; WebSockets seem blocked on this network.)',
  polling: 'Others’ edits and cursors arrive every few seconds: this network holds back live connections. (Connection: polling.)',
};

export function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}

export function describeStatus(status: ProviderStatus | null, browserOnline: boolean): StatusText {
  if (!status) return { tone: 'busy', label: 'Opening…', transport: null, detail: 'Reading the copy kept on this device.' };
  const { pending } = status;
  switch (status.state) {
    case 'deleted':
      return {
        tone: 'error',
        label: 'Deleted',
        transport: null,
        detail: 'This document was deleted; nothing more can be saved to it.',
      };
    case 'denied':
      return {
        tone: 'error',
        label: status.reason === 'unauthenticated' ? 'Signed out' : 'No access',
        transport: null,
        detail:
          status.reason === 'unauthenticated'
            ? 'Your session or link ended. Changes not yet saved are kept on this device.'
            : 'You no longer have access to this document.',
      };
    case 'offline':
      return {
        tone: 'warn',
        label: pending > 0 ? `Offline · ${changes(pending)} not saved` : 'Offline',
        transport: null,
        detail: browserOnline
          ? `The server can’t be reached. ${pending > 0 ? `${changes(pending)} are` : 'Anything you write is'} kept on this device and will be sent when it’s back.`
          : `This device is offline. ${pending > 0 ? `${changes(pending)} are` : 'Anything you write is'} kept on this device and will be sent when you’re back online.`,
      };
    case 'connecting':
      return {
        tone: 'busy',
        label: pending > 0 ? `Connecting · ${changes(pending)} not saved` : 'Connecting…',
        transport: status.transport ? TRANSPORT_NAMES[status.transport] : null,
        detail: 'Reaching the server. Keep writing: changes are kept on this device meanwhile.',
      };
    case 'connected': {
      const transport = TRANSPORT_NAMES[status.transport];
      if (!status.synced) {
        return { tone: 'busy', label: 'Syncing…', transport, detail: `Catching up with the server. ${TRANSPORT_DETAIL[status.transport]}` };
      }
      if (status.refused > 0) {
        return {
          tone: 'error',
          label: 'Not saved',
          transport,
          detail: 'The server refused a change, and what was written after it can’t be stored either. Get the server’s copy to go on.',
        };
      }
      if (pending > 0) {
        return { tone: 'busy', label: `Saving ${changes(pending)}…`, transport, detail: TRANSPORT_DETAIL[status.transport] };
      }
      return {
        tone: 'ok',
        label: 'All changes saved',
        transport,
        detail: `Everything is stored on the server. ${TRANSPORT_DETAIL[status.transport]}`,
      };
    }
    default: {
      const unknown: never = status;
      throw new Error(`Unknown provider status ${JSON.stringify(unknown)}`);
    }
  }
}
