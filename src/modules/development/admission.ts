import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../server/errors.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import * as members from '../members/members.repository.ts';
import type { CaseRow } from './development.repository.ts';

// The registry side of development: admission creates the member (预备), conversion makes them
// 正式. Both go through the members repository and the audit log like any registry write, so the
// encrypted ID number, the membership periods and the audit trail stay as the registry keeps them.

/** The audit view of a member row: never the full ID number (as the members service does). */
const auditView = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('id_number') || k === 'id_number_masked'));

/** Admit the applicant: a probationary member of the admitting organization since the branch meeting. */
export async function admitMember(trx: Transaction<DB>, ctx: AuditActor, c: CaseRow, joinedOn: string, establishedOn: string | null): Promise<number> {
  const holder = await members.findByIdHash(trx, c.id_number_hash);
  if (holder) throw new AppError(409, 'development.alreadyMember', { name: holder.name }, 'idNumber');
  if (c.org_status !== 'active') throw new AppError(409, 'member.orgDissolved', {}, 'orgId');
  const row = {
    org_id: c.org_id,
    name: c.name,
    gender: c.gender,
    ethnicity: c.ethnicity,
    birth_date: c.birth_date,
    id_number_cipher: c.id_number_cipher,
    id_number_hash: c.id_number_hash,
    id_number_masked: c.id_number_masked,
    education: c.education,
    category: c.category,
    work_unit: c.work_unit,
    post: null,
    joined_on: joinedOn,
    full_member_on: null,
    status: 'probationary',
    phone: c.phone,
    household: c.household,
    household_register: null,
    address: null,
    is_mobile: false,
    unit_id: null,
  };
  const { id } = await members.insertMember(trx, row);
  const since = establishedOn && establishedOn > joinedOn ? establishedOn : joinedOn;
  await members.openPeriod(trx, id, c.org_id, since);
  await appendAudit(trx, ctx, { action: 'member.create', entity: 'member', entityId: id, scopePath: c.org_path, after: { ...auditView(row), developmentCaseId: c.id } });
  return id;
}

/** Make the probationary member a full member as of the end of probation. */
export async function convertMember(trx: Transaction<DB>, ctx: AuditActor, c: CaseRow, fullMemberOn: string) {
  const m = await trx.selectFrom('members').select(['id', 'status', 'full_member_on', 'left_on']).where('id', '=', c.member_id!).executeTakeFirstOrThrow();
  if (m.left_on) throw new AppError(409, 'member.left');
  const patch = { status: 'full', full_member_on: fullMemberOn };
  await members.updateMember(trx, m.id, patch);
  await appendAudit(trx, ctx, { action: 'member.update', entity: 'member', entityId: m.id, scopePath: c.org_path, before: { status: m.status, full_member_on: m.full_member_on }, after: { ...patch, developmentCaseId: c.id } });
}
