import { describe, expect, it } from 'vitest';
import { OperationError, TransportError, classifyError, normalizeError, resultError, retryAfterMs } from './errors.js';

describe('classifyError', () => {
  it.each([
    ['BAD_USER_INPUT', 'rejected'],
    ['PAYLOAD_TOO_LARGE', 'rejected'],
    ['NOT_FOUND', 'gone'],
    ['UNAUTHENTICATED', 'denied'],
    ['FORBIDDEN', 'denied'],
    ['RATE_LIMITED', 'transient'],
    ['INTERNAL_SERVER_ERROR', 'transient'],
    ['GRAPHQL_VALIDATION_FAILED', 'transient'],
    [undefined, 'transient'],
  ] as const)('%s is %s', (code, kind) => {
    expect(classifyError(new OperationError('x', code))).toBe(kind);
  });

  it('treats transport and unknown failures as transient', () => {
    expect(classifyError(new TransportError('down'))).toBe('transient');
    expect(classifyError(new Error('?'))).toBe('transient');
    expect(classifyError('?')).toBe('transient');
  });
});

describe('issue 11 codes', () => {
  it("drops an update refused for another person's clientID, but keeps edits refused for a role", () => {
    const clientId = new OperationError('not yours', 'FORBIDDEN', [{ message: 'not yours', extensions: { code: 'FORBIDDEN', clientId: 7 } }]);
    expect(classifyError(clientId)).toBe('rejected');
    const role = new OperationError('viewer', 'FORBIDDEN', [{ message: 'viewer', extensions: { code: 'FORBIDDEN' } }]);
    expect(classifyError(role)).toBe('denied');
  });

  it('reads RATE_LIMITED retryAfter as seconds', () => {
    const limited = (retryAfter: unknown) =>
      new OperationError('slow down', 'RATE_LIMITED', [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfter } }]);
    expect(retryAfterMs(limited(3))).toBe(3000);
    expect(retryAfterMs(limited('x'))).toBeUndefined();
    expect(retryAfterMs(limited(undefined))).toBeUndefined();
    expect(retryAfterMs(new OperationError('no', 'FORBIDDEN'))).toBeUndefined();
  });
});

describe('normalizeError', () => {
  it('reads the code of the first GraphQL error (graphql-ws sends them as an array)', () => {
    const error = normalizeError([{ message: 'gone', extensions: { code: 'NOT_FOUND' } }, { message: 'other' }]);
    expect(error).toBeInstanceOf(OperationError);
    expect(error).toMatchObject({ message: 'gone', code: 'NOT_FOUND' });
  });

  it('turns close events and errors into TransportErrors', () => {
    expect(normalizeError({ code: 1006, reason: '' })).toBeInstanceOf(TransportError);
    expect(normalizeError({ code: 1009, reason: 'too big' }).message).toContain('1009: too big');
    expect(normalizeError(new TypeError('fetch failed'))).toBeInstanceOf(TransportError);
  });

  it('passes the two error classes through', () => {
    const error = new OperationError('x', 'NOT_FOUND');
    expect(normalizeError(error)).toBe(error);
  });
});

describe('resultError', () => {
  it('is undefined for results without errors', () => {
    expect(resultError({ errors: [] })).toBeUndefined();
    expect(resultError({})).toBeUndefined();
    expect(resultError({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })?.code).toBe('FORBIDDEN');
  });
});
