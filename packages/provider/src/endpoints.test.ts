import { describe, expect, it } from 'vitest';
import { endpoints } from './endpoints.js';

describe('endpoints', () => {
  it.each([
    [
      'http://localhost:4000/graphql',
      { http: 'http://localhost:4000/graphql', websocket: 'ws://localhost:4000/graphql', stream: 'http://localhost:4000/graphql/stream' },
    ],
    [
      'https://tandem.example/api/graphql/',
      {
        http: 'https://tandem.example/api/graphql/',
        websocket: 'wss://tandem.example/api/graphql/',
        stream: 'https://tandem.example/api/graphql/stream',
      },
    ],
  ])('derives the WebSocket and stream URLs from %s', (url, expected) => {
    expect(endpoints(url)).toEqual(expected);
  });

  it('resolves a relative URL against the page', () => {
    expect(endpoints('/graphql', 'https://tandem.example/documents/1')).toEqual({
      http: 'https://tandem.example/graphql',
      websocket: 'wss://tandem.example/graphql',
      stream: 'https://tandem.example/graphql/stream',
    });
  });

  it('refuses anything but http(s)', () => {
    expect(() => endpoints('ws://localhost:4000/graphql')).toThrow(TypeError);
    expect(() => endpoints('/graphql')).toThrow();
  });
});
