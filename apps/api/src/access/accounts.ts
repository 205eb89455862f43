// Signing up, in and out, on top of better-auth (auth.ts). What is ours: the sign-up policy
// (the first account becomes ADMIN; then SIGNUP=invite (default), open or closed), the
// invitations it consumes, the sign-in limits, and the contract's errors.
import { isAPIError } from 'better-auth/api';
import type { PrismaClient } from '../generated/prisma/client.js';
import { badInput, DomainError, forbidden, unauthenticated } from '../documents/errors.js';
import type { Logger } from '../logger.js';
import type { Auth } from './auth.js';
import type { Account, Caller } from './caller.js';
import type { Invitations } from './invitations.js';
import { isServerRole, type ServerRole } from './roles.js';
import type { SignInLimits } from './sign-in-limits.js';
import { checkName, normalizeEmail } from './validation.js';

export type SignUpPolicy = 'invite' | 'open' | 'closed';

export interface SignedIn {
  /** The session's bearer token. */
  token: string;
  account: Account;
  /** Set-Cookie headers for a browser (the session cookie). */
  cookies: string[];
}

type UserRow = { id: string; email: string; name: string; role: string };

export function accountOf(user: UserRow): Account {
  return { id: user.id, email: user.email, name: user.name, role: isServerRole(user.role) ? user.role : 'MEMBER' };
}

/** The code better-auth gave an error (APIError's body.code, or its validation error's). */
function authErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const body = (error as { body?: { code?: unknown } }).body;
  if (typeof body?.code === 'string') return body.code;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

function setCookies(headers: Headers | undefined): string[] {
  return headers?.getSetCookie?.() ?? [];
}

/** One sign-up at a time in this process: "is this the first account?" must not race. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => {});
    return result;
  }
}

export class Accounts {
  private readonly signUps = new Mutex();

  constructor(
    private readonly auth: Auth,
    private readonly prisma: PrismaClient,
    private readonly invitations: Invitations,
    private readonly limits: SignInLimits,
    private readonly policy: SignUpPolicy,
    private readonly log: Logger,
  ) {}

  /** Whether the server still waits for its first account (the web app's first-run page). */
  async needsSetup(): Promise<boolean> {
    return (await this.prisma.user.count()) === 0;
  }

  get signUpPolicy(): SignUpPolicy {
    return this.policy;
  }

  async signUp(input: { email: string; password: string; name: string; invitation: string | null }): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const name = checkName(input.name);
    if (input.password.length < 8) throw badInput('the password must be at least 8 characters long');
    return this.signUps.run(async () => {
      const first = (await this.prisma.user.count()) === 0;
      let role: ServerRole = first ? 'ADMIN' : 'MEMBER';
      let invitationId: string | null = null;
      if (!first) {
        const invitation = input.invitation ? await this.invitations.usable(input.invitation, email) : null;
        if (this.policy === 'closed') throw forbidden('sign-up is closed on this server; ask an administrator');
        if (this.policy === 'invite' && !invitation) {
          throw forbidden(
            input.invitation
              ? 'this invitation cannot be used: it was used already, has expired, or is for another email address'
              : 'sign-up on this server is by invitation only; ask an administrator for an invitation link',
          );
        }
        if (invitation) {
          role = invitation.role;
          invitationId = invitation.id;
        }
      }
      const result = await this.auth.api
        .signUpEmail({ body: { email, password: input.password, name }, returnHeaders: true })
        .catch(async (error: unknown) => {
          // Another instance created an account with this email between better-auth's check
          // and its insert: the unique index refused ours, which better-auth reports vaguely.
          if (authErrorCode(error) === 'FAILED_TO_CREATE_USER' && (await this.prisma.user.count({ where: { email } })) > 0) {
            throw badInput('an account already uses this email address; sign in instead');
          }
          throw this.signUpError(error);
        });
      const { user, token } = result.response;
      if (!token) throw new Error('better-auth created the account without a session');
      if (role !== 'MEMBER') await this.prisma.user.update({ where: { id: user.id }, data: { role } });
      if (invitationId && !(await this.invitations.consume(invitationId, user.id))) {
        // Another instance used it at the same moment: this account was not invited after all.
        await this.prisma.user.delete({ where: { id: user.id } });
        throw forbidden('this invitation was used by someone else just now');
      }
      if (first) this.log.info('first account created: it is the administrator', { userId: user.id });
      return { token, account: accountOf({ ...user, role }), cookies: setCookies(result.headers) };
    });
  }

  async signIn(input: { email: string; password: string }, address: string): Promise<SignedIn> {
    const email = input.email.trim().toLowerCase();
    await this.limits.check(email, address);
    const result = await this.auth.api
      .signInEmail({ body: { email, password: input.password }, returnHeaders: true })
      .catch(async (error: unknown) => {
        const code = authErrorCode(error);
        if (code === 'ACCOUNT_DISABLED') throw forbidden('this account is disabled; ask an administrator');
        if (isAPIError(error) || code === 'VALIDATION_ERROR') {
          await this.limits.failed(email, address);
          throw unauthenticated('wrong email or password');
        }
        throw error;
      });
    await this.limits.succeeded(email);
    const user = result.response.user as UserRow;
    return { token: result.response.token, account: accountOf(user), cookies: setCookies(result.headers) };
  }

  /**
   * Ends the caller's session everywhere (better-auth deletes it; its delete hook tells every
   * instance). `headers` are the request's own credentials, so a browser's cookie is cleared.
   */
  async signOut(caller: Caller, headers: Headers): Promise<{ cookies: string[] }> {
    if (caller.kind === 'anonymous') throw unauthenticated();
    if (caller.credential.kind !== 'session') {
      throw badInput(
        caller.kind === 'guest' ? 'a share link is not a session; nothing to sign out of' : 'an API token is not a session: revoke it with revokeApiToken',
      );
    }
    const result = await this.auth.api.signOut({ headers, returnHeaders: true });
    return { cookies: setCookies(result.headers) };
  }

  async me(caller: Caller): Promise<Account | null> {
    return caller.kind === 'account' ? caller.account : null;
  }

  private signUpError(error: unknown): Error {
    if (error instanceof DomainError) return error;
    switch (authErrorCode(error)) {
      case 'USER_ALREADY_EXISTS':
      case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
        return badInput('an account already uses this email address; sign in instead');
      case 'PASSWORD_TOO_SHORT':
        return badInput('the password must be at least 8 characters long');
      case 'PASSWORD_TOO_LONG':
        return badInput('the password must be at most 128 characters long');
      case 'INVALID_EMAIL':
      case 'VALIDATION_ERROR':
        return badInput('the email address is not valid');
      default:
        return error as Error;
    }
  }
}
