// What an administrator does with accounts: see them, and disable one (its sessions end at
// once, its API tokens stop working, everything it has open closes on every instance).
import type { PrismaClient } from '../generated/prisma/client.js';
import { badInput, DomainError } from '../documents/errors.js';
import type { AccessEvents } from './access-events.js';
import type { Auth } from './auth.js';
import { accountOf } from './accounts.js';
import type { Account } from './caller.js';

export interface AccountRow extends Account {
  disabled: boolean;
  createdAt: Date;
}

export class Administration {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly auth: Auth,
    private readonly events: AccessEvents,
  ) {}

  async accounts(): Promise<AccountRow[]> {
    const users = await this.prisma.user.findMany({ orderBy: { createdAt: 'asc' } });
    return users.map((user) => ({ ...accountOf(user), disabled: user.disabled, createdAt: user.createdAt }));
  }

  async isDisabled(userId: string): Promise<boolean> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { disabled: true } });
    return user?.disabled ?? false;
  }

  async setDisabled(adminId: string, userId: string, disabled: boolean): Promise<AccountRow> {
    if (adminId === userId && disabled) throw badInput('you cannot disable your own account');
    const { count } = await this.prisma.user.updateMany({ where: { id: userId }, data: { disabled } });
    if (count === 0) throw new DomainError('NOT_FOUND', `no account has id "${userId}"`);
    if (disabled) {
      // Through better-auth, so each ended session is published by its delete hook.
      const context = await this.auth.$context;
      await context.internalAdapter.deleteUserSessions(userId);
    }
    this.events.publish({ kind: 'account', userId });
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    return { ...accountOf(user), disabled: user.disabled, createdAt: user.createdAt };
  }
}
