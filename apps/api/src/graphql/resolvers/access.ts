// The access part of the API (access-type-defs.ts). Each resolver parses its arguments, asks
// the access decision, and calls the access domain (apps/api/src/access/).
import type { Account } from '../../access/caller.js';
import type { DocumentRole, GeneralAccess, ServerRole } from '../../access/roles.js';
import type { ShareLinkRow } from '../../access/sharing.js';
import type { DocumentRow } from '../../documents/store.js';
import type { TandemContext } from '../context.js';

/** A User as the API shows it (whether it is disabled is read when asked). */
type UserParent = Account & { disabled?: boolean };

const SIGN_UP_POLICY = { invite: 'INVITE', open: 'OPEN', closed: 'CLOSED' } as const;

function signedIn(ctx: TandemContext, session: { token: string; account: Account; cookies: string[] }) {
  ctx.request.responseCookies.push(...session.cookies);
  return { token: session.token, user: session.account };
}

function withUrl<T extends { token?: string }>(row: T, url: (token: string) => string | null): T & { url: string | null } {
  return { ...row, url: row.token ? url(row.token) : null };
}

export const AccessQuery = {
  me: (_: unknown, __: unknown, ctx: TandemContext) => ctx.accounts.me(ctx.caller),
  apiTokens: (_: unknown, __: unknown, ctx: TandemContext) =>
    ctx.apiTokens.list(ctx.access.requireAccount(ctx.caller, 'manageOwnTokens').id),
  serverInfo: async (_: unknown, __: unknown, ctx: TandemContext) => ({
    needsSetup: await ctx.accounts.needsSetup(),
    signUp: SIGN_UP_POLICY[ctx.accounts.signUpPolicy],
  }),
  accounts: (_: unknown, __: unknown, ctx: TandemContext) => {
    ctx.access.requireServer(ctx.caller, 'administer');
    return ctx.administration.accounts();
  },
  invitations: (_: unknown, __: unknown, ctx: TandemContext) => {
    ctx.access.requireServer(ctx.caller, 'administer');
    return ctx.invitations.pending();
  },
};

export const AccessMutation = {
  signUp: async (_: unknown, args: { email: string; password: string; name: string; invitation?: string | null }, ctx: TandemContext) =>
    signedIn(ctx, await ctx.accounts.signUp({ ...args, invitation: args.invitation ?? null })),
  signIn: async (_: unknown, args: { email: string; password: string }, ctx: TandemContext) =>
    signedIn(ctx, await ctx.accounts.signIn(args, ctx.request.address)),
  signOut: async (_: unknown, __: unknown, ctx: TandemContext) => {
    const { cookies } = await ctx.accounts.signOut(ctx.caller, ctx.request.credentials);
    ctx.request.responseCookies.push(...cookies);
    return true;
  },
  createInvitation: async (_: unknown, args: { email?: string | null; role?: ServerRole | null }, ctx: TandemContext) => {
    const admin = ctx.access.requireAccount(ctx.caller, 'administer');
    const invitation = await ctx.invitations.create(admin.id, args.email ?? null, args.role ?? 'MEMBER');
    const web = ctx.request.webOrigin;
    return withUrl(invitation, (token) => (web ? `${web}/sign-up#invitation=${encodeURIComponent(token)}` : null));
  },
  revokeInvitation: (_: unknown, args: { id: string }, ctx: TandemContext) => {
    ctx.access.requireServer(ctx.caller, 'administer');
    return ctx.invitations.revoke(args.id);
  },
  setAccountDisabled: (_: unknown, args: { userId: string; disabled: boolean }, ctx: TandemContext) => {
    const admin = ctx.access.requireAccount(ctx.caller, 'administer');
    return ctx.administration.setDisabled(admin.id, args.userId, args.disabled);
  },
  createApiToken: (_: unknown, args: { name: string; expiresAt?: Date | null }, ctx: TandemContext) =>
    ctx.apiTokens.create(ctx.access.requireAccount(ctx.caller, 'manageOwnTokens').id, args.name, args.expiresAt),
  revokeApiToken: (_: unknown, args: { id: string }, ctx: TandemContext) =>
    ctx.apiTokens.revoke(ctx.access.requireAccount(ctx.caller, 'manageOwnTokens').id, args.id),
  shareDocument: (_: unknown, args: { documentId: string; email: string; role: DocumentRole }, ctx: TandemContext) =>
    ctx.sharing.share(ctx.caller, args.documentId, args.email, args.role),
  unshareDocument: (_: unknown, args: { documentId: string; userId: string }, ctx: TandemContext) =>
    ctx.sharing.unshare(ctx.caller, args.documentId, args.userId),
  setGeneralAccess: async (_: unknown, args: { documentId: string; access: GeneralAccess }, ctx: TandemContext) => {
    await ctx.sharing.setGeneralAccess(ctx.caller, args.documentId, args.access);
    return ctx.documents.findDocument(args.documentId);
  },
  createShareLink: async (_: unknown, args: { documentId: string; role: DocumentRole; expiresAt?: Date | null }, ctx: TandemContext) => {
    const link = await ctx.sharing.createLink(ctx.caller, args.documentId, args.role, args.expiresAt);
    return withUrl(link, (token) => shareLinkUrl(ctx, link, token));
  },
  revokeShareLink: (_: unknown, args: { id: string }, ctx: TandemContext) => ctx.sharing.revokeLink(ctx.caller, args.id),
};

/** The web app opens a document with a link from the URL's fragment, which never reaches a server log. */
function shareLinkUrl(ctx: TandemContext, link: ShareLinkRow, token: string): string | null {
  const web = ctx.request.webOrigin;
  return web ? `${web}/d/${encodeURIComponent(link.documentId)}#link=${encodeURIComponent(token)}` : null;
}

/** Fields of Document from the access part; the parent was already read with the caller's access. */
export const DocumentAccessFields = {
  myRole: async (doc: DocumentRow, _: unknown, ctx: TandemContext) => ctx.access.require(ctx.caller, 'read', doc.id),
  generalAccess: (doc: DocumentRow) => doc.generalAccess,
  members: async (doc: DocumentRow, _: unknown, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'seeMembers', doc.id);
    return ctx.sharing.members(doc.id);
  },
  shareLinks: async (doc: DocumentRow, _: unknown, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'manage', doc.id);
    return ctx.sharing.links(doc.id);
  },
};

export const User = {
  /** Accounts from a session or a list carry it; others are read when asked (rare). */
  disabled: async (user: UserParent, _: unknown, ctx: TandemContext) => user.disabled ?? (await ctx.administration.isDisabled(user.id)),
};
