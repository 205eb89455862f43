// Failures sorted by what the provider should do about them. The contract names the codes
// (schema.graphql, "Errors"); everything without one is treated as a passing network problem.

/** The contract's `extensions.code` values. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED';

/** The shape of a GraphQL error as it arrives on the wire (all transports). */
export interface WireGraphQLError {
  readonly message: string;
  readonly extensions?: { readonly code?: unknown } & Record<string, unknown>;
}

/** graphql-ws's Unauthorized: the API's close code for a connection whose credential ended. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/** The server answered, and its answer is an error. */
export class OperationError extends Error {
  override readonly name = 'OperationError';
  constructor(
    message: string,
    /** `extensions.code` of the first error, when it has one. */
    readonly code: string | undefined,
    readonly errors: readonly WireGraphQLError[] = [],
  ) {
    super(message);
  }
}

/** The server could not be reached, or the channel dropped: retrying is safe. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * - transient: retry with backoff (network, timeouts, masked server errors)
 * - rejected: this payload can never succeed (malformed, too large); drop it, report it
 * - gone: the document does not exist (deleted); stop
 * - denied: authentication or authorisation; report it, keep the edits and retry slowly
 */
export type ErrorKind = 'transient' | 'rejected' | 'gone' | 'denied';

export function classifyError(error: unknown): ErrorKind {
  if (!(error instanceof OperationError)) return 'transient';
  switch (error.code as ErrorCode | undefined) {
    case 'BAD_USER_INPUT':
    case 'PAYLOAD_TOO_LARGE':
      return 'rejected';
    case 'NOT_FOUND':
      return 'gone';
    case 'UNAUTHENTICATED':
      return 'denied';
    case 'FORBIDDEN':
      // A clientID that belongs to someone else (issue 11): this update can never be stored,
      // so it is dropped like a malformed one. Any other FORBIDDEN is about the caller's role.
      return clientIdRefused(error) ? 'rejected' : 'denied';
    case 'RATE_LIMITED':
      return 'transient';
    case undefined:
      return 'transient';
    default: {
      // Codes outside the contract (masked internal errors, validation of a query this
      // provider sent) are not the payload's fault: keep the edits and retry.
      return 'transient';
    }
  }
}

/** FORBIDDEN because the update writes under a clientID that another person owns (`extensions.clientId`). */
export function clientIdRefused(error: unknown): boolean {
  return error instanceof OperationError && error.code === 'FORBIDDEN' && error.errors[0]?.extensions?.clientId !== undefined;
}

/**
 * How long RATE_LIMITED asks to wait, in ms: `extensions.retryAfter` is in seconds (the API's
 * limits/rate-limited.ts, and the contract's access.graphql). Undefined for any other error.
 */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof OperationError) || error.code !== 'RATE_LIMITED') return undefined;
  const seconds = Number(error.errors[0]?.extensions?.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function isWireError(value: unknown): value is WireGraphQLError {
  return typeof value === 'object' && value !== null && typeof (value as WireGraphQLError).message === 'string';
}

/** An OperationError for a list of GraphQL errors (from a result or a graphql-ws Error message). */
export function operationError(errors: readonly unknown[]): OperationError {
  const wire = errors.filter(isWireError);
  const first = wire[0];
  const code = first?.extensions?.code;
  return new OperationError(
    first?.message ?? 'GraphQL error',
    typeof code === 'string' ? code : undefined,
    wire,
  );
}

/** The errors of an execution result, if it has any. */
export function resultError(result: { readonly errors?: readonly unknown[] | null }): OperationError | undefined {
  return result.errors && result.errors.length > 0 ? operationError(result.errors) : undefined;
}

/** Whatever a client library threw or reported, as one of the two error classes. */
export function normalizeError(error: unknown): OperationError | TransportError {
  if (error instanceof OperationError || error instanceof TransportError) return error;
  // graphql-ws reports an Error message (validation, a resolver that threw before the
  // first result) as the array of GraphQL errors itself.
  if (Array.isArray(error)) return operationError(error);
  if (typeof error === 'object' && error !== null && 'code' in error && 'reason' in error) {
    const { code, reason } = error as { code: unknown; reason: unknown };
    // The API closes a socket with 4401 when its session or token ends: sign in again.
    if (code === SESSION_ENDED_CLOSE_CODE) {
      return new OperationError(String(reason || 'Your session ended; sign in again'), 'UNAUTHENTICATED');
    }
    return new TransportError(`Connection closed (${String(code)}${reason ? `: ${String(reason)}` : ''})`);
  }
  if (error instanceof Error) return new TransportError(error.message, { cause: error });
  return new TransportError(String(error));
}
