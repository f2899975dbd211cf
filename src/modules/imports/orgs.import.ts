import type { Transaction } from 'kysely';
import { pathInScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import * as history from '../organizations/history.repository.ts';
import { nextOrgId, updateOrg, type NewOrg } from '../organizations/organizations.repository.ts';
import { EXAMPLE_MARK, ORG_COLUMNS, cellText, isBlank, mapHeader, readField, type CellProblem, type OrgColumnKey, type Raw } from './excel.ts';
import * as repo from './imports.repository.ts';
import type { SheetRow } from './reader.ts';
import { BATCH, ConcurrentChange, MAX_ROWS, commonPath, type ApplyCounts, type ImportEnv, type Validation } from './types.ts';
import { isUniqueViolation } from '../../server/errors.ts';

// Organization import: every row validated first (codes unique in the file and free in the
// database, parents inside the scope or in the same file, no cycles), then one transaction that
// creates the new organizations parents-first with their first version and an 'establish' event
// (as operations.service create does), updates changed ones (version + event as update does),
// and writes one audit entry for the file.

type Problem = CellProblem<OrgColumnKey>;
type Fields = Partial<Record<OrgColumnKey, string | null>>;

interface OrgRow {
  rowNumber: number;
  raw: Raw[];
  problems: Problem[];
  f: Fields;
}

interface OrgAttrs {
  name: string;
  kind: string;
  level: string;
  domain: string;
  division_code: string | null;
  urban_rural: string | null;
}

export interface OrgPlan {
  /** New organizations, parents before children. */
  creates: { code: string; attrs: OrgAttrs; establishedOn: string; parent: { existing: repo.OrgRef } | { code: string } }[];
  updates: { org: repo.OrgRef; attrs: OrgAttrs }[];
  unchanged: number;
}

const attrsOf = (f: Fields): OrgAttrs => ({
  name: f.name!,
  kind: f.kind!,
  level: f.level!,
  domain: f.domain ?? 'other',
  division_code: f.divisionCode ?? null,
  urban_rural: f.urbanRural ?? null,
});

const ATTR_KEYS = ['name', 'kind', 'level', 'domain', 'division_code', 'urban_rural'] as const;

export async function validateOrgs(env: ImportEnv, rows: AsyncIterable<SheetRow>, estimatedRows: number | null): Promise<Validation<OrgPlan>> {
  const { db, who } = env;
  const today = todayCN();
  const errors: Validation<OrgPlan>['errors'] = new Map();
  const fileProblems: CellProblem[] = [];
  let header: ReturnType<typeof mapHeader<OrgColumnKey>> | null = null;
  const list: OrgRow[] = [];
  const total = estimatedRows === null ? null : Math.max(estimatedRows - 1, 0);

  for await (const { rowNumber, values } of rows) {
    if (!header) {
      header = mapHeader(ORG_COLUMNS, values);
      if (header.missing.length) {
        fileProblems.push({ column: 'file', key: 'import.missingColumns', params: { columns: header.missing.map((c) => c.header).join('、') } });
        break;
      }
      continue;
    }
    const idx = header.index;
    const cells = ORG_COLUMNS.map((c) => (idx[c.key] === undefined ? null : (values[idx[c.key]!] ?? null)));
    const firstFilled = cells.find((v) => !isBlank(v));
    if (firstFilled === undefined) continue;
    if (cellText(firstFilled ?? null).startsWith(EXAMPLE_MARK)) continue;
    if (list.length >= MAX_ROWS) {
      fileProblems.push({ column: 'file', key: 'import.tooManyRows', params: { max: MAX_ROWS } });
      break;
    }
    const problems: Problem[] = [];
    const f: Fields = {};
    ORG_COLUMNS.forEach((c, i) => (f[c.key] = readField(c, cells[i] ?? null, problems)));
    if (f.establishedOn && f.establishedOn > today) problems.push({ column: 'establishedOn', key: 'history.future' });
    if (f.code && f.parentCode && f.code === f.parentCode) problems.push({ column: 'parentCode', key: 'import.parentSelf' });
    list.push({ rowNumber, raw: values, problems, f });
    if (list.length % 500 === 0) env.progress(list.length, total);
  }

  // Codes repeated inside the file.
  const byCode = new Map<string, OrgRow>();
  for (const r of list) {
    const code = r.f.code;
    if (!code) continue;
    const first = byCode.get(code);
    if (!first) byCode.set(code, r);
    else {
      r.problems.push({ column: 'code', key: 'import.duplicateCodeInFile', params: { rows: first.rowNumber } });
      const note = first.problems.find((p) => p.key === 'import.duplicateCodeInFile' && p.column === 'code');
      if (note) note.params = { rows: `${note.params!.rows}、${r.rowNumber}` };
      else first.problems.push({ column: 'code', key: 'import.duplicateCodeInFile', params: { rows: String(r.rowNumber) } });
    }
  }

  // What the database already has for every code the file names.
  const codes = [...new Set(list.flatMap((r) => [r.f.code, r.f.parentCode]).filter((c): c is string => !!c))];
  const known = new Map<string, repo.OrgRef>();
  for (let i = 0; i < codes.length; i += BATCH * 5) for (const o of await repo.orgsByCodes(db, codes.slice(i, i + BATCH * 5))) known.set(o.code, o);
  const parentIds = [...new Set([...known.values()].map((o) => o.parent_id).filter((x): x is number => x !== null))];
  const parentsById = new Map((await repo.orgsByIds(db, parentIds)).map((o) => [o.id, o]));
  const usable = (o: repo.OrgRef | undefined) => !!o && o.status === 'active' && pathInScope(who.scope, o.path);

  const plan: OrgPlan = { creates: [], updates: [], unchanged: 0 };
  const newRows = new Map<string, OrgRow>();
  for (const r of list) {
    const { code, parentCode } = r.f;
    if (!code) continue;
    const existing = known.get(code);
    if (existing) {
      if (!pathInScope(who.scope, existing.path)) r.problems.push({ column: 'code', key: 'import.orgCodeTaken', params: { code } });
      else if (existing.status !== 'active') r.problems.push({ column: 'code', key: 'import.existingDissolved', params: { code } });
      else if (parentCode) {
        const parent = existing.parent_id === null ? undefined : parentsById.get(existing.parent_id);
        if (parent?.code !== parentCode) r.problems.push({ column: 'parentCode', key: 'import.parentMismatch', params: { parent: parent?.name ?? '—' } });
      }
      continue;
    }
    if (byCode.get(code) === r) newRows.set(code, r);
    if (parentCode && parentCode !== code && !byCode.has(parentCode) && !usable(known.get(parentCode))) {
      r.problems.push({ column: 'parentCode', key: 'import.parentUnknown', params: { code: parentCode } });
    }
  }

  // Parents named in the file must not form a cycle among the new organizations.
  const depth = new Map<string, number>();
  const depthOf = (code: string, trail: string[]): number => {
    const cached = depth.get(code);
    if (cached !== undefined) return cached;
    const row = newRows.get(code);
    const parent = row?.f.parentCode;
    if (!row || !parent || !newRows.has(parent) || parent === code) {
      depth.set(code, 0);
      return 0;
    }
    const at = trail.indexOf(code);
    if (at >= 0) {
      // Only the organizations on the loop itself get the note; those hanging below it fail with it.
      for (const c of trail.slice(at)) {
        newRows.get(c)!.problems.push({ column: 'parentCode', key: 'import.parentCycle' });
        depth.set(c, -1);
      }
      return -1;
    }
    trail.push(code);
    const d = depthOf(parent, trail);
    trail.pop();
    if (!depth.has(code)) depth.set(code, d < 0 ? -1 : d + 1);
    return depth.get(code)!;
  };
  for (const code of newRows.keys()) depthOf(code, []);

  for (const r of list) {
    if (r.problems.length) errors.set(r.rowNumber, { problems: r.problems, raw: r.raw });
  }
  env.progress(list.length, list.length);
  if (!header) fileProblems.push({ column: 'file', key: 'import.noRows' });
  else if (list.length === 0 && !fileProblems.length) fileProblems.push({ column: 'file', key: 'import.noRows' });
  const rejected = errors.size > 0 || fileProblems.length > 0;
  if (!rejected) {
    const ordered = [...newRows.values()].sort((a, b) => depth.get(a.f.code!)! - depth.get(b.f.code!)! || a.rowNumber - b.rowNumber);
    for (const r of ordered) {
      const parentCode = r.f.parentCode!;
      plan.creates.push({
        code: r.f.code!,
        attrs: attrsOf(r.f),
        establishedOn: r.f.establishedOn ?? today,
        parent: newRows.has(parentCode) ? { code: parentCode } : { existing: known.get(parentCode)! },
      });
    }
    for (const r of list) {
      const existing = known.get(r.f.code!);
      if (!existing) continue;
      const attrs = attrsOf(r.f);
      if (ATTR_KEYS.every((k) => attrs[k] === existing[k])) plan.unchanged++;
      else plan.updates.push({ org: existing, attrs });
    }
  }
  return { headers: header?.headers ?? [], rowsTotal: list.length, errors, fileProblems, plan: rejected ? null : plan };
}

/** Create and update the organizations of a validated plan inside the caller's transaction. */
export async function applyOrgs(env: ImportEnv, trx: Transaction<DB>, plan: OrgPlan, onProgress: (done: number) => void): Promise<ApplyCounts> {
  const { who } = env;
  const actorName = who.actor.username;
  const today = todayCN();
  await repo.lockImports(trx);
  const created = new Map<string, { id: number; path: string; name: string }>();
  const touched: string[] = [];
  const rows: (NewOrg & { established_on: string })[] = [];
  const parentName = new Map<number, string>();
  for (const c of plan.creates) {
    const parent = 'existing' in c.parent ? c.parent.existing : created.get(c.parent.code)!;
    const id = await nextOrgId(trx);
    const path = `${parent.path}.${id}`;
    created.set(c.code, { id, path, name: c.attrs.name });
    parentName.set(id, parent.name);
    rows.push({ id, parent_id: parent.id, path, code: c.code, short_name: null, joint_type: null, ...c.attrs, established_on: c.establishedOn });
    touched.push(path);
  }
  let done = 0;
  try {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await trx.insertInto('organizations').values(batch).execute();
      done += batch.length;
      onProgress(done);
    }
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_code_key')) throw new ConcurrentChange();
    throw err;
  }
  // History as operations.service create records it: a first version from the founding date, an event.
  const byDate = new Map<string, number[]>();
  for (const r of rows) byDate.set(r.established_on, [...(byDate.get(r.established_on) ?? []), r.id]);
  for (const [d, ids] of byDate) await history.snapshotVersions(trx, { ids }, d);
  for (const r of rows) await history.recordEvent(trx, { orgId: r.id, kind: 'establish', effectiveOn: r.established_on, summary: `成立，隶属${parentName.get(r.id)}`, actorName });

  // Changed organizations, as operations.service update records them (effective today).
  for (const u of plan.updates) {
    const fresh = await trx.selectFrom('organizations').select(['name', 'kind', 'level', 'domain', 'division_code', 'urban_rural', 'status']).where('id', '=', u.org.id).forUpdate().executeTakeFirst();
    if (!fresh || fresh.status !== 'active' || ATTR_KEYS.some((k) => fresh[k] !== u.org[k])) throw new ConcurrentChange();
    const patch = Object.fromEntries(ATTR_KEYS.filter((k) => u.attrs[k] !== u.org[k]).map((k) => [k, u.attrs[k]])) as Partial<OrgAttrs>;
    await updateOrg(trx, u.org.id, patch);
    await history.snapshotVersions(trx, { ids: [u.org.id] }, today);
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, u.org[k as keyof OrgAttrs]]));
    const renamed = patch.name !== undefined;
    await history.recordEvent(trx, {
      orgId: u.org.id,
      kind: renamed ? 'rename' : 'update',
      effectiveOn: today,
      summary: renamed ? `更名：${u.org.name} → ${patch.name}` : `修改：${Object.keys(patch).join('、')}`,
      details: { before, after: patch, source: 'import', jobId: env.jobId },
      actorName,
    });
    touched.push(u.org.path);
    done++;
    onProgress(done);
  }
  const counts = { created: rows.length, updated: plan.updates.length, unchanged: plan.unchanged };
  await appendAudit(trx, who, {
    action: 'org.import',
    entity: 'import_job',
    entityId: env.jobId,
    scopePath: commonPath(touched) ?? (who.scope.kind === 'all' ? null : who.scope.path),
    after: { file: env.fileName, sha256: env.sha256, rows: counts.created + counts.updated + counts.unchanged, ...counts, codes: rows.slice(0, 50).map((r) => r.code) },
  });
  return counts;
}
