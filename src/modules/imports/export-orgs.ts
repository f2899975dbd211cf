import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { ORG_DOMAIN, ORG_KIND, ORG_LEVEL, URBAN_RURAL, type Label } from '../../shared/enums.ts';
import { exportOrgPage, findOrg, listRoots } from '../organizations/organizations.repository.ts';
import { ORG_COLUMNS, ORG_SHEET } from './excel.ts';

// Organization export: a subtree's active organizations in the import template's columns,
// parents first, streamed page by page, so the file can be edited and imported back.

const PAGE = 2000;
export const ORG_EXPORT_EXTRA_COLUMN = '上级组织名称';

const label = (table: Record<string, Label>, code: string | null) => (code === null ? null : (table[code]?.zh ?? code));
const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** The HTTP export: the subtree of `orgId` (default: the top of the caller's scope) as .xlsx. */
export async function exportOrgs(db: Kysely<DB>, ctx: RequestContext, orgId: number | undefined, onError: (err: unknown) => void = () => undefined): Promise<{ stream: Readable; fileName: string; asciiName: string }> {
  const root = orgId !== undefined ? await findOrg(db, ctx.scope, orgId) : (await listRoots(db, ctx.scope))[0];
  if (!root) throw notFound();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '统筹';
  const ws = wb.addWorksheet(ORG_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...ORG_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) })),
    { header: ORG_EXPORT_EXTRA_COLUMN, key: 'parentName', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  void (async () => {
    let after: string | null = null;
    for (;;) {
      const rows = await exportOrgPage(db, ctx.scope, root.path, after, PAGE);
      for (const o of rows) {
        ws.addRow({
          code: o.code,
          name: o.name,
          parentCode: o.parent_code,
          kind: label(ORG_KIND.table, o.kind),
          level: label(ORG_LEVEL.table, o.level),
          domain: label(ORG_DOMAIN.table, o.domain),
          divisionCode: o.division_code,
          urbanRural: label(URBAN_RURAL.table, o.urban_rural),
          establishedOn: asDate(o.established_on),
          parentName: o.parent_name,
        }).commit();
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.path;
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  const date = todayCN().replaceAll('-', '');
  return { stream: out, fileName: `党组织名册-${root.name}-${date}.xlsx`, asciiName: `organizations-${date}.xlsx` };
}
