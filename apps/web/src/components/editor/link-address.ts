// What a person types as a link address, made into an href: "example.com" means
// https://example.com, "ada@example.com" means mailto:. Anything that is not a safe link
// (javascript:, data:, ...) is refused with null.
import { isSafeHref } from '@tandem/document-schema';

export function linkHref(typed: string): string | null {
  const value = typed.trim();
  if (!value || /\s/.test(value)) return null;
  let href: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || /^[/#?]/.test(value)) href = value;
  else if (/^[^@/]+@[^@/]+\.[^@/]+$/.test(value)) href = `mailto:${value}`;
  else href = `https://${value}`;
  return isSafeHref(href) ? href : null;
}
