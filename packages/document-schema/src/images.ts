// Images: uploaded to the API and kept there (uploadImage), referenced by the URL it serves
// them at, https://<api>/images/<id>, which answers only readers of their document. Inline, as
// Markdown has them (![alt](url)). Only such images are images here: pasted or imported
// images from elsewhere are not fetched into readers' browsers (see withImagesFrom).
import type { JSONContent } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';

const IMAGE_URL_PATH = /^\/images\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The id of a Tandem image URL (http(s)://host/images/<uuid>), else null. */
export function imageIdOf(src: string | null | undefined): string | null {
  if (!src) return null;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return IMAGE_URL_PATH.exec(url.pathname)?.[1]?.toLowerCase() ?? null;
}

export const Images = Image.extend({
  parseHTML() {
    return [{ tag: 'img[src]', getAttrs: (element) => (imageIdOf((element as HTMLElement).getAttribute('src')) ? null : false) }];
  },
}).configure({ inline: true, allowBase64: false });

/**
 * The same content where every image that is not one of `keep` (ids of images this server
 * has) becomes a link to where it was, with its alt text: an import keeps what it said
 * without making readers' browsers fetch from elsewhere.
 */
export function withImagesFrom(node: JSONContent, keep: (id: string) => boolean): JSONContent {
  if (node.type === 'image') {
    const src = (node.attrs?.src as string | undefined) ?? '';
    const id = imageIdOf(src);
    if (id && keep(id)) return node;
    const alt = ((node.attrs?.alt as string | undefined) ?? '').trim();
    return { type: 'text', text: alt || src || 'image', ...(src ? { marks: [{ type: 'link', attrs: { href: src } }] } : {}) };
  }
  return node.content ? { ...node, content: node.content.map((child) => withImagesFrom(child, keep)) } : node;
}

/** Every image id the content refers to. */
export function imageIdsIn(node: JSONContent, into: Set<string> = new Set()): Set<string> {
  if (node.type === 'image') {
    const id = imageIdOf(node.attrs?.src as string | undefined);
    if (id) into.add(id);
  }
  for (const child of node.content ?? []) imageIdsIn(child, into);
  return into;
}
