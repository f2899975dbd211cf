import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The demo's two focus townships: the module demos that feed the 五个好 assessment (民主评议,
 * 设岗定责 and 记实) cover every branch under them, and the assessment demo assesses their villages,
 * so a village's sheet is computed from a full year of records rather than from a module's
 * scattered sample (decision 0023). Towns (镇) with villages are preferred, the smallest first to
 * keep the first start short; a region without towns falls back to its first townships.
 */
export async function demoFocusTownships(db: Kysely<DB>): Promise<{ id: number; path: string; name: string }[]> {
  const r = await sql<{ id: number; path: string; name: string }>`
    select t.id, t.path::text as path, t.name from organizations t
    where t.level = 'township' and t.status = 'active'
    order by (t.name like '%镇%') desc, (select count(*) from organizations v where v.parent_id = t.id and v.status = 'active'), t.path
    limit 2`.execute(db);
  return r.rows;
}
