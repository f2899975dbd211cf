import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { FieldCipher } from '../lib/secrets.ts';
import { appendAudit } from '../modules/audit/audit.repository.ts';
import { countiesOf, findDivision, townshipsOf, villagesOf, type Division } from './division.ts';
import { synthesizeMembers, type MemberSlot } from './members.ts';
import { isoDate, prng, type Rng } from './synthetic.ts';

// Builds the organization skeleton of a real county or city from the NBS division list:
// county committee → township committees / street working committees → village and community
// organizations (branch, general branch or committee by size, with grid/sub-branches), plus
// organ, enterprise and school systems, and N deterministic synthetic members.

interface PlannedOrg {
  parent: number | null;
  code: string;
  name: string;
  kind: string;
  level: string;
  domain: string;
  division_code: string | null;
  urban_rural: string | null;
  /** Members to place directly in this organization. */
  members: number;
  memberProfile: MemberSlot['profile'];
  /** The unit (village committee, organ, company, school) the organization is set up in. */
  unit?: { kind: string; name: string };
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const shortVillage = (n: string) => n.replace(/(村民委员会|村委会)$/, '村').replace(/(居民委员会|居委会)$/, '');
const isCommunity = (n: string) => /社区|居委会|居民委员会/.test(n);

function townshipOrg(t: Division, countyFull: string): Pick<PlannedOrg, 'name' | 'kind'> {
  if (t.name.endsWith('街道')) return { name: `中共${countyFull}${t.name}工作委员会`, kind: 'working_committee' };
  return { name: `中共${countyFull}${t.name}委员会`, kind: 'committee' };
}

/** Split n into parts by random weights (deterministic). */
function split(rng: Rng, n: number, parts: number): number[] {
  const w = Array.from({ length: parts }, () => 0.5 + rng.next());
  const total = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((n * x) / total));
  out[0]! += n - out.reduce((a, b) => a + b, 0);
  return out;
}

function planVillage(plan: PlannedOrg[], rng: Rng, v: Division, parent: number, streetTown: boolean, members: number) {
  const community = isCommunity(v.name);
  const name = shortVillage(v.name);
  const base = {
    code: v.code,
    level: 'village',
    domain: community ? 'community' : 'rural',
    division_code: v.code,
    urban_rural: community ? (streetTown ? 'main_urban' : 'town_center') : 'village',
    memberProfile: (community ? 'community' : 'rural') as MemberSlot['profile'],
  };
  const unit = { kind: community ? 'community' : 'village', name: v.name };
  if (members < 50) {
    plan.push({ ...base, parent, name: `中共${name}支部委员会`, kind: 'branch', members, unit });
    return;
  }
  const big = members >= 100;
  const idx = plan.push({ ...base, parent, name: big ? `中共${name}委员会` : `中共${name}总支部委员会`, kind: big ? 'committee' : 'general_branch', members: 0, unit }) - 1;
  const subs = big ? Math.min(CN_NUM.length, Math.ceil(members / 40)) : rng.int(2, 3);
  split(rng, members, subs).forEach((m, i) =>
    plan.push({
      ...base,
      parent: idx,
      code: `${v.code}${String(i + 1).padStart(2, '0')}`,
      name: community ? `中共${name}第${CN_NUM[i]}网格支部委员会` : `中共${name}第${CN_NUM[i]}支部委员会`,
      kind: 'branch',
      level: 'grid',
      members: m,
    }),
  );
}

const ORGANS = ['区委办公室', '区政府办公室', '区委组织部', '区财政局', '区教育局', '区农业农村局', '区卫生健康局', '区民政局'];
const ENTERPRISES: [string, string][] = [
  ['科技有限公司', 'non_public'],
  ['农业发展有限公司', 'leading_enterprise'],
  ['果蔬专业合作社', 'cooperative'],
  ['物流行业协会', 'trade_association'],
  ['智能制造有限公司', 'non_public'],
  ['粮油专业合作社', 'cooperative'],
];
const TRADE_NAMES = '嘉禾,湘家荡,七星,凤桥,新丰,南湖,秀洲,长水,东栅,云东'.split(',');

function planSystems(plan: PlannedOrg[], rng: Rng, root: number, county: Division, countyFull: string, members: number) {
  const shares = split(rng, members, 3);
  const organ = plan.push({ parent: root, code: `${county.code}J00`, name: `中共${countyFull}直属机关工作委员会`, kind: 'working_committee', level: 'unit', domain: 'organ', division_code: county.code, urban_rural: null, members: 0, memberProfile: 'organ' }) - 1;
  split(rng, shares[0]!, ORGANS.length).forEach((m, i) =>
    plan.push({ parent: organ, code: `${county.code}J${String(i + 1).padStart(2, '0')}`, name: `中共${countyFull.replace(/^.*?市/, '')}${ORGANS[i]!.slice(1)}支部委员会`, kind: 'branch', level: 'unit', domain: 'organ', division_code: county.code, urban_rural: null, members: m, memberProfile: 'organ', unit: { kind: 'organ', name: `${countyFull.replace(/^.*?市/, '')}${ORGANS[i]!.slice(1)}` } }),
  );
  const twoNew = plan.push({ parent: root, code: `${county.code}F00`, name: `中共${countyFull}非公有制经济组织和社会组织综合委员会`, kind: 'committee', level: 'unit', domain: 'non_public', division_code: county.code, urban_rural: null, members: 0, memberProfile: 'enterprise' }) - 1;
  split(rng, shares[1]!, ENTERPRISES.length).forEach((m, i) => {
    const [suffix, domain] = ENTERPRISES[i]!;
    plan.push({ parent: twoNew, code: `${county.code}F${String(i + 1).padStart(2, '0')}`, name: `中共${TRADE_NAMES[i]}${suffix}支部委员会`, kind: m >= 3 ? 'branch' : 'joint_branch', level: 'unit', domain, division_code: county.code, urban_rural: null, members: m, memberProfile: 'enterprise', unit: { kind: domain, name: `${TRADE_NAMES[i]}${suffix}` } });
  });
  const edu = plan.push({ parent: root, code: `${county.code}S00`, name: `中共${countyFull}教育系统委员会`, kind: 'committee', level: 'unit', domain: 'school', division_code: county.code, urban_rural: null, members: 0, memberProfile: 'school' }) - 1;
  const schools = ['第一中学', '第二中学', '实验小学', '职业技术学校'];
  split(rng, shares[2]!, schools.length).forEach((m, i) =>
    plan.push({ parent: edu, code: `${county.code}S${String(i + 1).padStart(2, '0')}`, name: `中共${countyFull.replace(/^.*?市/, '')}${schools[i]}支部委员会`, kind: 'branch', level: 'unit', domain: 'school', division_code: county.code, urban_rural: null, members: m, memberProfile: 'school', unit: { kind: 'school', name: `${countyFull}${schools[i]}` } }),
  );
}

async function planCounty(plan: PlannedOrg[], rng: Rng, county: Division, parent: number | null, cityName: string, members: number) {
  const countyFull = `${cityName}${county.name}`;
  const root = plan.push({ parent, code: county.code, name: `中共${countyFull}委员会`, kind: 'committee', level: 'county', domain: 'local', division_code: county.code, urban_rural: null, members: 0, memberProfile: 'organ' }) - 1;
  const [towns, villages] = await Promise.all([townshipsOf([county.code]), villagesOf([county.code])]);
  const systemsShare = Math.round(members * 0.15);
  planSystems(plan, rng, root, county, countyFull, systemsShare);
  const perVillage = split(rng, members - systemsShare, Math.max(villages.length, 1));
  let vi = 0;
  for (const t of towns) {
    const street = t.name.endsWith('街道');
    const town = plan.push({ parent: root, code: t.code, division_code: t.code, level: 'township', domain: 'local', urban_rural: null, members: 0, memberProfile: 'organ', ...townshipOrg(t, countyFull) }) - 1;
    for (const v of villages.filter((x) => x.parentCode === t.code)) planVillage(plan, rng, v, town, street, perVillage[vi++] ?? 0);
  }
}

/** A plausible founding date per level (deterministic through the generator). */
function establishedOn(rng: Rng, level: string): string {
  const year = level === 'city' || level === 'county' ? 1983 : level === 'township' ? rng.int(1984, 2001) : level === 'village' ? rng.int(1990, 2012) : level === 'grid' ? rng.int(2008, 2021) : rng.int(1998, 2018);
  return isoDate(year, rng.int(1, 12), rng.int(1, 28));
}

export interface SeedRegionResult {
  rootId: number;
  rootName: string;
  organizations: number;
  members: number;
}

/** Seed a county (6-digit code) or a city (4-digit code) with N synthetic members; one transaction. */
export async function seedRegion(db: Kysely<DB>, cipher: FieldCipher, code: string, opts: { members: number; seed?: number; log?: (msg: string) => void }): Promise<SeedRegionResult> {
  const division = await findDivision(code);
  if (!division || (code.length !== 6 && code.length !== 4)) throw new Error(`行政区划代码 ${code} 不存在（需 4 位市级或 6 位县级代码）`);
  const rng = prng(opts.seed ?? Number(code));
  const plan: PlannedOrg[] = [];
  if (code.length === 6) {
    const city = await findDivision(division.parentCode);
    await planCounty(plan, rng, division, null, city && city.name !== '市辖区' ? city.name : '', opts.members);
  } else {
    const root = plan.push({ parent: null, code, name: `中共${division.name}委员会`, kind: 'committee', level: 'city', domain: 'local', division_code: code, urban_rural: null, members: 0, memberProfile: 'organ' }) - 1;
    const counties = await countiesOf(code);
    const shares = split(rng, opts.members, counties.length);
    for (const [i, c] of counties.entries()) await planCounty(plan, rng, c, root, division.name, shares[i]!);
  }
  opts.log?.(`${division.name}: ${plan.length} 个组织，${opts.members} 名党员`);

  return db.transaction().execute(async (trx) => {
    const ids = (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('organizations', 'id'))::int as id from generate_series(1, ${plan.length})`.execute(trx)).rows.map((r) => r.id);
    const paths: string[] = [];
    const rows = plan.map((p, i) => {
      const parentPath = p.parent === null ? null : paths[p.parent]!;
      paths[i] = parentPath ? `${parentPath}.${ids[i]}` : String(ids[i]);
      return { id: ids[i]!, parent_id: p.parent === null ? null : ids[p.parent]!, path: paths[i]!, code: p.code, name: p.name, kind: p.kind, level: p.level, domain: p.domain, division_code: p.division_code, urban_rural: p.urban_rural, sort_order: i, established_on: establishedOn(rng, p.level) };
    });
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('organizations').values(rows.slice(i, i + 1000)).execute();
    await sql`insert into org_versions (org_id, valid_from, parent_id, path, name, kind, level, domain, urban_rural, division_code)
      select id, established_on, parent_id, path, name, kind, level, domain, urban_rural, division_code from organizations where id = any(${sql.val(ids)}::int[])`.execute(trx);
    const units = plan.flatMap((p, i) => (p.unit ? [{ code: `U${p.code}`, name: p.unit.name, kind: p.unit.kind, org_id: ids[i]!, division_code: p.division_code, urban_rural: p.urban_rural, established_on: rows[i]!.established_on, orgId: ids[i]! }] : []));
    for (let i = 0; i < units.length; i += 1000) {
      const batch = units.slice(i, i + 1000);
      const inserted = await trx.insertInto('units').values(batch.map(({ orgId: _o, ...u }) => u)).returning('id').execute();
      await trx.insertInto('organization_units').values(inserted.map((u, k) => ({ org_id: batch[k]!.orgId, unit_id: u.id, is_primary: true }))).execute();
    }
    const slots: MemberSlot[] = plan.flatMap((p, i) => (p.members > 0 ? [{ orgId: ids[i]!, count: p.members, profile: p.memberProfile, region6: (p.division_code ?? code).slice(0, 6).padEnd(6, '0') }] : []));
    let inserted = 0;
    for (const batch of synthesizeMembers(rng, cipher, slots, 2000)) {
      await trx.insertInto('members').values(batch).execute();
      inserted += batch.length;
      if (inserted % 20000 === 0) opts.log?.(`  已生成 ${inserted} 名党员`);
    }
    await sql`insert into member_periods (member_id, org_id, valid_from)
      select m.id, m.org_id, greatest(m.joined_on, o.established_on) from members m join organizations o on o.id = m.org_id
      where o.id = any(${sql.val(ids)}::int[])`.execute(trx);
    await appendAudit(trx, { actor: { userId: null, username: 'system' }, requestId: null, ip: null }, {
      action: 'seed.region',
      entity: 'organization',
      entityId: ids[0]!,
      scopePath: paths[0]!,
      after: { divisionCode: code, organizations: rows.length, members: inserted },
    });
    return { rootId: ids[0]!, rootName: rows[0]!.name, organizations: rows.length, members: inserted };
  });
}
