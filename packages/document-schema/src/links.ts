// Links. Only ordinary protocols are links: a javascript: or data: href is refused when typed,
// pasted or imported, and never rendered (see isSafeHref).
import type { JSONContent } from '@tiptap/core';
import { isAllowedUri, Link } from '@tiptap/extension-link';

export const Links = Link.configure({
  // A click places the caret (people edit link text too); the link popover opens the link.
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: 'https',
});

/** True when `href` may be a link target (http(s), mailto, tel, relative, ...; never javascript:). */
export function isSafeHref(href: string | null | undefined): boolean {
  return typeof href === 'string' && href.trim() !== '' && Boolean(isAllowedUri(href));
}

/**
 * The same content without link marks whose href is not a safe link (javascript:, data:, ...).
 * Markdown's parser keeps any href, and a crafted client can store one: neither may reach a
 * document or an export. The text stays; only the link goes.
 */
export function withSafeLinks(node: JSONContent): JSONContent {
  const marks = node.marks?.filter((mark) => mark.type !== 'link' || isSafeHref(mark.attrs?.href as string | undefined));
  return {
    ...node,
    ...(node.marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map(withSafeLinks) } : {}),
  };
}
