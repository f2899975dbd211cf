import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { forbidden } from '../../server/errors.ts';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS, type Label } from '../../shared/enums.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import { exportPage, type MemberFilter } from '../members/members.repository.ts';
import { memberFilter } from '../members/members.service.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import type { Scope } from '../../server/context.ts';
import { MEMBER_COLUMNS, MEMBER_SHEET } from './excel.ts';
import type { ExportMembersQuery } from './imports.schemas.ts';

// Member export: the member list's filters, streamed page by page (keyset on id) through
// exceljs's streaming writer, so a 200,000-member county never sits in memory. Headers and
// labels are the import template's, so an export with full ID numbers imports back unchanged.

const PAGE = 1000;

const label = (table: Record<string, Label>, code: string | null) => (code === null ? null : (table[code]?.zh ?? code));
const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

export const EXPORT_EXTRA_COLUMNS = ['所在党组织名称', '党员状态'] as const;

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export interface ExportTarget {
  scope: Scope;
  filter: MemberFilter;
  fullIdNumbers: boolean;
}

/** Write the rows of an export into a stream (the caller sends or saves it). */
export function streamMembers(db: Kysely<DB>, cipher: FieldCipher, t: ExportTarget, onError: (err: unknown) => void = () => undefined): { stream: Readable; done: Promise<number> } {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '统筹';
  const ws = wb.addWorksheet(MEMBER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...MEMBER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) })),
    { header: EXPORT_EXTRA_COLUMNS[0], key: 'orgName', width: 30 },
    { header: EXPORT_EXTRA_COLUMNS[1], key: 'status', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  const done = (async () => {
    let after = 0;
    let n = 0;
    for (;;) {
      const rows = await exportPage(db, t.scope, t.filter, after, PAGE);
      for (const m of rows) {
        ws.addRow({
          name: m.name,
          gender: label(GENDER.table, m.gender),
          ethnicity: m.ethnicity,
          idNumber: t.fullIdNumbers ? cipher.decrypt(m.id_number_cipher) : m.id_number_masked,
          birthDate: asDate(m.birth_date),
          education: label(EDUCATION.table, m.education),
          category: label(MEMBER_CATEGORY.table, m.category),
          workUnit: m.work_unit,
          post: m.post,
          joinedOn: asDate(m.joined_on),
          fullMemberOn: asDate(m.full_member_on),
          phone: m.phone,
          household: label(HOUSEHOLD.table, m.household),
          householdRegister: m.household_register,
          address: m.address,
          isMobile: m.is_mobile ? '是' : '否',
          orgCode: m.org_code,
          orgName: m.org_name,
          status: label(MEMBER_STATUS.table, m.status),
        }).commit();
      }
      n += rows.length;
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.id;
      // Let a slow client drain before reading the next page.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
    return n;
  })();
  done.catch((err: unknown) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return { stream: out, done };
}

/** The HTTP export: the list's filter in the caller's scope; full ID numbers need member.revealId and are audited. */
export async function exportMembers(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, q: ExportMembersQuery, onError?: (err: unknown) => void) {
  const filter = await memberFilter(db, cipher, ctx, q);
  const full = q.fullIdNumbers === 'true';
  if (full && !can(ctx.actor.role, 'member.revealId')) throw forbidden();
  const org = q.orgId ? await findOrg(db, ctx.scope, q.orgId) : undefined;
  if (full) {
    const { cursor: _c, limit: _l, sort: _s, order: _o, fullIdNumbers: _f, ...criteria } = q;
    await db.transaction().execute((trx) => auditFullExport(trx, ctx, filter.subtreePath ?? (ctx.scope.kind === 'all' ? null : ctx.scope.path), criteria));
  }
  const { stream } = streamMembers(db, cipher, { scope: ctx.scope, filter, fullIdNumbers: full }, onError);
  const date = todayCN().replaceAll('-', '');
  return { stream, fileName: `党员名册-${org ? `${org.name}-` : ''}${date}.xlsx`, asciiName: `members-${date}.xlsx` };
}

export async function auditFullExport(trx: Parameters<typeof appendAudit>[0], who: AuditActor, scopePath: string | null, criteria: Record<string, unknown>) {
  await appendAudit(trx, who, { action: 'member.exportIdNumbers', entity: 'member', entityId: null, scopePath, after: { criteria } });
}
