import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { maskIdNumber } from '../../src/lib/idcard.ts';
import { hashPassword } from '../../src/lib/password.ts';
import type { FieldCipher } from '../../src/lib/secrets.ts';
import { appendAudit } from '../../src/modules/audit/audit.repository.ts';
import type { Role } from '../../src/server/context.ts';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';

export interface FactoryCtx {
  db: Kysely<DB>;
  cipher: FieldCipher;
}

export interface TestOrg {
  id: number;
  path: string;
  code: string;
  name: string;
  parentId: number | null;
}

export interface TestMember {
  id: number;
  orgId: number;
  name: string;
  idNumber: string;
  idNumberMasked: string;
  birthDate: string;
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  orgId: number;
}

export const DEFAULT_PASSWORD = 'Test-Passw0rd-2026';

const SYSTEM = { actor: { userId: null, username: 'system' }, requestId: null, ip: null };
let serial = 0;
const next = () => ++serial;

/** Insert an organization under `parent` (or a root), recording an audit entry like the API would. */
export async function insertOrg(
  ctx: FactoryCtx,
  parent: TestOrg | null,
  f: { code: string; name: string; kind?: string; level?: string; domain?: string },
): Promise<TestOrg> {
  return ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('organizations', 'id'))::int as id`.execute(trx);
    const id = rows[0]!.id;
    const path = parent ? `${parent.path}.${id}` : String(id);
    const row = {
      id,
      parent_id: parent?.id ?? null,
      path,
      code: f.code,
      name: f.name,
      kind: f.kind ?? 'branch',
      level: f.level ?? 'unit',
      domain: f.domain ?? 'other',
      short_name: null,
      division_code: null,
      urban_rural: null,
      established_on: null,
    };
    await trx.insertInto('organizations').values(row).execute();
    await appendAudit(trx, SYSTEM, { action: 'org.create', entity: 'organization', entityId: id, scopePath: path, after: row });
    return { id, path, code: f.code, name: f.name, parentId: parent?.id ?? null };
  });
}

/** Insert a member with a checksum-valid synthetic ID number, encrypted with the server's cipher. */
export async function insertMember(
  ctx: FactoryCtx,
  org: TestOrg,
  f: { name: string; region6?: string; birthDate?: string; gender?: 'male' | 'female' },
): Promise<TestMember> {
  const gender = f.gender ?? 'male';
  const birthDate = f.birthDate ?? `19${60 + (serial % 30)}-0${1 + (serial % 9)}-1${serial % 10}`;
  const idNumber = fakeIdNumber(f.region6 ?? '330402', birthDate, gender, next() * 7);
  const masked = maskIdNumber(idNumber);
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('members')
      .values({
        org_id: org.id,
        name: f.name,
        gender,
        birth_date: birthDate,
        id_number_cipher: ctx.cipher.encrypt(idNumber),
        id_number_hash: ctx.cipher.lookupHash(idNumber),
        id_number_masked: masked,
        education: 'bachelor',
        category: 'farmer',
        joined_on: '2001-07-01',
        full_member_on: '2002-07-01',
        status: 'full',
        phone: '13800000000',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, SYSTEM, { action: 'member.create', entity: 'member', entityId: id, scopePath: org.path, after: { name: f.name, orgId: org.id } });
    return { id, orgId: org.id, name: f.name, idNumber, idNumberMasked: masked, birthDate };
  });
}

const hashes = new Map<string, Promise<string>>();
/** scrypt is slow on purpose; tests reuse one hash per distinct password. */
export function cachedHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
}

/** A user who can sign in at once (no pending password change unless asked). */
export async function makeUser(
  ctx: FactoryCtx,
  role: Role,
  orgId: number,
  password = DEFAULT_PASSWORD,
  opts: { mustChangePassword?: boolean; memberId?: number | null; prefix?: string } = {},
): Promise<TestUser> {
  const username = `${opts.prefix ?? 'u'}_${role}_${next()}`;
  const { id } = await ctx.db
    .insertInto('users')
    .values({
      username,
      display_name: `测试${role}`,
      password_hash: await cachedHash(password),
      role,
      org_id: orgId,
      member_id: opts.memberId ?? null,
      must_change_password: opts.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, username, password, role, orgId };
}

export interface SubTree {
  township: TestOrg;
  village: TestOrg;
  branch: TestOrg;
  orgs: TestOrg[];
  members: TestMember[];
  /** The village committee as a unit, a regional alliance led by the township, a household linked to a member. */
  unit: { id: number; name: string };
  alliance: { id: number; name: string };
  household: { id: number; name: string };
}

export interface OrgTree {
  root: TestOrg;
  a: SubTree;
  b: SubTree;
}

/**
 * root county → townships A and B → one village under each → one branch under each, with
 * members in every village and branch. A's names carry 甲 and codes TA…, B's carry 乙 and TB…,
 * so neither side's names or codes occur inside the other's.
 */
export async function makeOrgTree(ctx: FactoryCtx): Promise<OrgTree> {
  const n = next();
  const root = await insertOrg(ctx, null, { code: `TROOT${n}`, name: `中共测试县${n}委员会`, kind: 'committee', level: 'county', domain: 'local' });
  async function side(letter: 'A' | 'B', mark: string, region6: string): Promise<SubTree> {
    const township = await insertOrg(ctx, root, { code: `T${letter}${n}-TWN`, name: `中共${mark}溪镇委员会`, kind: 'committee', level: 'township', domain: 'local' });
    const village = await insertOrg(ctx, township, { code: `T${letter}${n}-VIL`, name: `中共${mark}溪镇松${mark}村委员会`, kind: 'general_branch', level: 'village', domain: 'rural' });
    const branch = await insertOrg(ctx, village, { code: `T${letter}${n}-BR`, name: `中共松${mark}村第一${mark}支部委员会`, kind: 'branch', level: 'grid', domain: 'rural' });
    const members = [
      await insertMember(ctx, village, { name: `${mark}明远`, region6, gender: 'male' }),
      await insertMember(ctx, village, { name: `${mark}晓燕`, region6, gender: 'female' }),
      await insertMember(ctx, branch, { name: `${mark}建国`, region6, gender: 'male' }),
      await insertMember(ctx, branch, { name: `${mark}秀英`, region6, gender: 'female' }),
    ];
    const extras = await insertExtras(ctx, { township, village, mark, code: `T${letter}${n}`, memberId: members[0]!.id });
    return { township, village, branch, orgs: [township, village, branch], members, ...extras };
  }
  const a = await side('A', '甲', '110101');
  const b = await side('B', '乙', '120101');
  return { root, a, b };
}

/** A unit (linked to the village org), an alliance of the township with that unit, and a household. */
async function insertExtras(ctx: FactoryCtx, x: { township: TestOrg; village: TestOrg; mark: string; code: string; memberId: number }) {
  const unitName = `${x.mark}溪镇松${x.mark}村民委员会`;
  const allianceName = `${x.mark}溪镇区域化党建联席会议`;
  const head = `${x.mark}大伯`;
  const unit = await ctx.db.insertInto('units').values({ code: `${x.code}-U`, name: unitName, kind: 'village', org_id: x.village.id }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('organization_units').values({ org_id: x.village.id, unit_id: unit.id, is_primary: true }).execute();
  const alliance = await ctx.db.insertInto('alliances').values({ kind: 'joint_meeting', name: allianceName, org_id: x.township.id, established_on: '2020-01-01' }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('alliance_members').values({ alliance_id: alliance.id, unit_id: unit.id, role: 'lead', joined_on: '2020-01-01' }).execute();
  const household = await ctx.db.insertInto('households').values({ org_id: x.village.id, head_name: head, size: 4 }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('member_households').values({ member_id: x.memberId, household_id: household.id, since: '2021-01-01' }).execute();
  return { unit: { id: unit.id, name: unitName }, alliance: { id: alliance.id, name: allianceName }, household: { id: household.id, name: head } };
}

/** Strings that identify subtree A; none may appear in anything shown to a user scoped to B. */
export function secretMarkers(tree: OrgTree, aUsers: TestUser[] = []): string[] {
  return [
    ...tree.a.orgs.flatMap((o) => [o.name, o.code]),
    ...tree.a.members.flatMap((m) => [m.name, m.idNumber, m.idNumberMasked]),
    tree.a.unit.name,
    tree.a.alliance.name,
    tree.a.household.name,
    ...aUsers.map((u) => u.username),
  ];
}
