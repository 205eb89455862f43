import { afterAll, describe, expect, it, vi } from 'vitest';
import * as withBuffer from './base64.js';

// The module picks Node's Buffer when there is one; load it a second time without Buffer to
// test the path browsers take.
vi.stubGlobal('Buffer', undefined);
vi.resetModules();
const browser = await import('./base64.js');
vi.unstubAllGlobals();
afterAll(() => vi.unstubAllGlobals());

// Reference values from RFC 4648, section 10.
const vectors: Array<[string, string]> = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

describe.each([
  ['with Buffer (Node)', withBuffer, false],
  ['with btoa/atob (browser)', browser, true],
])('base64 %s', (_name, { toBase64, fromBase64 }, usesBtoa) => {
  it('takes the expected path', () => {
    const btoa = vi.spyOn(globalThis, 'btoa');
    toBase64(new Uint8Array([1, 2, 3]));
    expect(btoa.mock.calls.length > 0).toBe(usesBtoa);
    btoa.mockRestore();
  });

  it.each(vectors)('encodes and decodes %j as %j', (text, encoded) => {
    const bytes = new TextEncoder().encode(text);
    expect(toBase64(bytes)).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(bytes);
  });

  it('round-trips every byte value and inputs larger than one chunk', () => {
    const bytes = new Uint8Array(100_003);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const encoded = toBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    // (toEqual walks 100 000 elements slowly; compare the bytes in one go.)
    expect(Buffer.compare(fromBase64(encoded), bytes)).toBe(0);
  });

  it('uses the standard alphabet with + and /', () => {
    expect(toBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });

  it('encodes a subarray, not its whole buffer', () => {
    const buffer = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(toBase64(buffer.subarray(2, 5))).toBe(Buffer.from([3, 4, 5]).toString('base64'));
  });

  it.each([
    ['missing padding', 'Zg'],
    ['URL-safe alphabet', '-_-_'],
    ['characters outside the alphabet', 'Zm9v!A=='],
    ['whitespace', 'Zm9v YmFy'],
    ['a line break', 'Zm9v\nYmFy'],
    ['padding in the middle', 'Zg==Zm9v'],
    ['wrong length', 'Zm9vY'],
  ])('rejects %s', (_name, text) => {
    expect(() => fromBase64(text)).toThrow(TypeError);
  });
});
