// @tandem/provider: a framework-free Yjs provider over the Tandem GraphQL contract.
export { TandemProvider, type TandemProviderOptions } from './provider.js';
export type { ConnectionState, DenialReason, ProviderError, ProviderEvents, ProviderStatus } from './status.js';
export type { TransportKind, TransportMode } from './transport/types.js';
export { OperationError, TransportError, classifyError, type ErrorCode, type ErrorKind } from './errors.js';
export { fromBase64, toBase64 } from './base64.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { endpoints, type Endpoints } from './endpoints.js';
export type { DocumentInfo, DocumentRole } from './operations.js';
export {
  AWARENESS_EVENTS,
  DOCUMENT_EVENTS,
  DOCUMENT_POLL,
  PUSH_AWARENESS,
  PUSH_UPDATE,
} from './operations.js';
export { readToken, type TokenSource } from './credentials.js';
export { THREAD_EVENTS, THREADS_POLL, type CommentThread, type ThreadComment, type ThreadEvent, type ThreadEventKind } from './threads.js';
