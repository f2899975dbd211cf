import { sql, type Kysely } from 'kysely';

// Excel import jobs. The upload is validated and applied in the background on the node that
// received it; progress, counts and the per-row error workbook live here so that any node can
// answer "how far is it" and hand out the error report. `heartbeat_at` lets a reader mark a job
// whose node died as failed instead of showing it as running forever.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_jobs (
      id uuid primary key,
      kind text not null check (kind in ('members', 'orgs')),
      status text not null default 'queued' check (status in ('queued', 'validating', 'applying', 'done', 'rejected', 'failed')),
      file_name text not null,
      file_sha256 text not null,
      file_size bigint not null,
      -- null when run from the command line without --as
      created_by integer references users(id) deferrable initially immediate,
      created_by_name text not null,
      -- the importer's scope (null = the whole tree): who else may see the job
      scope_path ltree,
      node text,
      rows_total integer,
      rows_processed integer not null default 0,
      created_count integer not null default 0,
      updated_count integer not null default 0,
      unchanged_count integer not null default 0,
      error_count integer not null default 0,
      -- the first problems, structured (row, column, message key, params) for the screen
      error_sample jsonb,
      -- the per-row error workbook (.xlsx), when rejected
      error_report bytea,
      message text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      heartbeat_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index import_jobs_creator on import_jobs (created_by, created_at desc)`.execute(db);
  await sql`create index import_jobs_scope on import_jobs using gist (scope_path)`.execute(db);
  await sql`create index import_jobs_running on import_jobs (heartbeat_at) where status in ('queued', 'validating', 'applying')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists import_jobs`.execute(db);
}
