import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';

const COUNTY = [
  ['全区村级组织活动场所全部达到规范化标准', 'party', '2026-11-30'],
  ['完成农村党员干部现代远程教育站点全覆盖', 'party', '2026-09-30'],
  ['培育 3—5 个旗帜党委、30 个标杆支部、100 名红星党员', 'party', '2026-12-31'],
  ['选派 50 名第一书记驻村帮扶', 'support', '2026-04-30'],
  ['集体经济薄弱村全部消除', 'economy', '2026-12-31'],
] as const;
const TOWNSHIP = [
  ['推进美丽乡村示范带建设', 'infrastructure', '2026-10-31'],
  ['完成 3 个村级组织活动场所改造提升', 'party', '2026-09-30'],
  ['培育农村致富带头人 20 名', 'economy', '2026-11-30'],
  ['村集体经济年收入全部超过 50 万元', 'economy', '2026-12-31'],
  ['开展“三会一课”规范化督查全覆盖', 'party', '2026-06-30'],
  ['推进农村土地流转 2000 亩', 'economy', '2026-08-31'],
] as const;
const VILLAGE = [
  ['修通村道 2.3 公里并硬化', 'infrastructure', '2026-10-31'],
  ['建立村级农民专业合作社', 'economy', '2026-06-30'],
  ['帮扶 5 户困难户稳定增收', 'support', '2026-11-30'],
  ['新建村文化礼堂', 'civility', '2026-09-30'],
  ['完成农村人居环境整治', 'livelihood', '2026-05-31'],
  ['发展村集体经济增收 10 万元', 'economy', '2026-12-31'],
  ['安装太阳能路灯 60 盏', 'infrastructure', '2026-04-30'],
  ['改造农村饮水管网', 'livelihood', '2026-08-31'],
  ['开展农业实用技术培训 4 期', 'economy', '2026-07-31'],
  ['整治村内河道 1.5 公里', 'infrastructure', '2026-09-30'],
] as const;
const MEMBER = [
  ['结对帮扶 1 户困难户', 'support', '2026-12-31'],
  ['带头参加人居环境整治志愿服务 6 次', 'service', '2026-10-31'],
  ['为村民提供农技咨询 10 次', 'economy', '2026-11-30'],
  ['带动 2 户农户发展特色种植', 'economy', '2026-09-30'],
  ['参与网格巡查每月 2 次', 'service', '2026-06-30'],
  ['为留守老人代购代办', 'livelihood', '2026-08-31'],
  ['宣讲党的政策 4 次', 'party', '2026-07-31'],
] as const;
const DONE_NOTES = ['已按期完成，经村务监督委员会验收', '已完成并在村务公开栏公示', '已完成，群众反映良好', '已完成，相关资料已归档'];
const PROGRESS = ['已召开村民代表会议议定实施方案', '资金已落实，正在施工', '已完成过半'];

/** Deterministic 0…1 from two integers (the same demo on every first start). */
const rnd = (a: number, b: number) => {
  const x = Math.sin(a * 12.9898 + b * 78.233) * 43758.5453;
  return x - Math.floor(x);
};
const minus = (d: string, days: number) => new Date(Date.parse(d) - days * 86_400_000).toISOString().slice(0, 10);
const plus = (d: string, days: number) => minus(d, -days);

type ItemSpec = readonly [string, string, string];
type Row = { commitment_id: number; content: string; category: string; deadline: string; responsible: string | null; status: string; done_on: string | null; done_note: string | null; reason: string | null; status_on: string | null };

/**
 * Demo 2026 commitments for the region: the county committee's, each township's, the first villages'
 * and some of their members'. Townships differ in how well they keep them (one lags), most items are
 * kept on time, some are late or overdue, the last ones are not yet due; village commitments carry
 * the year-end evaluations by members and by public representatives.
 */
export async function seedCommitmentsDemo(db: Kysely<DB>, _cipher: FieldCipher, opts: { villagesPerTownship?: number; membersPerVillage?: number } = {}) {
  const today = todayCN();
  const year = 2026;
  const orgs = await db.selectFrom('organizations').select(['id', 'name', 'path', 'level', 'parent_id']).where('status', '=', 'active').where('level', 'in', ['county', 'township', 'village']).orderBy('path').execute();
  if (!orgs.length || (await db.selectFrom('commitments').select('id').limit(1).executeTakeFirst())) return { commitments: 0 };
  const townships = orgs.filter((o) => o.level === 'township');
  // How well each township's subtree keeps its promises: the third lags behind.
  const quality = new Map(townships.map((t, i) => [t.path, i === 2 ? 0.72 : i === 5 ? 0.86 : 0.93 + (i % 3) * 0.025]));
  const qOf = (path: string) => [...quality.entries()].find(([p]) => path === p || path.startsWith(p + '.'))?.[1] ?? 0.96;
  // A few villages in every township (not all: the rest show how an organization without records looks).
  const perTownship = opts.villagesPerTownship ?? 3;
  const villages = townships.flatMap((t) => orgs.filter((o) => o.level === 'village' && o.parent_id === t.id).slice(0, perTownship));
  const members = villages.length
    ? await db
        .selectFrom('members as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.name', 'm.org_id', 'o.path'])
        .where('m.left_on', 'is', null)
        .where(sql<boolean>`(${sql.join(villages.map((v) => sql`o.path <@ ${v.path}::ltree`), sql` or `)})`)
        .orderBy('m.id')
        .execute()
    : [];
  const perVillage = opts.membersPerVillage ?? 4;
  const chosen = villages.flatMap((v) => members.filter((m) => m.path === v.path || m.path.startsWith(v.path + '.')).slice(0, perVillage));

  let n = 0;
  const items: Row[] = [];
  const progress: { item_key: number; noted_on: string; text: string }[] = [];
  const evals: { commitment_id: number; held_on: string; evaluator_type: string; satisfied: number; basic: number; dissatisfied: number; note: string | null }[] = [];
  const itemsFor = (cid: number, specs: readonly ItemSpec[], q: number, responsible: string | null, salt: number) => {
    for (const [k, [content, category, deadline]] of specs.entries()) {
      const r = rnd(salt, k);
      const row: Row = { commitment_id: cid, content, category, deadline, responsible, status: 'in_progress', done_on: null, done_note: null, reason: null, status_on: null };
      if (deadline < today) {
        if (r < q) Object.assign(row, { status: 'done', done_on: minus(deadline, 3 + Math.floor(r * 40)), done_note: DONE_NOTES[(salt + k) % DONE_NOTES.length]! });
        else if (r < q + (1 - q) * 0.4 && plus(deadline, 12) <= today) Object.assign(row, { status: 'done', done_on: plus(deadline, 12), done_note: '受天气影响延期，现已完成' });
        else if (r < q + (1 - q) * 0.6) Object.assign(row, { status: 'not_done', reason: '上级项目资金未到位，已向群众说明并顺延至明年', status_on: plus(deadline, 5) <= today ? plus(deadline, 5) : today });
      } else if (r < 0.25) {
        Object.assign(row, { status: 'done', done_on: minus(today, 5 + Math.floor(r * 20)), done_note: DONE_NOTES[(salt + k) % DONE_NOTES.length]! });
      }
      if (row.status === 'in_progress' && r > 0.3) progress.push({ item_key: items.length, noted_on: minus(today, 20 + Math.floor(r * 30)), text: PROGRESS[(salt + k) % PROGRESS.length]! });
      items.push(row);
    }
  };
  const pick = <T>(list: readonly T[], count: number, salt: number) => Array.from({ length: count }, (_, k) => list[(salt * 3 + k * 7) % list.length]!).filter((x, i, a) => a.indexOf(x) === i);

  // Commitments are planned first and inserted in one statement; items point at their plan index until then.
  const planned: { org_id: number; maker_type: string; member_id: number | null; year: number; title: string; announced_on: string; announce_way: string; note: null; created_by_name: string }[] = [];
  const plan = (org_id: number, maker_type: string, member_id: number | null, title: string, announced_on: string) =>
    planned.push({ org_id, maker_type, member_id, year, title, announced_on, announce_way: maker_type === 'org' ? '党员大会通过，公开栏张榜公布' : '支部党员大会上公开承诺', note: null, created_by_name: '演示数据' }) - 1;
  const county = orgs.find((o) => o.level === 'county');
  if (county) itemsFor(plan(county.id, 'org', null, `${year} 年度区委公开承诺`, `${year}-02-15`), COUNTY, 0.97, '区委组织部', 1);
  for (const [i, t] of townships.entries()) itemsFor(plan(t.id, 'org', null, `${year} 年度镇（街道）党（工）委公开承诺`, `${year}-02-25`), pick(TOWNSHIP, 4 + (i % 2), i), quality.get(t.path)!, '党（工）委书记', 100 + i);
  for (const [i, v] of villages.entries()) {
    const q = qOf(v.path);
    const k = plan(v.id, 'org', null, `${year} 年度村（社区）党组织公开承诺`, `${year}-03-0${1 + (i % 9)}`);
    itemsFor(k, pick(VILLAGE, 3 + (i % 3), i), q, '村党组织书记', 1000 + i);
    // Year-end evaluation meetings (members and public representatives) in most villages.
    const held = `${year}-11-${String(18 + (i % 10)).padStart(2, '0')}`;
    if (i % 5 !== 4 && held <= today) {
      const pub = 28 + (i % 15);
      const bad = Math.round(pub * (1 - q) * 0.8);
      const basic = Math.round(pub * 0.15);
      evals.push({ commitment_id: k, held_on: held, evaluator_type: 'public', satisfied: pub - bad - basic, basic, dissatisfied: bad, note: '村民代表、户代表参加评议' });
      const mem = 12 + (i % 9);
      const mbad = Math.round(mem * (1 - q) * 0.5);
      evals.push({ commitment_id: k, held_on: held, evaluator_type: 'member', satisfied: mem - mbad - 2, basic: 2, dissatisfied: mbad, note: null });
    }
  }
  for (const [i, m] of chosen.entries()) itemsFor(plan(m.org_id, 'member', m.id, `${m.name} ${year} 年度党员承诺`, `${year}-03-${String(10 + (i % 15)).padStart(2, '0')}`), pick(MEMBER, 2, i), Math.min(0.98, qOf(m.path) - 0.02), m.name, 5000 + i);
  n = planned.length;

  await db.transaction().execute(async (trx) => {
    const cids: number[] = [];
    for (let k = 0; k < planned.length; k += 500) cids.push(...(await trx.insertInto('commitments').values(planned.slice(k, k + 500)).returning('id').execute()).map((r) => r.id));
    for (const it of items) it.commitment_id = cids[it.commitment_id]!;
    for (const e of evals) e.commitment_id = cids[e.commitment_id]!;
    // One withdrawn item, so the list shows how that looks.
    const w = items.find((x) => x.status === 'in_progress' && x.deadline < today);
    if (w) Object.assign(w, { status: 'cancelled', reason: '该路段纳入市级交通项目统一建设，经党员大会同意撤销', status_on: minus(w.deadline, 30) });
    const ids: number[] = [];
    for (let k = 0; k < items.length; k += 500) ids.push(...(await trx.insertInto('commitment_items').values(items.slice(k, k + 500)).returning('id').execute()).map((r) => r.id));
    if (progress.length) await trx.insertInto('commitment_progress').values(progress.map((p) => ({ item_id: ids[p.item_key]!, noted_on: p.noted_on, text: p.text, recorded_by_name: '演示数据' }))).execute();
    if (evals.length) await trx.insertInto('commitment_evaluations').values(evals.map((e) => ({ ...e, member_id: null, recorded_by_name: '演示数据' }))).execute();
  });
  return { commitments: n };
}
