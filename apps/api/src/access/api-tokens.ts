// API tokens for scripts: each acts as its account (bearer `tdm_api_...`), is shown once and
// kept only as a hash, and can be revoked, which ends what it has open on every instance.
// A table of ours rather than better-auth's API-key plugin: that plugin pins peer versions
// that npm refuses next to better-auth 1.7.25 without overrides.
import type { PrismaClient } from '../generated/prisma/client.js';
import { DomainError } from '../documents/errors.js';
import type { AccessEvents } from './access-events.js';
import { newToken } from './secrets.js';
import { checkExpiry, checkName } from './validation.js';

export interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  /** Only when just created. */
  token?: string;
}

const columns = { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true } as const;

export class ApiTokens {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: AccessEvents,
    private readonly now: () => number = Date.now,
  ) {}

  async create(userId: string, name: string, expiresAt: Date | null | undefined): Promise<ApiTokenRow> {
    const { token, hash } = newToken('apiToken');
    const row = await this.prisma.apiToken.create({
      data: { userId, name: checkName(name), tokenHash: hash, createdAt: new Date(this.now()), expiresAt: checkExpiry(expiresAt, this.now()) },
      select: columns,
    });
    return { ...row, token };
  }

  list(userId: string): Promise<ApiTokenRow[]> {
    return this.prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, select: columns });
  }

  /** Revokes one of `userId`'s tokens; another account's token answers as an unknown one. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.apiToken.deleteMany({ where: { id, userId } });
    if (count === 0) throw new DomainError('NOT_FOUND', `you have no API token with id "${id}"`);
    this.events.publish({ kind: 'apiToken', tokenId: id });
    return true;
  }
}
