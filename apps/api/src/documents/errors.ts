// Errors the domain throws on purpose. The GraphQL layer turns them into the contract's
// `extensions.code`s (graphql/errors.ts); anything else is unexpected and gets masked.
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** More for the client, e.g. RATE_LIMITED's `retryAfter` (seconds). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string) => new DomainError('BAD_USER_INPUT', message);
export const tooLarge = (message: string) => new DomainError('PAYLOAD_TOO_LARGE', message);
export const documentNotFound = (id: string) =>
  new DomainError('NOT_FOUND', `no document has id "${id}"; it may have been deleted, or not shared with you`);
export const versionNotFound = (id: string, version: number) =>
  new DomainError('NOT_FOUND', `document "${id}" has no version ${version}`);
export const unauthenticated = (message = 'sign in first: this needs an account, an API token or a share link') =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message: string, details: Record<string, unknown> = {}) => new DomainError('FORBIDDEN', message, details);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError('RATE_LIMITED', message, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
