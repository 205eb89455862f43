// Invitations to create an account: links an administrator copies and hands over (an
// air-gapped server sends no mail). Each is used once, before it expires, and only by its
// email address when it names one.
import type { PrismaClient } from '../generated/prisma/client.js';
import { DomainError } from '../documents/errors.js';
import { isServerRole, type ServerRole } from './roles.js';
import { hashToken, newToken, tokenKind } from './secrets.js';
import { normalizeEmail } from './validation.js';

const INVITATION_DAYS = 7;

export interface InvitationRow {
  id: string;
  email: string | null;
  role: ServerRole;
  expiresAt: Date;
  createdAt: Date;
  usedAt: Date | null;
  /** Only when just created. */
  token?: string;
}

function toRow(row: { id: string; email: string | null; role: string; expiresAt: Date; createdAt: Date; usedAt: Date | null }): InvitationRow {
  return { id: row.id, email: row.email, role: isServerRole(row.role) ? row.role : 'MEMBER', expiresAt: row.expiresAt, createdAt: row.createdAt, usedAt: row.usedAt };
}

export class Invitations {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  async create(createdById: string, email: string | null, role: ServerRole): Promise<InvitationRow> {
    const { token, hash } = newToken('invitation');
    const row = await this.prisma.invitation.create({
      data: {
        tokenHash: hash,
        email: email ? normalizeEmail(email) : null,
        role,
        createdById,
        createdAt: new Date(this.now()),
        expiresAt: new Date(this.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    return { ...toRow(row), token };
  }

  /** Invitations not used yet, newest first (expired ones too, so an admin sees why). */
  async pending(): Promise<InvitationRow[]> {
    const rows = await this.prisma.invitation.findMany({ where: { usedAt: null }, orderBy: { createdAt: 'desc' } });
    return rows.map(toRow);
  }

  async revoke(id: string): Promise<boolean> {
    const { count } = await this.prisma.invitation.deleteMany({ where: { id, usedAt: null } });
    if (count === 0) throw new DomainError('NOT_FOUND', `no unused invitation has id "${id}"`);
    return true;
  }

  /** The invitation behind `token` when `email` may use it now; null otherwise. */
  async usable(token: string, email: string): Promise<{ id: string; role: ServerRole } | null> {
    if (tokenKind(token) !== 'invitation') return null;
    const row = await this.prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row || row.usedAt || row.expiresAt.getTime() <= this.now()) return null;
    if (row.email && row.email !== email) return null;
    return { id: row.id, role: isServerRole(row.role) ? row.role : 'MEMBER' };
  }

  /** Marks it used by `userId`; false when someone used it first. */
  async consume(id: string, userId: string): Promise<boolean> {
    const { count } = await this.prisma.invitation.updateMany({
      where: { id, usedAt: null },
      data: { usedAt: new Date(this.now()), usedById: userId },
    });
    return count === 1;
  }
}
