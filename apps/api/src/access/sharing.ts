// Sharing a document: members and their roles, general access, and share links. Every change
// is stored, then published (AccessControl.changed), so open subscriptions on every instance
// re-ask the access decision. Callers must be OWNER (AccessControl.require is asked first).
import type { PrismaClient } from '../generated/prisma/client.js';
import { badInput, DomainError, documentNotFound } from '../documents/errors.js';
import type { AccessControl } from './access-control.js';
import type { AccessEvents } from './access-events.js';
import type { Account, Caller } from './caller.js';
import { accountOf } from './accounts.js';
import { isDocumentRole, type DocumentRole, type GeneralAccess } from './roles.js';
import { newToken } from './secrets.js';
import { checkExpiry, normalizeEmail } from './validation.js';

export interface MemberRow {
  user: Account;
  role: DocumentRole;
}

export interface ShareLinkRow {
  id: string;
  documentId: string;
  role: DocumentRole;
  createdAt: Date;
  expiresAt: Date | null;
  /** Only when just created. */
  token?: string;
}

const linkColumns = { id: true, documentId: true, role: true, createdAt: true, expiresAt: true } as const;

function toLink(row: { id: string; documentId: string; role: string; createdAt: Date; expiresAt: Date | null }): ShareLinkRow {
  return { ...row, role: isDocumentRole(row.role) ? row.role : 'VIEWER' };
}

export class Sharing {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly access: AccessControl,
    private readonly events: AccessEvents,
    private readonly now: () => number = Date.now,
  ) {}

  async members(documentId: string): Promise<MemberRow[]> {
    const rows = await this.prisma.documentMember.findMany({
      where: { documentId },
      include: { user: true },
      orderBy: [{ createdAt: 'asc' }],
    });
    return rows.filter((row) => isDocumentRole(row.role)).map((row) => ({ user: accountOf(row.user), role: row.role as DocumentRole }));
  }

  async share(caller: Caller, documentId: string, email: string, role: DocumentRole): Promise<MemberRow> {
    await this.access.require(caller, 'manage', documentId);
    const user = await this.prisma.user.findUnique({ where: { email: normalizeEmail(email) } });
    if (!user) throw badInput(`no account uses ${email.trim()}; invite them to the server first`);
    await this.changeMembers(documentId, async (tx, owners) => {
      const before = await tx.documentMember.findUnique({ where: { documentId_userId: { documentId, userId: user.id } } });
      if (before?.role === 'OWNER' && role !== 'OWNER' && owners === 1) {
        throw badInput('this is the document’s last owner: make someone else an owner first');
      }
      await tx.documentMember.upsert({
        where: { documentId_userId: { documentId, userId: user.id } },
        create: { documentId, userId: user.id, role, createdAt: new Date(this.now()) },
        update: { role },
      });
    });
    return { user: accountOf(user), role };
  }

  async unshare(caller: Caller, documentId: string, userId: string): Promise<boolean> {
    await this.access.require(caller, 'manage', documentId);
    await this.changeMembers(documentId, async (tx, owners) => {
      const member = await tx.documentMember.findUnique({ where: { documentId_userId: { documentId, userId } } });
      if (!member) throw new DomainError('NOT_FOUND', `that account has no role of its own on this document`);
      if (member.role === 'OWNER' && owners === 1) {
        throw badInput('this is the document’s last owner: make someone else an owner first');
      }
      await tx.documentMember.delete({ where: { documentId_userId: { documentId, userId } } });
    });
    return true;
  }

  async setGeneralAccess(caller: Caller, documentId: string, access: GeneralAccess): Promise<void> {
    await this.access.require(caller, 'manage', documentId);
    const { count } = await this.prisma.document.updateMany({ where: { id: documentId }, data: { generalAccess: access } });
    if (count === 0) throw documentNotFound(documentId);
    this.access.changed(documentId);
  }

  async createLink(caller: Caller, documentId: string, role: DocumentRole, expiresAt: Date | null | undefined): Promise<ShareLinkRow> {
    await this.access.require(caller, 'manage', documentId);
    if (role === 'OWNER') throw badInput('a share link cannot make anyone an owner; choose EDITOR, COMMENTER or VIEWER');
    const { token, hash } = newToken('shareLink');
    const row = await this.prisma.shareLink.create({
      data: {
        documentId,
        role,
        tokenHash: hash,
        createdById: caller.kind === 'account' ? caller.account.id : null,
        createdAt: new Date(this.now()),
        expiresAt: checkExpiry(expiresAt, this.now()),
      },
      select: linkColumns,
    });
    return { ...toLink(row), token };
  }

  /** Links of a document that still work. */
  async links(documentId: string): Promise<ShareLinkRow[]> {
    const rows = await this.prisma.shareLink.findMany({
      where: { documentId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(this.now()) } }] },
      orderBy: { createdAt: 'desc' },
      select: linkColumns,
    });
    return rows.map(toLink);
  }

  async revokeLink(caller: Caller, linkId: string): Promise<boolean> {
    const link = await this.prisma.shareLink.findUnique({ where: { id: linkId }, select: { documentId: true } });
    // An unknown link and one of a document the caller may not see answer alike.
    const notFound = new DomainError('NOT_FOUND', `no share link has id "${linkId}"`);
    if (!link) throw notFound;
    try {
      await this.access.require(caller, 'manage', link.documentId);
    } catch (error) {
      throw error instanceof DomainError && error.code === 'NOT_FOUND' ? notFound : error;
    }
    await this.prisma.shareLink.deleteMany({ where: { id: linkId } });
    this.events.publish({ kind: 'shareLink', linkId, documentId: link.documentId });
    return true;
  }

  /**
   * Changes members under the document's row lock (so two owners cannot both step down at
   * once), knowing how many owners it has, then tells everyone.
   */
  private async changeMembers(
    documentId: string,
    change: (tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0], owners: number) => Promise<void>,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Document" WHERE "id" = ${documentId} FOR UPDATE`;
      if (locked.length === 0) throw documentNotFound(documentId);
      const owners = await tx.documentMember.count({ where: { documentId, role: 'OWNER' } });
      await change(tx, owners);
    });
    this.access.changed(documentId);
  }
}
