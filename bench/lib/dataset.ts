import type { Exec } from './engine.ts';

/**
 * Deterministic synthetic tree, generated server-side with generate_series:
 * 1 city → C counties → 25–35 townships → 20–30 villages → 2–6 grids → party groups
 * topping up to the requested org count (BFS order, so a small --orgs just truncates).
 * `hashint4` (a stable built-in) supplies the per-node variation, so every run and both
 * engines build the same tree and the same members.
 *
 * tb_org_src(id, parent_id, level, path ltree, cpath text) is the source every strategy copies;
 * tb_members(id, org_id, name, gender, education, …) is shared by all strategies (only the
 * tree representation differs) and is indexed like the app: pk + (org_id, id).
 */
export interface DatasetOptions {
  orgs: number;
  members: number;
  counties: number;
}

const h = (expr: string, salt: number) => `(abs(hashint4((${expr}) + ${salt})::bigint))`;

interface Level {
  child: string;
  parent: string;
  fanout: string;
}

const LEVELS: Level[] = [
  { parent: 'county', child: 'township', fanout: `25 + ${h('p.id', 11)} % 11` },
  { parent: 'township', child: 'village', fanout: `20 + ${h('p.id', 22)} % 11` },
  { parent: 'village', child: 'grid', fanout: `2 + ${h('p.id', 33)} % 5` },
];

async function count(x: Exec, table: string): Promise<number> {
  const [row] = await x.q<{ n: number }>(`select count(*)::int as n from ${table}`);
  return row?.n ?? 0;
}

async function addLevel(x: Exec, parent: string, child: string, fanout: string, order: string, limit: number) {
  if (limit <= 0) return;
  await x.q(`
    insert into tb_org_src (id, parent_id, level, path, cpath)
    select s.id, s.pid, '${child}', s.ppath || s.id::text, s.pcpath || s.id || ','
    from (
      select (select max(id) from tb_org_src) + row_number() over (order by ${order}) as id,
             p.id as pid, p.path as ppath, p.cpath as pcpath
      from tb_org_src p cross join lateral generate_series(1, ${fanout}) k
      where p.level = '${parent}'
      order by ${order}
      limit ${limit}
    ) s`);
}

export async function generateDataset(x: Exec, o: DatasetOptions): Promise<void> {
  await x.q(`create table tb_org_src (id int primary key, parent_id int, level text not null,
             path ltree not null, cpath text not null)`);
  await x.q(`insert into tb_org_src values (1, null, 'city', '1', ',1,')`);
  await x.q(`insert into tb_org_src select 1 + g, 1, 'county', ('1.' || (1 + g))::ltree, ',1,' || (1 + g) || ','
             from generate_series(1, ${Math.min(o.counties, o.orgs - 1)}) g`);
  for (const l of LEVELS) {
    await addLevel(x, l.parent, l.child, l.fanout, 'p.id, k', o.orgs - (await count(x, 'tb_org_src')));
  }
  const remaining = o.orgs - (await count(x, 'tb_org_src'));
  const grids = await count(x, `tb_org_src where level = 'grid'`);
  if (remaining > 0 && grids > 0) {
    // Party groups: spread the rest round-robin over the grids (k-major order).
    await addLevel(x, 'grid', 'group', String(Math.ceil(remaining / grids)), 'k, p.id', remaining);
  }
  await x.q('analyze tb_org_src');

  // Members sit in "leaf-ish" organizations: village branches, grids and party groups.
  await x.q(`create table tb_leaf as select row_number() over (order by id)::int as rn, id
             from tb_org_src where level in ('village', 'grid', 'group')`);
  await x.q('alter table tb_leaf add primary key (rn)');
  const leaves = await count(x, 'tb_leaf');
  await x.q(`create table tb_members (id int not null, org_id int not null, name text not null,
             gender text not null, education text not null, birth_date date not null,
             joined_on date not null, status text not null)`);
  await x.q(`
    insert into tb_members
    select g, l.id, '党员' || g,
           case when ${h('g', 1)} % 100 < 72 then 'male' else 'female' end,
           (array['研究生','大学本科','大学专科','中专','高中','初中及以下'])[1 + ${h('g', 2)} % 6],
           date '1940-01-01' + (${h('g', 3)} % 25000)::int,
           date '1975-01-01' + (${h('g', 4)} % 18000)::int,
           case when ${h('g', 5)} % 100 < 4 then 'probationary' else 'full' end
    from generate_series(1, ${o.members}) g
    join tb_leaf l on l.rn = 1 + ${h('g', 0)} % ${leaves}`);
  await x.q('drop table tb_leaf');
  await x.q('alter table tb_members add primary key (id)');
  await x.q('create index tb_members_org on tb_members (org_id, id)');
  await x.q('vacuum analyze tb_members');
}

export interface TreeShape {
  byLevel: Record<string, number>;
  members: number;
  townships: number[];
  counties: number[];
}

export async function readShape(x: Exec): Promise<TreeShape> {
  const rows = await x.q<{ level: string; n: number }>(
    'select level, count(*)::int as n from tb_org_src group by level order by min(id)',
  );
  const ids = async (level: string) =>
    (await x.q<{ id: number }>(`select id from tb_org_src where level = '${level}' order by id`)).map((r) => r.id);
  return {
    byLevel: Object.fromEntries(rows.map((r) => [r.level, r.n])),
    members: await count(x, 'tb_members'),
    townships: await ids('township'),
    counties: await ids('county'),
  };
}

/** Deterministic PRNG (mulberry32) so every run samples the same nodes. */
export function sampler(seed: number): <T>(items: readonly T[], n: number) => T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[], n: number): T[] => {
    const out: T[] = [];
    for (let i = 0; i < n && items.length > 0; i++) out.push(items[Math.floor(next() * items.length)] as T);
    return out;
  };
}
