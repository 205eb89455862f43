// The servers Tandem is compared with, y-websocket and Hocuspocus 3: each in its own process
// (as the Tandem API is), and a client that speaks their binary protocols with lib0 directly,
// so that the bench's own work per message is about the same for all of them.
//
// Both speak y-protocols' sync messages; Hocuspocus puts the document's name before each
// message and wants an authentication message (an empty token: no onAuthenticate hook) before
// anything else for that document.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';

export type Peer = 'y-websocket' | 'hocuspocus';

export const PEERS: Peer[] = ['y-websocket', 'hocuspocus'];

export const PEER_LABEL: Record<Peer, string> = {
  'y-websocket': 'y-websocket (in memory)',
  hocuspocus: 'Hocuspocus 3 (in memory)',
};

const SCRIPT: Record<Peer, string> = {
  'y-websocket': fileURLToPath(new URL('./y-websocket-server.ts', import.meta.url)),
  hocuspocus: fileURLToPath(new URL('./hocuspocus-server.ts', import.meta.url)),
};

// Message types (y-websocket and Hocuspocus share the first two).
const SYNC = 0;
const AUTH = 2;
const SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_AUTHENTICATED = 2;

export interface PeerServer {
  peer: Peer;
  port: number;
  process: ChildProcess;
  stop(): void;
}

/** Starts the peer's server in its own Node process. */
export async function startPeer(peer: Peer, nodeArgs: string[] = []): Promise<PeerServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SCRIPT[peer]], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${peer} exited with code ${code} before listening`)));
  });
  return { peer, port, process: child, stop: () => void child.kill() };
}

export interface PeerClient {
  /** Resolves once the server answered this client's first sync step. */
  ready: Promise<void>;
  /** Sends an update without waiting. */
  send(update: Uint8Array): void;
  /**
   * Sends an update and resolves once the server says it has it: Hocuspocus answers each
   * update (SyncStatus); y-websocket does not, so a sync step 1 follows the update and its
   * answer (step 2, sent after the update was applied: one socket, messages in order) is
   * the acknowledgement. Its state vector claims everything of `knownClients` (the writers of
   * that document, all in this process), so the answer stays empty.
   */
  push(update: Uint8Array): Promise<void>;
  close(): void;
}

export interface PeerClientOptions {
  /** Called for every document update the server forwards. */
  onUpdate?: () => void;
  /** Yjs clientIDs whose changes this client need not be sent back (see push). */
  knownClients?: () => number[];
}

export function connectPeer(server: PeerServer, documentName: string, options: PeerClientOptions = {}): PeerClient {
  const hocuspocus = server.peer === 'hocuspocus';
  const socket = new WebSocket(hocuspocus ? `ws://127.0.0.1:${server.port}` : `ws://127.0.0.1:${server.port}/${documentName}`);
  socket.binaryType = 'nodebuffer';
  const acks: (() => void)[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let isReady = false;

  const message = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
    const encoder = encoding.createEncoder();
    if (hocuspocus) encoding.writeVarString(encoder, documentName);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  const syncStep1 = () =>
    message((encoder) => {
      encoding.writeVarUint(encoder, SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
      const vector = encoding.createEncoder();
      const clients = options.knownClients?.() ?? [];
      encoding.writeVarUint(vector, clients.length);
      for (const client of clients) {
        encoding.writeVarUint(vector, client);
        encoding.writeVarUint(vector, Number.MAX_SAFE_INTEGER);
      }
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(vector));
    });

  socket.on('open', () => {
    if (hocuspocus) {
      socket.send(
        message((encoder) => {
          encoding.writeVarUint(encoder, AUTH);
          encoding.writeVarUint(encoder, AUTH_TOKEN);
          encoding.writeVarString(encoder, '');
        }),
      );
    }
    socket.send(syncStep1());
  });
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (hocuspocus) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsUpdate) options.onUpdate?.();
      else if (step === syncProtocol.messageYjsSyncStep2) {
        if (!isReady) {
          isReady = true;
          markReady();
        } else if (!hocuspocus) acks.shift()?.();
      }
    } else if (type === SYNC_STATUS && isReady) {
      acks.shift()?.();
    } else if (type === AUTH && decoding.readVarUint(decoder) !== AUTH_AUTHENTICATED) {
      throw new Error('Hocuspocus refused the bench client');
    }
  });
  const update = (bytes: Uint8Array) =>
    message((encoder) => {
      encoding.writeVarUint(encoder, SYNC);
      syncProtocol.writeUpdate(encoder, bytes);
    });

  return {
    ready: new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      void ready.then(resolve);
    }),
    send: (bytes) => socket.send(update(bytes)),
    push: (bytes) =>
      new Promise<void>((resolve) => {
        acks.push(resolve);
        socket.send(update(bytes));
        if (!hocuspocus) socket.send(syncStep1());
      }),
    close: () => socket.close(),
  };
}
