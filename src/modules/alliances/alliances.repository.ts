import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Alliances led by an organization inside the scope. */
function scoped(db: Db, scope: Scope) {
  return db.selectFrom('alliances as a').innerJoin('organizations as o', 'o.id', 'a.org_id').where(orgPathInScope(scope, 'o.path'));
}

const columns = [
  'a.id',
  'a.kind',
  'a.name',
  'a.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'a.established_on',
  'a.agreement',
  sql<number>`(select count(*) from alliance_members am where am.alliance_id = a.id)`.as('unit_count'),
  sql<number>`(select count(*) from alliance_meetings mt where mt.alliance_id = a.id)`.as('meeting_count'),
] as const;

export async function listAlliances(db: Db, scope: Scope, subtreePath: string | undefined) {
  let q = scoped(db, scope).select(columns);
  if (subtreePath) q = q.where(sql<boolean>`o.path <@ ${subtreePath}::ltree`);
  return q.orderBy('a.id').execute();
}

export async function findAlliance(db: Db, scope: Scope, id: number) {
  return scoped(db, scope).select(columns).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAlliance(db: Db, a: { kind: string; name: string; orgId: number; establishedOn: string; agreement: string | null }) {
  return db.insertInto('alliances').values({ kind: a.kind, name: a.name, org_id: a.orgId, established_on: a.establishedOn, agreement: a.agreement }).returning('id').executeTakeFirstOrThrow();
}

export async function listMembers(db: Db, allianceId: number) {
  return db
    .selectFrom('alliance_members as am')
    .innerJoin('units as u', 'u.id', 'am.unit_id')
    .select(['u.id as unit_id', 'u.name', 'u.kind', 'am.role', 'am.joined_on'])
    .where('am.alliance_id', '=', allianceId)
    .orderBy('am.role')
    .orderBy('u.id')
    .execute();
}

export async function addMember(db: Db, allianceId: number, unitId: number, role: string, joinedOn: string) {
  await db
    .insertInto('alliance_members')
    .values({ alliance_id: allianceId, unit_id: unitId, role, joined_on: joinedOn })
    .onConflict((oc) => oc.columns(['alliance_id', 'unit_id']).doUpdateSet({ role, joined_on: joinedOn }))
    .execute();
}

export async function listMeetings(db: Db, allianceId: number) {
  return db.selectFrom('alliance_meetings').select(['id', 'held_on', 'title', 'summary', 'attendees']).where('alliance_id', '=', allianceId).orderBy('held_on', 'desc').execute();
}

export async function insertMeeting(db: Db, m: { allianceId: number; heldOn: string; title: string; summary: string | null; attendees: number | null }) {
  return db.insertInto('alliance_meetings').values({ alliance_id: m.allianceId, held_on: m.heldOn, title: m.title, summary: m.summary, attendees: m.attendees }).returning('id').executeTakeFirstOrThrow();
}
