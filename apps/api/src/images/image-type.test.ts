import { describe, expect, it } from 'vitest';
import { imageTypeOf } from './image-type.js';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : [value])));

describe('imageTypeOf', () => {
  it.each([
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['GIF89a', bytes('GIF89a', 1, 0), 'image/gif'],
    ['GIF87a', bytes('GIF87a', 1, 0), 'image/gif'],
    ['WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
  ])('knows %s by its bytes', (_, data, type) => {
    expect(imageTypeOf(data)).toBe(type);
  });

  it.each([
    ['SVG (it can carry scripts)', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['HTML', bytes('<!DOCTYPE html><script>alert(1)</script>')],
    ['a truncated PNG signature', bytes(0x89, 'PN')],
    ['RIFF that is not WebP (a WAV file)', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt ')],
    ['nothing', bytes()],
  ])('refuses %s', (_, data) => {
    expect(imageTypeOf(data)).toBeNull();
  });
});
