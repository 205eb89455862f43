import { describe, expect, it } from 'vitest';
import {
  ProtocolError,
  readAwarenessEvent,
  readDocumentChanged,
  readDocumentEvent,
  readDocumentInfoPoll,
  readDocumentPoll,
} from './operations.js';

describe('readDocumentEvent', () => {
  it('reads SYNC with its state vector', () => {
    expect(readDocumentEvent({ documentEvents: { kind: 'SYNC', update: 'AAA=', origin: null, stateVector: 'AA==' } })).toEqual({
      kind: 'SYNC',
      update: new Uint8Array([0, 0]),
      stateVector: new Uint8Array([0]),
    });
  });

  it('reads UPDATE with or without an origin', () => {
    expect(readDocumentEvent({ documentEvents: { kind: 'UPDATE', update: 'AAA=', origin: 'me' } })).toMatchObject({
      kind: 'UPDATE',
      origin: 'me',
    });
    expect(readDocumentEvent({ documentEvents: { kind: 'UPDATE', update: 'AAA=', origin: null } })).toMatchObject({
      origin: null,
    });
  });

  it.each([
    ['no payload', null],
    ['an unknown kind', { documentEvents: { kind: 'RESET', update: 'AAA=' } }],
    ['SYNC without state vector', { documentEvents: { kind: 'SYNC', update: 'AAA=', stateVector: null } }],
    ['invalid base64', { documentEvents: { kind: 'UPDATE', update: 'A A=', origin: null } }],
  ])('rejects %s', (_name, data) => {
    expect(() => readDocumentEvent(data)).toThrow(ProtocolError);
  });
});

describe('readAwarenessEvent and readDocumentPoll', () => {
  it('read their payloads', () => {
    expect(readAwarenessEvent({ awarenessEvents: { update: 'AQ==' } })).toEqual(new Uint8Array([1]));
    expect(readDocumentPoll({ document: null })).toBeNull();
    expect(readDocumentPoll({ document: { update: 'AAA=', stateVector: 'AA==' } })).toEqual({
      update: 'AAA=',
      stateVector: 'AA==',
    });
    expect(() => readDocumentPoll({ document: { update: 1 } })).toThrow(ProtocolError);
  });
});

describe('readDocumentChanged and readDocumentInfoPoll', () => {
  it('read the title, the newest version (which may be null) and the caller’s role', () => {
    expect(readDocumentChanged({ documentChanged: { title: 'Notes', latestVersion: 3, myRole: 'EDITOR' } })).toEqual({
      title: 'Notes',
      latestVersion: 3,
      myRole: 'EDITOR',
    });
    expect(readDocumentInfoPoll({ document: { title: 'Notes', latestVersion: null, myRole: 'VIEWER' } })).toEqual({
      title: 'Notes',
      latestVersion: null,
      myRole: 'VIEWER',
    });
    expect(readDocumentInfoPoll({ document: null })).toBeNull();
  });

  it.each([
    ['no title', { documentChanged: { latestVersion: 1, myRole: 'OWNER' } }],
    ['a version that is not an Int', { documentChanged: { title: 'x', latestVersion: '1', myRole: 'OWNER' } }],
    ['a role that is not a DocumentRole', { documentChanged: { title: 'x', latestVersion: 1, myRole: 'ADMIN' } }],
    ['no payload', { documentChanged: null }],
  ])('refuse %s', (_, data) => {
    expect(() => readDocumentChanged(data)).toThrow(ProtocolError);
  });
});
