// Links. Only ordinary protocols are links: a javascript: or data: href is refused when typed,
// pasted or imported, and never rendered (see isSafeHref).
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
