// Errors as people read them: what happened, then what to do about it.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a request failed and what to do, as one or two sentences. */
export function describeError(error: unknown, apiUrl: string): string {
  if (CombinedGraphQLErrors.is(error)) {
    const message = error.errors[0]?.message ?? 'unknown error';
    switch (errorCode(error)) {
      case 'NOT_FOUND':
        return 'The document no longer exists; someone may have deleted it. Reload the list.';
      case 'UNAUTHENTICATED':
      case 'FORBIDDEN':
        return 'You don’t have permission. Ask the document’s owner for access.';
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
