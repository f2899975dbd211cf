import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import { generatePassword, hashPassword } from '../../lib/password.ts';
import { ROLE_RANK, type RequestContext, type Role } from '../../server/context.ts';
import { AppError, badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { deleteUserSessions } from '../auth/session.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './users.repository.ts';
import type { CreateUserBody, UpdateUserBody, UserItem } from './users.schemas.ts';

type Item = z.infer<typeof UserItem>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

function present(r: Row): Item {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    orgId: r.org_id,
    orgName: r.org_name,
    memberId: r.member_id,
    memberName: r.member_name,
    disabled: r.disabled,
    locked: !!r.locked_until && new Date(r.locked_until).getTime() > Date.now(),
    mustChangePassword: r.must_change_password,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const auditView = (r: Row) => ({ username: r.username, displayName: r.display_name, role: r.role, orgId: r.org_id, memberId: r.member_id, disabled: r.disabled });

function assertCanGrant(ctx: RequestContext, role: Role) {
  if (ROLE_RANK[role] > ROLE_RANK[ctx.actor.role] || (role === 'admin' && ctx.actor.role !== 'admin')) throw forbidden('user.roleTooHigh');
}

async function orgInScope(db: Kysely<DB>, ctx: RequestContext, orgId: number) {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org || !pathInScope(ctx.scope, org.path)) throw new AppError(404, 'user.orgOutOfScope', {}, 'orgId');
  return org;
}

/**
 * The member record an account is to sign in as: in the caller's scope, still on the register, and
 * not already the record of another enabled account. A member account takes the member's organization.
 */
async function memberToLink(db: Kysely<DB>, ctx: RequestContext, memberId: number, userId?: number) {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m) throw new AppError(404, 'notFound', {}, 'memberId');
  if (m.left_on !== null) throw badRequest('user.memberLeft', 'memberId', { name: m.name });
  const other = await repo.userLinkedToMember(db, memberId, userId);
  if (other) throw conflict('user.memberLinked', { name: m.name, username: other.username }, 'memberId');
  return m;
}

export async function list(db: Kysely<DB>, ctx: RequestContext, q: { q?: string | undefined; offset: number; limit: number }) {
  const r = await repo.listUsers(db, ctx.scope, { search: q.q, offset: q.offset, limit: q.limit });
  return { items: r.rows.map(present), total: r.total };
}

export async function create(db: Kysely<DB>, ctx: RequestContext, body: z.infer<typeof CreateUserBody>) {
  assertCanGrant(ctx, body.role);
  if (body.role === 'member' && body.memberId == null) throw badRequest('user.memberRequired', 'memberId');
  const named = await orgInScope(db, ctx, body.orgId);
  // The linked member record must exist and lie in the caller's scope too (else a cross-scope link or an FK 500).
  const member = body.memberId != null ? await memberToLink(db, ctx, body.memberId) : null;
  // A member account belongs to the member's own organization, whatever the form said.
  const org = body.role === 'member' && member && member.org_id !== named.id ? await orgInScope(db, ctx, member.org_id) : named;
  const password = generatePassword();
  const hash = await hashPassword(password);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await repo.insertUser(trx, { username: body.username, displayName: body.displayName, passwordHash: hash, role: body.role, orgId: org.id, memberId: body.memberId ?? null, mustChange: true });
      const row = (await repo.findUserById(trx, ctx.scope, id))!;
      await appendAudit(trx, ctx, { action: 'user.create', entity: 'user', entityId: id, scopePath: org.path, after: auditView(row) });
      return { user: present(row), initialPassword: password };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_username_key')) throw conflict('conflict.username', { username: body.username }, 'username');
    throw err;
  }
}

export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof UpdateUserBody>) {
  const before = await repo.findUserById(db, ctx.scope, id);
  if (!before) throw notFound();
  assertCanGrant(ctx, before.role as Role);
  if (body.role) assertCanGrant(ctx, body.role);
  if (body.disabled && id === ctx.actor.userId) throw badRequest('user.cannotDisableSelf', 'disabled');
  const role = body.role ?? (before.role as Role);
  const memberId = body.memberId !== undefined ? body.memberId : before.member_id;
  if (role === 'member' && memberId === null) throw badRequest('user.memberRequired', 'memberId');
  if (body.orgId !== undefined) await orgInScope(db, ctx, body.orgId);
  const member = body.memberId != null && body.memberId !== before.member_id ? await memberToLink(db, ctx, body.memberId, id) : null;
  const memberOrgId = role === 'member' ? (member?.org_id ?? (memberId !== null ? (await findMember(db, ctx.scope, memberId))?.org_id : undefined)) : undefined;
  const wantedOrg = memberOrgId ?? body.orgId;
  const org = wantedOrg !== undefined && wantedOrg !== before.org_id ? await orgInScope(db, ctx, wantedOrg) : null;
  const linkChanged = body.memberId !== undefined && body.memberId !== before.member_id;
  return db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      ...(body.displayName !== undefined && { display_name: body.displayName }),
      ...(body.role !== undefined && { role: body.role }),
      ...(org && { org_id: org.id }),
      ...(linkChanged && { member_id: body.memberId ?? null }),
      ...(body.disabled !== undefined && { disabled: body.disabled }),
    });
    if (body.disabled || body.role || org || linkChanged) await deleteUserSessions(trx, id);
    const after = (await repo.findUserById(trx, { kind: 'all' }, id))!;
    await appendAudit(trx, ctx, { action: 'user.update', entity: 'user', entityId: id, scopePath: after.org_path, before: auditView(before), after: auditView(after) });
    return present(after);
  });
}

/** Issue a new one-time password: forces a change at next sign-in, unlocks, ends sessions. */
export async function resetPassword(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const user = await repo.findUserById(db, ctx.scope, id);
  if (!user) throw notFound();
  assertCanGrant(ctx, user.role as Role);
  const password = generatePassword();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { password_hash: hash, must_change_password: true, failed_logins: 0, locked_until: null });
    await deleteUserSessions(trx, id);
    await appendAudit(trx, ctx, { action: 'user.resetPassword', entity: 'user', entityId: id, scopePath: user.org_path });
    return { user: present((await repo.findUserById(trx, ctx.scope, id))!), initialPassword: password };
  });
}
