import type { Transaction } from 'kysely';
import { pathInScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { idBirthDate, idNumberProblem, maskIdNumber } from '../../lib/idcard.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { memberProblems } from '../members/validation.ts';
import { EXAMPLE_MARK, MEMBER_COLUMNS, cellText, isBlank, mapHeader, readField, type CellProblem, type MemberColumnKey, type Raw } from './excel.ts';
import * as repo from './imports.repository.ts';
import type { SheetRow } from './reader.ts';
import { BATCH, ConcurrentChange, MAX_ROWS, addProblem, commonPath, type ApplyCounts, type ImportEnv, type Validation } from './types.ts';
import { isUniqueViolation } from '../../server/errors.ts';

// Member import: validate every row (fields, registry rules, duplicates in the file and in the
// database, organization codes in scope), then — only if all rows are valid — write everything
// in one transaction: multi-row INSERTs for new members (with their membership periods),
// UPDATEs only where something changed, and one audit entry for the whole file.

type Problem = CellProblem<MemberColumnKey>;

interface NewMember {
  values: repo.MemberValues;
  idNumber: string;
  hash: string;
}

export interface MemberPlan {
  inserts: NewMember[];
  updates: { id: number; version: string; values: repo.MemberValues }[];
  unchanged: number;
  /** Organizations the file touches (for the audit entry's scope). */
  orgPaths: Set<string>;
}

interface Pending {
  rowNumber: number;
  raw: Raw[];
  problems: Problem[];
  f: Partial<Record<MemberColumnKey, string | null>>;
  idNumber: string | null;
  hash: string | null;
}

/** The registry's value for each field from a valid row. */
function toValues(p: Pending, orgId: number): repo.MemberValues {
  const f = p.f;
  return {
    org_id: orgId,
    name: f.name!,
    gender: f.gender!,
    ethnicity: f.ethnicity ?? '汉族',
    birth_date: idBirthDate(p.idNumber!),
    education: f.education!,
    category: f.category!,
    work_unit: f.workUnit ?? null,
    post: f.post ?? null,
    joined_on: f.joinedOn!,
    full_member_on: f.fullMemberOn ?? null,
    status: f.fullMemberOn ? 'full' : 'probationary',
    phone: f.phone ?? null,
    household: f.household ?? 'rural',
    household_register: f.householdRegister ?? null,
    address: f.address ?? null,
    is_mobile: f.isMobile === 'true',
  };
}

const same = (a: repo.MemberValues, b: repo.MemberValues) => repo.MEMBER_FIELDS.every((k) => a[k] === b[k]);

export async function validateMembers(env: ImportEnv, rows: AsyncIterable<SheetRow>, estimatedRows: number | null): Promise<Validation<MemberPlan>> {
  const { db, cipher, who } = env;
  const today = todayCN();
  const errors: Validation<MemberPlan>['errors'] = new Map();
  const fileProblems: CellProblem[] = [];
  const plan: MemberPlan = { inserts: [], updates: [], unchanged: 0, orgPaths: new Set() };
  const orgCache = new Map<string, repo.OrgRef | null>();
  const seen = new Map<string, { row: number; dup: Problem | null }>();
  let header: ReturnType<typeof mapHeader<MemberColumnKey>> | null = null;
  let rowsTotal = 0;
  let processed = 0;
  let pending: Pending[] = [];
  const total = estimatedRows === null ? null : Math.max(estimatedRows - 1, 0);

  const resolve = async (batch: Pending[]) => {
    const codes = [...new Set(batch.map((p) => p.f.orgCode).filter((c): c is string => !!c && !orgCache.has(c)))];
    for (const o of await repo.orgsByCodes(db, codes)) orgCache.set(o.code, o);
    for (const c of codes) if (!orgCache.has(c)) orgCache.set(c, null);
    const holders = new Map((await repo.membersByHashes(db, batch.flatMap((p) => (p.hash ? [p.hash] : [])))).map((h) => [h.id_number_hash, h]));
    for (const p of batch) {
      let org: repo.OrgRef | null = null;
      if (p.f.orgCode) {
        const o = orgCache.get(p.f.orgCode) ?? null;
        if (!o || !pathInScope(who.scope, o.path)) p.problems.push({ column: 'orgCode', key: 'import.orgUnknown', params: { code: p.f.orgCode } });
        else if (o.status !== 'active') p.problems.push({ column: 'orgCode', key: 'import.orgDissolved', params: { code: p.f.orgCode } });
        else org = o;
      }
      const holder = p.hash ? holders.get(p.hash) : undefined;
      if (holder) {
        if (!pathInScope(who.scope, holder.org_path)) p.problems.push({ column: 'idNumber', key: 'import.idNumberOutsideScope' });
        else if (holder.left_on) p.problems.push({ column: 'idNumber', key: 'import.memberLeft' });
        else if (org && holder.org_id !== org.id) p.problems.push({ column: 'orgCode', key: 'import.memberInOtherOrg', params: { org: holder.org_name, code: holder.org_code } });
      }
      const e = errors.get(p.rowNumber);
      if (e) {
        // A later row with the same ID number already named this one: keep that note last.
        e.problems.unshift(...p.problems);
        e.raw = p.raw;
        continue;
      }
      if (p.problems.length) {
        errors.set(p.rowNumber, { problems: p.problems, raw: p.raw });
        continue;
      }
      if (errors.size || fileProblems.length) continue; // rejected anyway: stop collecting the plan
      const values = toValues(p, org!.id);
      plan.orgPaths.add(org!.path);
      if (!holder) plan.inserts.push({ values, idNumber: p.idNumber!, hash: p.hash! });
      else if (same(values, holder)) plan.unchanged++;
      else plan.updates.push({ id: holder.id, version: holder.version, values });
    }
    processed += batch.length;
    env.progress(processed, total);
  };

  for await (const { rowNumber, values } of rows) {
    if (!header) {
      header = mapHeader(MEMBER_COLUMNS, values);
      if (header.missing.length) {
        fileProblems.push({ column: 'file', key: 'import.missingColumns', params: { columns: header.missing.map((c) => c.header).join('、') } });
        break;
      }
      continue;
    }
    const idx = header.index;
    const cells = MEMBER_COLUMNS.map((c) => (idx[c.key] === undefined ? null : (values[idx[c.key]!] ?? null)));
    const firstFilled = cells.find((v) => !isBlank(v));
    if (firstFilled === undefined) continue;
    if (cellText(firstFilled ?? null).startsWith(EXAMPLE_MARK)) continue;
    if (++rowsTotal > MAX_ROWS) {
      fileProblems.push({ column: 'file', key: 'import.tooManyRows', params: { max: MAX_ROWS } });
      break;
    }
    const problems: Problem[] = [];
    const f: Pending['f'] = {};
    MEMBER_COLUMNS.forEach((c, i) => (f[c.key] = readField(c, cells[i] ?? null, problems)));
    let hash: string | null = null;
    const idNumber = f.idNumber ?? null;
    if (idNumber && !problems.some((p) => p.column === 'idNumber')) {
      if (f.gender && f.joinedOn && !problems.some((p) => p.column === 'birthDate' || p.column === 'fullMemberOn')) {
        for (const rp of memberProblems({ idNumber, gender: f.gender as 'male' | 'female', birthDate: f.birthDate ?? null, joinedOn: f.joinedOn, fullMemberOn: f.fullMemberOn ?? null }, today)) {
          problems.push({ column: rp.field as MemberColumnKey, key: rp.key, ...(rp.params && { params: rp.params }) });
        }
      } else {
        const idp = idNumberProblem(idNumber);
        if (idp) problems.push({ column: 'idNumber', key: `idNumber.${idp}` });
      }
      if (idNumberProblem(idNumber) !== 'format') {
        hash = cipher.lookupHash(idNumber);
        const first = seen.get(hash);
        if (first) {
          problems.push({ column: 'idNumber', key: 'import.duplicateInFile', params: { rows: first.row } });
          // Name the later row on the first one too.
          if (first.dup) first.dup.params = { rows: `${first.dup.params!.rows}、${rowNumber}` };
          else {
            first.dup = { column: 'idNumber', key: 'import.duplicateInFile', params: { rows: String(rowNumber) } };
            addProblem(errors, first.row, first.dup);
          }
          hash = null; // the first row alone stands for this number in the database check
        } else seen.set(hash, { row: rowNumber, dup: null });
      }
    }
    pending.push({ rowNumber, raw: values, problems, f, idNumber, hash });
    if (pending.length >= BATCH * 2) {
      await resolve(pending);
      pending = [];
    }
  }
  if (pending.length) await resolve(pending);
  if (!header) fileProblems.push({ column: 'file', key: 'import.noRows' });
  else if (rowsTotal === 0 && !fileProblems.length) fileProblems.push({ column: 'file', key: 'import.noRows' });
  const rejected = errors.size > 0 || fileProblems.length > 0;
  return { headers: header?.headers ?? [], rowsTotal, errors, fileProblems, plan: rejected ? null : plan };
}

/** Write a validated plan inside the caller's transaction; one audit entry for the file. */
export async function applyMembers(env: ImportEnv, trx: Transaction<DB>, plan: MemberPlan, onProgress: (done: number) => void): Promise<ApplyCounts> {
  const { cipher, who } = env;
  await repo.lockImports(trx);
  let done = 0;
  for (let i = 0; i < plan.updates.length; i += BATCH) {
    const batch = plan.updates.slice(i, i + BATCH);
    if ((await repo.updateMembers(trx, batch)) !== batch.length) throw new ConcurrentChange();
    done += batch.length;
    onProgress(done);
  }
  // Inserts travel as column arrays (no parameter limit), so a batch can be larger.
  const INSERT_BATCH = BATCH * 5;
  for (let i = 0; i < plan.inserts.length; i += INSERT_BATCH) {
    const rows: repo.MemberInsert[] = plan.inserts.slice(i, i + INSERT_BATCH).map((m) => ({
      ...m.values,
      id_number_cipher: cipher.encrypt(m.idNumber),
      id_number_hash: m.hash,
      id_number_masked: maskIdNumber(m.idNumber),
    }));
    try {
      await repo.insertMembersWithPeriods(trx, rows);
    } catch (err) {
      if (isUniqueViolation(err, 'members_id_number_hash_key')) throw new ConcurrentChange();
      throw err;
    }
    done += rows.length;
    onProgress(done);
  }
  const counts = { created: plan.inserts.length, updated: plan.updates.length, unchanged: plan.unchanged };
  await appendAudit(trx, who, {
    action: 'member.import',
    entity: 'import_job',
    entityId: env.jobId,
    scopePath: commonPath(plan.orgPaths) ?? (who.scope.kind === 'all' ? null : who.scope.path),
    after: { file: env.fileName, sha256: env.sha256, rows: counts.created + counts.updated + counts.unchanged, ...counts },
  });
  return counts;
}
