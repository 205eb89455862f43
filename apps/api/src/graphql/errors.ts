// From domain errors to the contract's GraphQL errors, and masking of everything else.
import { GraphQLError } from 'graphql';
import { DomainError } from '../documents/errors.js';
import { InvalidCursorError } from '../documents/store.js';
import type { Logger } from '../logger.js';

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
}

/**
 * graphql-js reports a variable that failed its scalar as `Variable "$x" got invalid value
 * "<the whole value>"; <reason>`: for a 4 MiB update, 5 MB of error. Keep the name and reason.
 */
function withoutEchoedValue(error: GraphQLError, original: GraphQLError): GraphQLError {
  const variable = /^Variable "\$(\w+)" got invalid value/.exec(error.message);
  if (!variable) return error;
  return new GraphQLError(`Variable "$${variable[1]}" is invalid: ${original.message}`, {
    nodes: error.nodes,
    extensions: error.extensions,
  });
}

/**
 * A variable graphql-js itself refuses (an enum value that does not exist, a missing required
 * one) comes without a code; it is the client's input all the same.
 */
function withInputCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code || !/^Variable "\$\w+" /.test(error.message)) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
}

/**
 * Yoga's maskError: errors we meant (domain errors, GraphQL validation and input errors) reach
 * the client with their code; anything unexpected is logged and replaced by a generic message.
 */
export function createMaskError(log: Logger) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof DomainError) {
      return new GraphQLError(original.message, {
        ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
        extensions: { ...original.details, code: original.code },
      });
    }
    if (original instanceof InvalidCursorError) {
      return new GraphQLError(original.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    // Yoga's own body limit (for streamed bodies) has its own code; the contract has one for this.
    if (error instanceof GraphQLError && error.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE') {
      return new GraphQLError(`request body is over the limit: ${error.message}`, {
        extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
      });
    }
    if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) {
      return withInputCode(original instanceof GraphQLError ? withoutEchoedValue(error, original) : error);
    }
    log.error('unexpected error', { error: original ?? error, path: error instanceof GraphQLError ? error.path : undefined });
    return new GraphQLError(message, {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}
