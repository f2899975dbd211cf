import type { Exec } from './engine.ts';

/**
 * Synthetic region on the APP's schema (src/db/migrations), loaded server-side with
 * generate_series / INSERT … SELECT. Deterministic: every "random" choice is
 * hashint4extended(row number, salt), so the same --orgs/--members give the same data on both engines.
 *
 * Shape (ids are assigned level by level, so every path can be computed from the row number):
 *   1 province (id 1) → C counties → C×T townships → C×T×V villages/communities → G grids,
 *   with T = 5 townships per county and V = 40 villages per township, so that one township holds
 *   ≈ 1,000 organizations (and ≈ 16,000–20,000 members at 8M members / 500k organizations);
 *   C = round(orgs / 5,000), G = the rest of --orgs, spread evenly over the villages.
 *
 * ID-number columns hold PLACEHOLDERS, not real ciphertext: id_number_cipher = 'bench-placeholder',
 * id_number_hash = 'bench:<n>' (unique), id_number_masked = '330100********<4 digits>'.
 * The real import (step 7) then adds rows with real AES-GCM ciphertext and HMAC hashes.
 */
export interface RegionShape {
  orgs: number;
  counties: number;
  townshipsPerCounty: number;
  villagesPerTownship: number;
  townships: number;
  villages: number;
  grids: number;
  firstTownship: number;
  firstVillage: number;
  firstGrid: number;
}

export function regionShape(orgs: number): RegionShape {
  const T = 5;
  const V = 40;
  const C = Math.max(2, Math.round(orgs / 5000));
  const townships = C * T;
  const villages = townships * V;
  const grids = Math.max(0, orgs - 1 - C - townships - villages);
  const firstTownship = 2 + C;
  const firstVillage = firstTownship + townships;
  return { orgs: 1 + C + townships + villages + grids, counties: C, townshipsPerCounty: T, villagesPerTownship: V, townships, villages, grids, firstTownship, firstVillage, firstGrid: firstVillage + villages };
}

/** Code of a synthetic organization (unique, matches the import's `code` column rule). */
export const orgCode = (id: number) => `S${String(id).padStart(7, '0')}`;

const r = (salt: number, col = 'i') => `(hashint4extended(${col}, ${salt}) & 1073741823)`;

export interface Step {
  label: string;
  ms: number;
}

/**
 * Drop every secondary index and unique / foreign-key constraint of the tables (keeping primary
 * keys and checks), run `load`, then recreate them from their saved definitions: a bulk load
 * with index builds by sort instead of row-by-row maintenance. The definitions are the
 * migrations' own (read back from the catalog), so the result is the app's schema.
 */
export async function withIndexesDropped(x: Exec, tables: string[], load: () => Promise<void>, steps: Step[]): Promise<void> {
  const cons: { t: string; name: string; def: string }[] = [];
  const idx: { name: string; def: string }[] = [];
  for (const t of tables) {
    cons.push(...(await x.q<{ name: string; def: string }>(
      `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = $1::regclass and contype in ('f','u') order by contype desc, conname`, [t])).map((c) => ({ t, ...c })));
    idx.push(...(await x.q<{ name: string; def: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = $1::regclass and not i.indisprimary
         and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
       order by c.relname`, [t])));
  }
  // Foreign keys pointing INTO these tables from elsewhere stay (they only need the primary keys).
  for (const c of cons.filter((c) => c.def.startsWith('FOREIGN'))) await x.q(`alter table ${c.t} drop constraint ${c.name}`);
  for (const c of cons.filter((c) => !c.def.startsWith('FOREIGN'))) await x.q(`alter table ${c.t} drop constraint ${c.name}`);
  for (const i of idx) await x.q(`drop index ${i.name}`);
  await load();
  for (const c of cons.filter((c) => !c.def.startsWith('FOREIGN'))) {
    const t0 = performance.now();
    await x.q(`alter table ${c.t} add constraint ${c.name} ${c.def}`);
    steps.push({ label: `  constraint ${c.name}`, ms: performance.now() - t0 });
  }
  for (const i of idx) {
    const t0 = performance.now();
    await x.q(i.def);
    steps.push({ label: `  index ${i.name}`, ms: performance.now() - t0 });
  }
  for (const c of cons.filter((c) => c.def.startsWith('FOREIGN'))) {
    const t0 = performance.now();
    await x.q(`alter table ${c.t} add constraint ${c.name} ${c.def}`);
    steps.push({ label: `  constraint ${c.name} (validated)`, ms: performance.now() - t0 });
  }
}

async function step(steps: Step[], label: string, fn: () => Promise<unknown>, log: (m: string) => void) {
  log(label);
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  steps.push({ label, ms });
  log(`${label}: ${(ms / 1000).toFixed(1)} s`);
}

export async function loadOrganizations(x: Exec, s: RegionShape, steps: Step[], log: (m: string) => void) {
  const C = s.counties;
  await withIndexesDropped(x, ['organizations'], async () => {
    await step(steps, `organizations: ${s.orgs} rows (1 + ${C} counties + ${s.townships} townships + ${s.villages} villages + ${s.grids} grids)`, async () => {
      await x.q(`
        insert into organizations (id, parent_id, path, code, name, kind, level, domain, division_code, urban_rural, established_on)
        overriding system value values (1, null, '1', 'S0000001', '中共某省委员会', 'committee', 'province', 'local', '330000', null, '1990-01-01')`);
      await x.q(`
        insert into organizations (id, parent_id, path, code, name, kind, level, domain, division_code, urban_rural, established_on)
        overriding system value
        select 2 + k, 1, ('1.' || (2 + k))::ltree, 'S' || lpad((2 + k)::text, 7, '0'), '中共第' || (k + 1) || '县委员会',
               'committee', 'county', 'local', '33' || lpad((k + 1)::text, 4, '0'), null, '1990-01-01'
        from generate_series(0, ${C - 1}) k`);
      await x.q(`
        insert into organizations (id, parent_id, path, code, name, kind, level, domain, division_code, urban_rural, established_on)
        overriding system value
        select ${s.firstTownship} + j, 2 + j / ${s.townshipsPerCounty},
               ('1.' || (2 + j / ${s.townshipsPerCounty}) || '.' || (${s.firstTownship} + j))::ltree,
               'S' || lpad((${s.firstTownship} + j)::text, 7, '0'),
               '中共第' || (j / ${s.townshipsPerCounty} + 1) || '县第' || (j % ${s.townshipsPerCounty} + 1) || (case when j % 5 = 0 then '街道工作委员会' else '镇委员会' end),
               case when j % 5 = 0 then 'working_committee' else 'committee' end, 'township', 'local',
               '33' || lpad((j / ${s.townshipsPerCounty} + 1)::text, 4, '0') || lpad((j % ${s.townshipsPerCounty} + 1)::text, 3, '0'),
               case when j % 5 = 0 then 'main_urban' else 'town_center' end, '1995-01-01'
        from generate_series(0, ${s.townships - 1}) j`);
      // Villages: ~25% urban communities, the rest rural villages; 20% general branches, 5% village committees.
      await x.q(`
        insert into organizations (id, parent_id, path, code, name, kind, level, domain, division_code, urban_rural, established_on)
        overriding system value
        select ${s.firstVillage} + v, t, ('1.' || c || '.' || t || '.' || (${s.firstVillage} + v))::ltree,
               'S' || lpad((${s.firstVillage} + v)::text, 7, '0'),
               '中共' || case when community then '第' || (v + 1) || '社区委员会' else '第' || (v + 1) || '村支部委员会' end,
               case when ${r(11, 'v')} % 100 < 5 then 'committee' when ${r(11, 'v')} % 100 < 25 then 'general_branch' else 'branch' end,
               'village', case when community then 'community' else 'rural' end, null,
               case when community then 'main_urban' else 'village' end, '2000-01-01'
        from (select v, 2 + (v / ${s.villagesPerTownship}) / ${s.townshipsPerCounty} as c, ${s.firstTownship} + v / ${s.villagesPerTownship} as t,
                     ${r(12, 'v')} % 100 < 25 as community
              from generate_series(0, ${s.villages - 1}) v) q`);
      if (s.grids > 0) {
        await x.q(`
          insert into organizations (id, parent_id, path, code, name, kind, level, domain, division_code, urban_rural, established_on)
          overriding system value
          select ${s.firstGrid} + g, vid, ('1.' || c || '.' || t || '.' || vid || '.' || (${s.firstGrid} + g))::ltree,
                 'S' || lpad((${s.firstGrid} + g)::text, 7, '0'),
                 '第' || (g / ${s.villages} + 1) || '网格党支部',
                 case when ${r(13, 'g')} % 100 < 25 then 'group' else 'branch' end, 'grid', 'rural', null, 'village', '2010-01-01'
          from (select g, ${s.firstVillage} + g % ${s.villages} as vid,
                       ${s.firstTownship} + (g % ${s.villages}) / ${s.villagesPerTownship} as t,
                       2 + ((g % ${s.villages}) / ${s.villagesPerTownship}) / ${s.townshipsPerCounty} as c
                from generate_series(0, ${s.grids - 1}) g) q`);
      }
      await x.q(`select setval(pg_get_serial_sequence('organizations', 'id'), (select max(id) from organizations))`);
    }, log);
  }, steps);
  await step(steps, 'org_versions: one open version per organization (valid from 2019-01-01)', () =>
    withIndexesDropped(x, ['org_versions'], () => x.q(`
      insert into org_versions (org_id, valid_from, parent_id, path, name, kind, level, domain, urban_rural, division_code)
      select id, '2019-01-01', parent_id, path, name, kind, level, domain, urban_rural, division_code from organizations`).then(() => undefined), steps), log);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国志成文博海峰荣新';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞燕玲婷雪慧莉琳颖倩洁红英梅兰萍琴云佳悦雯晶月凤秀桂';
const len = (s: string) => [...s].length;

/**
 * Members i in [from, to]: org uniformly among villages and grids; 72% men; age 22–88;
 * education, category and ethnicity weighted like src/seed/members.ts; joined at 19–45;
 * probationary if joined in the last year; 0.5% left (died) in 2025; 3% mobile.
 */
function memberInsert(s: RegionShape, from: number, to: number): string {
  const leaves = s.orgs - s.firstVillage + 1;
  return `
    insert into members (id, org_id, name, gender, ethnicity, birth_date, id_number_cipher, id_number_hash, id_number_masked,
                         education, category, joined_on, full_member_on, status, phone, household, is_mobile, left_on, left_reason)
    overriding system value
    select i, org_id, name, gender, ethnicity, birth_date, 'bench-placeholder', 'bench:' || i, '330100********' || lpad((i % 10000)::text, 4, '0'),
           education, category, joined_on,
           case when joined_on > date '2025-10-01' then null else joined_on + 365 end,
           case when joined_on > date '2025-10-01' then 'probationary' else 'full' end,
           '13' || lpad((${r(9)} % 1000000000)::text, 9, '0'),
           case when ${r(10)} % 100 < 65 then 'rural' else 'urban' end,
           ${r(14)} % 100 < 3,
           case when ${r(15)} % 200 = 0 and joined_on < date '2024-01-01' then date '2025-06-01' end,
           case when ${r(15)} % 200 = 0 and joined_on < date '2024-01-01' then 'death' end
    from (
      select i, org_id, name, gender, ethnicity, birth_date, education, category,
             least(date '2026-09-01', birth_date + ((19 + ${r(6)} % greatest(1, least(age, 45) - 18)) * 365)::int) as joined_on
      from (
        select i, ${s.firstVillage} + ${r(1)} % ${leaves} as org_id, gender, age,
               (date '2026-10-01' - (age * 365 + ${r(4)} % 365)::int)::date as birth_date,
               substr('${SURNAMES}', 1 + (${r(20)} % ${len(SURNAMES)})::int, 1)
                 || case when gender = 'male' then substr('${GIVEN_MALE}', 1 + (${r(21)} % ${len(GIVEN_MALE)})::int, 1)
                         else substr('${GIVEN_FEMALE}', 1 + (${r(21)} % ${len(GIVEN_FEMALE)})::int, 1) end
                 || case when ${r(22)} % 100 >= 70 then ''
                         when gender = 'male' then substr('${GIVEN_MALE}', 1 + (${r(23)} % ${len(GIVEN_MALE)})::int, 1)
                         else substr('${GIVEN_FEMALE}', 1 + (${r(23)} % ${len(GIVEN_FEMALE)})::int, 1) end as name,
               case when ${r(16)} % 1000 < 980 then '汉族' else (array['回族','满族','土家族','壮族','苗族'])[(1 + ${r(17)} % 5)::int] end as ethnicity,
               case when ${r(5)} % 100 < 35 then 'middle_school' when ${r(5)} % 100 < 57 then 'high_school'
                    when ${r(5)} % 100 < 67 then 'secondary' when ${r(5)} % 100 < 82 then 'college'
                    when ${r(5)} % 100 < 97 then 'bachelor' else 'postgraduate' end as education,
               case when age >= 62 then 'retired'
                    else (array['farmer','farmer','farmer','farmer','farmer','worker','worker','self_employed','professional','civil_servant',
                                'unemployed','student'])[(1 + ${r(7)} % 12)::int] end as category
        from (select i, case when ${r(2)} % 100 < 72 then 'male' else 'female' end as gender, 22 + (${r(3)} % 67)::int as age
              from generate_series(${from}, ${to}) i) g
      ) a
    ) b`;
}

export async function loadMembers(x: Exec, s: RegionShape, members: number, chunk: number, steps: Step[], log: (m: string) => void) {
  await withIndexesDropped(x, ['members', 'member_periods'], async () => {
    log(`members: ${members} rows in chunks of ${chunk}`);
    // A bulk load counts the tallies once at the end instead of per chunk (as restore does).
    await x.q(`alter table members disable trigger members_tallies_ins`);
    const t0 = performance.now();
    for (let from = 1; from <= members; from += chunk) {
      const to = Math.min(members, from + chunk - 1);
      await x.q(memberInsert(s, from, to));
      log(`  members ${to} / ${members} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await x.q(`select setval(pg_get_serial_sequence('members', 'id'), (select max(id) from members))`);
    steps.push({ label: `members: ${members} rows (name_grams computed by the generated column)`, ms: performance.now() - t0 });
    await step(steps, 'member_periods: one period per member (open, or closed when left)', async () => {
      for (let from = 1; from <= members; from += chunk * 2) {
        await x.q(`
          insert into member_periods (member_id, org_id, valid_from, valid_to)
          select id, org_id, greatest(joined_on, date '2019-01-01'), left_on from members where id between $1 and $2`, [from, Math.min(members, from + chunk * 2 - 1)]);
      }
    }, log);
    // The tallies are then counted once by the caller (statistics/tallies.repository rebuildTallies).
    await x.q(`alter table members enable trigger members_tallies_ins`);
  }, steps);
}

/** Baseline side table for the comma-path pattern: ',1,3,57,' per organization (not part of the app). */
export async function buildCommaPath(x: Exec) {
  await x.q(`drop table if exists bench_org_cpath`);
  await x.q(`create table bench_org_cpath (id integer primary key, cpath text not null)`);
  await x.q(`insert into bench_org_cpath select id, ',' || replace(path::text, '.', ',') || ',' from organizations`);
  await x.q(`analyze bench_org_cpath`);
}
