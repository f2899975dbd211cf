import type { Exec } from './engine.ts';
import { STRATEGIES, upper, type Node, type Strategy } from './strategies.ts';

/** One timed query shape. `run` returns a number folded into the cross-strategy checksum. */
export interface Variant {
  strategy: Strategy;
  name: string;
  run(x: Exec, n: Node): Promise<number>;
  /** The SQL text (for EXPLAIN); for two-step shapes, the second statement (takes $1 = org ids). */
  sql?: (n: Node) => string;
  twoStep?: boolean;
  /** Only with --denorm-gist (s6 GiST index on members.org_path). */
  needsDenormGist?: boolean;
}

const byKey = (k: Strategy['key']): Strategy => {
  const s = STRATEGIES.find((v) => v.key === k);
  if (!s) throw new Error(`no strategy ${k}`);
  return s;
};
const TREE = STRATEGIES.filter((s) => s.key !== 's6');
const S1 = byKey('s1');
const S6 = byKey('s6');

type Row = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const sumIds = (rows: Row[]) => rows.reduce((acc, r) => acc + num(r.id), 0);
const countOf = (rows: Row[]) => num(rows[0]?.n);

function sqlVariant(strategy: Strategy, name: string, sql: (n: Node) => string, fold: (rows: Row[]) => number): Variant {
  return { strategy, name, sql, run: async (x, n) => fold(await x.q<Row>(sql(n))) };
}

/** Org ids first (one round trip), then members by org_id = any($1) with the array as a bound parameter. */
function twoStep(strategy: Strategy, name: string, tail: string, fold: (rows: Row[]) => number): Variant {
  return {
    strategy,
    name,
    twoStep: true,
    sql: () => tail,
    async run(x, n) {
      const ids = (await x.q<{ id: number }>(strategy.subtree(n))).map((r) => r.id);
      return fold(await x.q<Row>(tail, [ids]));
    },
  };
}

const PAGE = 'm.id, m.name, m.gender, m.education';

// (a) subtree org ids
export const listOrgs: Variant[] = [
  ...TREE.map((s) => sqlVariant(s, 'subtree ids', (n) => s.subtree(n), (r) => r.length + sumIds(r))),
  sqlVariant(S1, "lquery path ~ 'p.*' (GiST)", (n) => `select id from s1_org where path ~ '${n.path}.*'`, (r) => r.length + sumIds(r)),
  sqlVariant(byKey('s2'), "lquery path ~ 'p.*' (btree only)", (n) => `select id from s2_org where path ~ '${n.path}.*'`, (r) => r.length + sumIds(r)),
];

// (b) count members in a subtree
export const countMembers: Variant[] = [
  ...TREE.flatMap((s) => [
    sqlVariant(s, 'join', (n) => `select count(*) as n from tb_members m join (${s.subtree(n)}) o on o.id = m.org_id`, countOf),
    sqlVariant(s, 'ids-first any(array(…))', (n) => `select count(*) as n from tb_members where org_id = any(array(${s.subtree(n)}))`, countOf),
  ]),
  twoStep(S1, 'two-step any($1::int[])', 'select count(*) as n from tb_members where org_id = any($1::int[])', countOf),
  { ...sqlVariant(S6, 'org_path <@ p (GiST)', (n) => `select count(*) as n from s6_members where org_path <@ '${n.path}'`, countOf), needsDenormGist: true },
  sqlVariant(S6, 'org_path range (btree)', (n) => `select count(*) as n from s6_members where org_path >= '${n.path}' and org_path < '${upper(n.path)}'`, countOf),
];

// (c) first page of 20 members ordered by id
export const pageMembers: Variant[] = [
  ...TREE.flatMap((s) => [
    sqlVariant(s, 'join', (n) => `select ${PAGE} from tb_members m join (${s.subtree(n)}) o on o.id = m.org_id order by m.id limit 20`, sumIds),
    sqlVariant(s, 'ids-first any(array(…))', (n) => `select ${PAGE} from tb_members m where m.org_id = any(array(${s.subtree(n)})) order by m.id limit 20`, sumIds),
  ]),
  twoStep(S1, 'two-step any($1::int[])', `select ${PAGE} from tb_members m where m.org_id = any($1::int[]) order by m.id limit 20`, sumIds),
  sqlVariant(S1, 'ids-first, lateral top-20 per org', (n) => `select ${PAGE} from tb_members m where m.id in (
      select p.id from unnest(array(${S1.subtree(n)})) o(oid)
      cross join lateral (select id from tb_members where org_id = o.oid order by id limit 20) p
      order by p.id limit 20) order by m.id`, sumIds),
  sqlVariant(S6, 'org_path range (btree)', (n) => `select ${PAGE} from s6_members m
      where org_path >= '${n.path}' and org_path < '${upper(n.path)}' order by m.id limit 20`, sumIds),
  { ...sqlVariant(S6, 'org_path <@ p (GiST)', (n) => `select ${PAGE} from s6_members m where org_path <@ '${n.path}' order by m.id limit 20`, sumIds), needsDenormGist: true },
];

/** Weighted sum over (county, gender, education, n) rows: equal roll-ups give equal checksums. */
function rollupSum(rows: Row[]): number {
  let acc = 0;
  for (const r of rows) {
    const key = `${String(r.county ?? '')}|${String(r.gender)}|${String(r.education)}`;
    let w = 7;
    for (const ch of key) w = (w * 31 + (ch.codePointAt(0) ?? 0)) % 1009;
    acc += num(r.n) * (w + 1);
  }
  return acc;
}

const GE = 'm.gender, m.education, count(*) as n';
const county = "c.level = 'county'";

// (d) members by gender × education for every county (whole city)
export const rollupAll: Variant[] = [
  sqlVariant(S1, 'county = subpath(path,1,1), one join', () => `select subpath(o.path, 1, 1)::text::int as county, ${GE}
      from tb_members m join s1_org o on o.id = m.org_id where nlevel(o.path) >= 2 group by 1, 2, 3`, rollupSum),
  sqlVariant(S1, 'join counties on path <@ c.path', () => `select c.id as county, ${GE} from s1_org c
      join s1_org o on o.path <@ c.path join tb_members m on m.org_id = o.id where ${county} group by 1, 2, 3`, rollupSum),
  sqlVariant(byKey('s2'), 'join counties on btree range', () => `select c.id as county, ${GE} from s2_org c
      join s2_org o on o.path >= c.path and o.path < c.path || 'z'::ltree join tb_members m on m.org_id = o.id
      where ${county} group by 1, 2, 3`, rollupSum),
  sqlVariant(byKey('s3'), 'join closure on county ancestors', () => `select c.id as county, ${GE} from s3_org c
      join s3_closure cl on cl.ancestor_id = c.id join tb_members m on m.org_id = cl.descendant_id
      where ${county} group by 1, 2, 3`, rollupSum),
  sqlVariant(byKey('s4'), 'recursive CTE from counties', () => `with recursive t(id, county) as (
      select id, id from s4_org where level = 'county'
      union all select o.id, t.county from s4_org o join t on o.parent_id = t.id)
      select t.county, ${GE} from t join tb_members m on m.org_id = t.id group by 1, 2, 3`, rollupSum),
  sqlVariant(byKey('s5'), "join counties on LIKE '%,c,%'", () => `select c.id as county, ${GE} from s5_org c
      join s5_org o on o.cpath like '%,' || c.id || ',%' join tb_members m on m.org_id = o.id
      where ${county} group by 1, 2, 3`, rollupSum),
  sqlVariant(S6, 'subpath(org_path,1,1), no join', () => `select subpath(m.org_path, 1, 1)::text::int as county, ${GE}
      from s6_members m where nlevel(m.org_path) >= 2 group by 1, 2, 3`, rollupSum),
];

// (d') the same roll-up for one county subtree (s2/s5 behave like s1 here: the members side dominates)
export const rollupOne: Variant[] = [
  ...TREE.filter((s) => ['s1', 's3', 's4'].includes(s.key)).flatMap((s) => [
    sqlVariant(s, 'join', (n) => `select ${GE} from tb_members m join (${s.subtree(n)}) o on o.id = m.org_id group by 1, 2`, rollupSum),
    sqlVariant(s, 'ids-first any(array(…))', (n) => `select ${GE} from tb_members m where m.org_id = any(array(${s.subtree(n)})) group by 1, 2`, rollupSum),
  ]),
  twoStep(S1, 'two-step any($1::int[])', `select ${GE} from tb_members m where m.org_id = any($1::int[]) group by 1, 2`, rollupSum),
  sqlVariant(S6, 'org_path range (btree)', (n) => `select ${GE} from s6_members m
      where org_path >= '${n.path}' and org_path < '${upper(n.path)}' group by 1, 2`, rollupSum),
  { ...sqlVariant(S6, 'org_path <@ p (GiST)', (n) => `select ${GE} from s6_members m where org_path <@ '${n.path}' group by 1, 2`, rollupSum), needsDenormGist: true },
];
