import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, ImportJobStatus, ImportJobTable } from '../../db/schema.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const RUNNING: ImportJobStatus[] = ['queued', 'validating', 'applying'];
/** A running job whose node has not written a heartbeat for this long is taken as dead. */
export const STALE_AFTER_MS = 2 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Jobs

export async function insertJob(db: Db, job: Insertable<ImportJobTable>) {
  await db.insertInto('import_jobs').values(job).execute();
}

const jobColumns = [
  'id', 'kind', 'status', 'file_name', 'file_sha256', 'file_size', 'created_by', 'created_by_name', 'scope_path', 'node',
  'rows_total', 'rows_processed', 'created_count', 'updated_count', 'unchanged_count', 'error_count', 'error_sample', 'message',
  'created_at', 'started_at', 'finished_at', 'heartbeat_at',
] as const;

/**
 * A job if the caller may see it: their own, or one whose scope lies inside the caller's scope
 * (a job of the whole tree, scope null, only for the whole-tree scope).
 */
export async function findVisibleJob(db: Db, scope: Scope, userId: number, id: string) {
  return visibleJobs(db, scope, userId).where('id', '=', id).executeTakeFirst();
}

function visibleJobs(db: Db, scope: Scope, userId: number) {
  const q = db.selectFrom('import_jobs').select(jobColumns).select(sql<boolean>`error_report is not null`.as('has_report'));
  if (scope.kind === 'subtree') return q.where((eb) => eb.or([eb('created_by', '=', userId), sql<boolean>`scope_path is not null and scope_path <@ ${scope.path}::ltree`]));
  if (scope.kind === 'self') return q.where('created_by', '=', userId);
  return q;
}

/** The newest jobs the caller may see (same rule as findVisibleJob), without their error samples. */
export async function listVisibleJobs(db: Db, scope: Scope, userId: number, limit: number) {
  return visibleJobs(db, scope, userId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function findJobReport(db: Db, id: string) {
  return db.selectFrom('import_jobs').select(['error_report', 'file_name', 'created_by']).where('id', '=', id).executeTakeFirst();
}

/** Progress and phase; never touches a job that has already ended. */
export async function updateRunningJob(db: Db, id: string, patch: { status?: ImportJobStatus; rows_total?: number | null; rows_processed?: number; node?: string; started_at?: Date }) {
  await db
    .updateTable('import_jobs')
    .set({ ...patch, heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}

export async function finishJob(
  db: Db,
  id: string,
  r: { status: 'done' | 'rejected' | 'failed'; rows_total?: number | null; rows_processed?: number; created_count?: number; updated_count?: number; unchanged_count?: number; error_count?: number; error_sample?: unknown; error_report?: Uint8Array | null; message?: string | null },
) {
  const { error_sample, ...rest } = r;
  await db
    .updateTable('import_jobs')
    .set({ ...rest, ...(error_sample !== undefined && { error_sample: sql`${JSON.stringify(error_sample)}::jsonb` }), finished_at: sql`now()`, heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}

/** Running jobs without a heartbeat for over STALE_AFTER_MS: their node died. Marks them failed. */
export async function failStaleJobs(db: Db, message: string) {
  const r = await db
    .updateTable('import_jobs')
    .set({ status: 'failed', message, finished_at: sql`now()` })
    .where('status', 'in', RUNNING)
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${STALE_AFTER_MS / 1000})`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Look-ups for validation

export interface OrgRef {
  id: number;
  code: string;
  name: string;
  path: string;
  status: string;
  parent_id: number | null;
  kind: string;
  level: string;
  domain: string;
  division_code: string | null;
  urban_rural: string | null;
  established_on: string | null;
}

/** Organizations by code, whatever the scope (the caller decides what may be used or shown). */
export async function orgsByCodes(db: Db, codes: string[]): Promise<OrgRef[]> {
  if (codes.length === 0) return [];
  const r = await sql<OrgRef>`
    select id, code, name, path::text as path, status, parent_id, kind, level, domain, division_code, urban_rural, established_on
    from organizations where code = any(${sql.val(codes)}::text[])`.execute(db);
  return r.rows;
}

export async function orgsByIds(db: Db, ids: number[]): Promise<OrgRef[]> {
  if (ids.length === 0) return [];
  const r = await sql<OrgRef>`
    select id, code, name, path::text as path, status, parent_id, kind, level, domain, division_code, urban_rural, established_on
    from organizations where id = any(${sql.val(ids)}::int[])`.execute(db);
  return r.rows;
}

/** The member columns an import sets (besides the ID number, which is the key). */
export const MEMBER_FIELDS = [
  'org_id', 'name', 'gender', 'ethnicity', 'birth_date', 'education', 'category', 'work_unit', 'post', 'joined_on', 'full_member_on', 'status',
  'phone', 'household', 'household_register', 'address', 'is_mobile',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];
export type MemberValues = { [K in MemberField]: K extends 'org_id' ? number : K extends 'is_mobile' ? boolean : K extends 'work_unit' | 'post' | 'full_member_on' | 'phone' | 'household_register' | 'address' ? string | null : string };

export interface MemberHolder extends MemberValues {
  id: number;
  id_number_hash: string;
  left_on: string | null;
  /** updated_at as text (full precision), to detect a change between validation and writing. */
  version: string;
  org_path: string;
  org_name: string;
  org_code: string;
}

/** Members holding these ID-number hashes, anywhere in the tree. */
export async function membersByHashes(db: Db, hashes: string[]): Promise<MemberHolder[]> {
  if (hashes.length === 0) return [];
  const r = await sql<MemberHolder>`
    select m.id, m.id_number_hash, m.left_on, m.updated_at::text as version,
      m.org_id, m.name, m.gender, m.ethnicity, m.birth_date, m.education, m.category, m.work_unit, m.post, m.joined_on, m.full_member_on, m.status,
      m.phone, m.household, m.household_register, m.address, m.is_mobile,
      o.path::text as org_path, o.name as org_name, o.code as org_code
    from members m join organizations o on o.id = m.org_id
    where m.id_number_hash = any(${sql.val(hashes)}::text[])`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------------
// Bulk writes (inside the import's transaction)

const CAST: Record<MemberField, string> = {
  org_id: 'int',
  name: 'text',
  gender: 'text',
  ethnicity: 'text',
  birth_date: 'date',
  education: 'text',
  category: 'text',
  work_unit: 'text',
  post: 'text',
  joined_on: 'date',
  full_member_on: 'date',
  status: 'text',
  phone: 'text',
  household: 'text',
  household_register: 'text',
  address: 'text',
  is_mobile: 'boolean',
};

export type MemberInsert = MemberValues & { id_number_cipher: string; id_number_hash: string; id_number_masked: string };
const INSERT_COLUMNS = [...MEMBER_FIELDS, 'id_number_cipher', 'id_number_hash', 'id_number_masked'] as const;
const INSERT_CAST: Record<(typeof INSERT_COLUMNS)[number], string> = { ...CAST, id_number_cipher: 'text', id_number_hash: 'text', id_number_masked: 'text' };

/**
 * Insert members and open their membership periods in one statement, each period from the
 * joining day or the organization's founding if later (as registration does). The rows travel as
 * one array parameter per column (`unnest`), so a batch of any size is parsed and planned once
 * (a multi-row VALUES list needs 20 parameters per row).
 */
export async function insertMembersWithPeriods(trx: Transaction<DB>, rows: MemberInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const arrays = INSERT_COLUMNS.map((c) => sql`${sql.val(rows.map((r) => r[c] ?? null))}::${sql.raw(INSERT_CAST[c])}[]`);
  const r = await sql`
    with ins as (
      insert into members (${sql.join(INSERT_COLUMNS.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(arrays)})
      returning id, org_id, joined_on
    )
    insert into member_periods (member_id, org_id, valid_from)
    select ins.id, ins.org_id, greatest(ins.joined_on, o.established_on) from ins join organizations o on o.id = ins.org_id`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Update members from a VALUES list in one statement, each only if it has not changed since it
 * was read (its updated_at); returns how many rows were updated.
 */
export async function updateMembers(trx: Transaction<DB>, rows: { id: number; version: string; values: MemberValues }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const fields = MEMBER_FIELDS.filter((f) => f !== 'org_id');
  const tuples = rows.map((r) => sql`(${sql.join([sql`${r.id}::int`, sql`${r.version}::timestamptz`, ...fields.map((f) => sql`${r.values[f]}::${sql.raw(CAST[f])}`)])})`);
  const r = await sql`
    update members as m set ${sql.join(fields.map((f) => sql`${sql.ref(f)} = v.${sql.ref(f)}`))}, updated_at = now()
    from (values ${sql.join(tuples)}) as v(id, version, ${sql.join(fields.map((f) => sql.ref(f)))})
    where m.id = v.id and m.updated_at = v.version`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Serializes imports across nodes (two files naming the same new person must not both insert). */
export async function lockImports(trx: Transaction<DB>) {
  await sql`select pg_advisory_xact_lock(7270002)`.execute(trx);
}
