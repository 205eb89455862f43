// Errors as people read them: what happened, then what to do about it.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The server's own message of a GraphQL error, for errors whose message is meant for people. */
export function errorMessage(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error) ? error.errors[0]?.message : undefined;
}

/** "in 3 minutes" from RATE_LIMITED's retryAfter (seconds). */
export function retryAfterText(error: unknown): string {
  const seconds = CombinedGraphQLErrors.is(error) ? Number(error.errors[0]?.extensions?.retryAfter) : NaN;
  if (!Number.isFinite(seconds)) return 'in a while';
  if (seconds < 60) return `in ${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Why a request failed and what to do, as one or two sentences. */
export function describeError(error: unknown, apiUrl: string): string {
  if (CombinedGraphQLErrors.is(error)) {
    const message = error.errors[0]?.message ?? 'unknown error';
    switch (errorCode(error)) {
      case 'NOT_FOUND':
        return 'The document no longer exists; someone may have deleted it. Reload the list.';
      case 'UNAUTHENTICATED':
        return 'You are not signed in any more. Sign in again.';
      case 'FORBIDDEN':
        return `You don’t have permission: ${message}.`;
      case 'RATE_LIMITED':
        return `Too many requests. Try again ${retryAfterText(error)}.`;
      case 'BAD_USER_INPUT':
        return `The server refused it: ${message}.`;
      default:
        return `The server answered “${message}”. Try again.`;
    }
  }
  if (ServerError.is(error)) {
    return `The server at ${apiUrl} answered HTTP ${error.statusCode}. Try again in a moment.`;
  }
  return `The server at ${apiUrl} can’t be reached. Check your connection and that the Tandem API is running, then try again.`;
}

export function explainError(error: unknown, apiUrl: string, action: string): string {
  return `Couldn’t ${action}. ${describeError(error, apiUrl)}`;
}
