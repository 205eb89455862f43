// Tokens we hand out ourselves (API tokens, share links, invitations): 256 random bits, shown
// once, stored only as a SHA-256 hash. A fast hash is enough here, unlike for passwords: the
// token has all the entropy, so nothing can be guessed from the hash. The prefix tells a
// bearer token's kind apart (and lets secret scanners recognise a leaked one).
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = {
  apiToken: 'tdm_api_',
  shareLink: 'tdm_link_',
  invitation: 'tdm_inv_',
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIX;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(kind: TokenKind): { token: string; hash: string } {
  const token = TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** Which of our tokens this is, from its prefix; null for anything else (a session token). */
export function tokenKind(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIX)) if (token.startsWith(prefix)) return kind as TokenKind;
  return null;
}
