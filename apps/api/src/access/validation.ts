// Checks of what people type into the access mutations, with messages that say what to fix.
import { badInput } from '../documents/errors.js';

export const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Emails are compared without case: kept trimmed and lower-case. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !EMAIL.test(normalized)) throw badInput(`"${email.slice(0, 80)}" is not an email address`);
  return normalized;
}

export function checkName(name: string, what = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput(`${what} must not be empty`);
  if (trimmed.includes('\u0000')) throw badInput(`${what} must not contain the NUL character`);
  if (trimmed.length > MAX_NAME_LENGTH) throw badInput(`${what} is longer than ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

/** An optional expiry: must lie in the future. */
export function checkExpiry(expiresAt: Date | null | undefined, now: number): Date | null {
  if (!expiresAt) return null;
  if (expiresAt.getTime() <= now) throw badInput('expiresAt must be in the future');
  return expiresAt;
}
