import { describe, expect, it } from 'vitest';
import { imageIdOf, imageIdsIn, withImagesFrom } from './images.js';

const ID = '0a1b2c3d-1111-4222-8333-444455556666';

describe('imageIdOf', () => {
  it.each([`https://tandem.example/images/${ID}`, `http://127.0.0.1:4000/images/${ID.toUpperCase()}`])('knows a Tandem image URL: %s', (src) => {
    expect(imageIdOf(src)).toBe(ID);
  });
  it.each([
    'https://elsewhere.example/cat.png',
    `/images/${ID}`,
    `https://tandem.example/images/${ID}/more`,
    `javascript:alert('/images/${ID}')`,
    `data:image/png;base64,AAAA`,
    '',
    null,
  ])('is null for %s', (src) => {
    expect(imageIdOf(src)).toBeNull();
  });
});

describe('withImagesFrom', () => {
  const doc = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'image', attrs: { src: `https://tandem.example/images/${ID}`, alt: 'ours' } },
          { type: 'image', attrs: { src: 'https://elsewhere.example/cat.png', alt: 'a cat' } },
          { type: 'image', attrs: { src: 'https://elsewhere.example/dog.png', alt: '' } },
        ],
      },
    ],
  };

  it('keeps the images asked for and makes the others links with their alt text', () => {
    expect(imageIdsIn(doc)).toEqual(new Set([ID]));
    expect(withImagesFrom(doc, (id) => id === ID).content?.[0]?.content).toEqual([
      { type: 'image', attrs: { src: `https://tandem.example/images/${ID}`, alt: 'ours' } },
      { type: 'text', text: 'a cat', marks: [{ type: 'link', attrs: { href: 'https://elsewhere.example/cat.png' } }] },
      { type: 'text', text: 'https://elsewhere.example/dog.png', marks: [{ type: 'link', attrs: { href: 'https://elsewhere.example/dog.png' } }] },
    ]);
  });

  it('makes even a Tandem image a link when this server does not have it', () => {
    expect(withImagesFrom(doc, () => false).content?.[0]?.content?.[0]).toEqual({
      type: 'text',
      text: 'ours',
      marks: [{ type: 'link', attrs: { href: `https://tandem.example/images/${ID}` } }],
    });
  });
});
