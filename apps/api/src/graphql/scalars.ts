// Base64 and DateTime. Input that does not parse is rejected with the contract's codes:
// BAD_USER_INPUT for malformed base64, PAYLOAD_TOO_LARGE past the size limit (checked on the
// string's length, before anything is decoded).
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { decodeBase64, encodeBase64 } from '../documents/base64.js';
import { DomainError } from '../documents/errors.js';
import { toGraphQLError } from './errors.js';

/**
 * One update is serialised once per subscriber it goes to; encode it once. Keyed by the byte
 * array itself, so an entry lives as long as the update does.
 */
const encoded = new WeakMap<Uint8Array, string>();

function serializeBytes(value: Uint8Array): string {
  let text = encoded.get(value);
  if (text === undefined) {
    text = encodeBase64(value);
    encoded.set(value, text);
  }
  return text;
}

export function createBase64Scalar(maxBytes: number): GraphQLScalarType<Uint8Array, string> {
  const parse = (value: unknown): Uint8Array => {
    if (typeof value !== 'string') {
      throw new GraphQLError('Base64 value must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    // Size first, on the length alone: an oversized value is PAYLOAD_TOO_LARGE even when it
    // is malformed too, and nothing that large is decoded.
    if (Math.floor((value.length * 3) / 4) > maxBytes) {
      throw new GraphQLError(`value is about ${Math.floor((value.length * 3) / 4)} bytes; the limit is ${maxBytes}`, {
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      });
    }
    try {
      return decodeBase64(value);
    } catch (error) {
      if (error instanceof DomainError) throw toGraphQLError(error);
      throw error;
    }
  };
  return new GraphQLScalarType<Uint8Array, string>({
    name: 'Base64',
    description: 'Binary data as standard base64 (RFC 4648 alphabet, with padding).',
    serialize: (value) => {
      if (value instanceof Uint8Array) return serializeBytes(value);
      throw new GraphQLError('Base64 can only serialize bytes');
    },
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) {
        throw new GraphQLError('Base64 value must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return parse(ast.value);
    },
  });
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 timestamp in UTC, e.g. 2026-11-21T10:00:00.000Z.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
    throw new GraphQLError('DateTime can only serialize dates');
  },
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return date;
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return date;
  },
});
