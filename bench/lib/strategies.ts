import type { Exec } from './engine.ts';

/** A node as one strategy sees it: ids everywhere, the path only where the strategy stores one. */
export interface Node {
  id: number;
  /** ltree path ('1.3.57'), or '' */
  path: string;
  /** comma path (',1,3,57,'), or '' */
  cpath: string;
}

export interface BuildOptions {
  /** s6: also build a GiST index on members.org_path (slow to build: ~1 min per 3M rows natively). */
  denormGist: boolean;
}

export interface Strategy {
  key: 's1' | 's2' | 's3' | 's4' | 's5' | 's6';
  label: string;
  /** Every table this strategy owns (sizes are reported per table). */
  tables: string[];
  build(x: Exec, o: BuildOptions): Promise<void>;
  resolve(x: Exec, id: number): Promise<Node>;
  /** SQL selecting column `id`: the node and all its descendants. Values are inlined (ints / digit paths). */
  subtree(n: Node): string;
  /** Move subtree `t` under `parent`; runs inside one transaction. */
  move(x: Exec, t: Node, parent: Node): Promise<void>;
  /** Rows that break the strategy's invariant (0 = consistent). */
  violations(x: Exec): Promise<number>;
}

/** Upper bound of a subtree in ltree btree order: labels are decimal ids and 'z' sorts after digits. */
export const upper = (path: string) => `${path}.z`;

async function one(x: Exec, text: string): Promise<number> {
  const [row] = await x.q<{ n: number }>(text);
  return row?.n ?? 0;
}

async function orgTable(x: Exec, table: string, extra: string, select: string): Promise<void> {
  await x.q(`create table ${table} (id int primary key, parent_id int, level text not null${extra})`);
  await x.q(`insert into ${table} select id, parent_id, level${select} from tb_org_src order by id`);
}

function ltreeStrategy(key: 's1' | 's2' | 's6', label: string, index: string): Strategy {
  const t = `${key}_org`;
  return {
    key,
    label,
    tables: [t],
    async build(x) {
      await orgTable(x, t, ', path ltree not null', ', path');
      await x.q(`create index ${t}_path on ${t} using ${index} (path)`);
      await x.q(`vacuum analyze ${t}`);
    },
    async resolve(x, id) {
      const [r] = await x.q<{ path: string }>(`select path::text as path from ${t} where id = ${id}`);
      return { id, path: r?.path ?? '', cpath: '' };
    },
    subtree: (n) =>
      index === 'gist'
        ? `select id from ${t} where path <@ '${n.path}'`
        : `select id from ${t} where path >= '${n.path}' and path < '${upper(n.path)}'`,
    async move(x, node, parent) {
      const where = index === 'gist' ? `path <@ '${node.path}'` : `path >= '${node.path}' and path < '${upper(node.path)}'`;
      const keep = node.path.split('.').length - 1;
      await x.q(`update ${t} set path = '${parent.path}' || subpath(path, ${keep}) where ${where}`);
      await x.q(`update ${t} set parent_id = ${parent.id} where id = ${node.id}`);
    },
    violations: (x) =>
      one(x, `select count(*)::int as n from ${t} o join ${t} p on p.id = o.parent_id where o.path <> p.path || o.id::text`),
  };
}

const s1 = ltreeStrategy('s1', 'ltree + GiST (path <@ p)', 'gist');
const s2 = ltreeStrategy('s2', 'ltree + btree (p <= path < p.z)', 'btree');

const s3: Strategy = {
  key: 's3',
  label: 'closure table',
  tables: ['s3_org', 's3_closure'],
  async build(x) {
    await orgTable(x, 's3_org', '', '');
    await x.q(`create table s3_closure (ancestor_id int not null, descendant_id int not null, depth int not null)`);
    await x.q(`insert into s3_closure
               select subpath(o.path, i - 1, 1)::text::int, o.id, nlevel(o.path) - i
               from tb_org_src o cross join lateral generate_series(1, nlevel(o.path)) i
               order by 1, 2`);
    await x.q('alter table s3_closure add primary key (ancestor_id, descendant_id)');
    await x.q('create index s3_closure_desc on s3_closure (descendant_id, ancestor_id)');
    await x.q('vacuum analyze s3_org');
    await x.q('vacuum analyze s3_closure');
  },
  resolve: async (_x, id) => ({ id, path: '', cpath: '' }),
  subtree: (n) => `select descendant_id as id from s3_closure where ancestor_id = ${n.id}`,
  async move(x, node, parent) {
    await x.q(`delete from s3_closure
               where descendant_id in (select descendant_id from s3_closure where ancestor_id = ${node.id})
                 and ancestor_id in (select ancestor_id from s3_closure where descendant_id = ${node.id} and depth > 0)`);
    await x.q(`insert into s3_closure (ancestor_id, descendant_id, depth)
               select a.ancestor_id, d.descendant_id, a.depth + d.depth + 1
               from s3_closure a cross join s3_closure d
               where a.descendant_id = ${parent.id} and d.ancestor_id = ${node.id}`);
    await x.q(`update s3_org set parent_id = ${parent.id} where id = ${node.id}`);
  },
  violations: async (x) =>
    (await one(x, `select count(*)::int as n from s3_org o where o.parent_id is not null and not exists
                   (select 1 from s3_closure c where c.ancestor_id = o.parent_id and c.descendant_id = o.id and c.depth = 1)`)) +
    (await one(x, `select count(*)::int as n from s3_closure c join s3_org o on o.id = c.descendant_id
                   where c.depth = 1 and c.ancestor_id is distinct from o.parent_id`)),
};

const s4: Strategy = {
  key: 's4',
  label: 'recursive CTE on parent_id',
  tables: ['s4_org'],
  async build(x) {
    await orgTable(x, 's4_org', '', '');
    await x.q('create index s4_org_parent on s4_org (parent_id, id)');
    await x.q('vacuum analyze s4_org');
  },
  resolve: async (_x, id) => ({ id, path: '', cpath: '' }),
  subtree: (n) => `with recursive t(id) as (select ${n.id} union all
                   select o.id from s4_org o join t on o.parent_id = t.id) select id from t`,
  async move(x, node, parent) {
    await x.q(`update s4_org set parent_id = ${parent.id} where id = ${node.id}`);
  },
  violations: (x) =>
    one(x, `select count(*)::int as n from s4_org o where o.parent_id is not null
            and not exists (select 1 from s4_org p where p.id = o.parent_id)`),
};

const s5: Strategy = {
  key: 's5',
  label: "comma path LIKE '%,id,%'",
  tables: ['s5_org'],
  async build(x) {
    await orgTable(x, 's5_org', ', cpath text not null', ', cpath');
    await x.q('vacuum analyze s5_org');
  },
  async resolve(x, id) {
    const [r] = await x.q<{ cpath: string }>(`select cpath from s5_org where id = ${id}`);
    return { id, path: '', cpath: r?.cpath ?? '' };
  },
  subtree: (n) => `select id from s5_org where cpath like '%,${n.id},%'`,
  async move(x, node, parent) {
    const oldParent = node.cpath.slice(0, node.cpath.length - `${node.id},`.length);
    await x.q(`update s5_org set cpath = '${parent.cpath}' || substr(cpath, ${oldParent.length + 1})
               where cpath like '%,${node.id},%'`);
    await x.q(`update s5_org set parent_id = ${parent.id} where id = ${node.id}`);
  },
  violations: (x) =>
    one(x, `select count(*)::int as n from s5_org o join s5_org p on p.id = o.parent_id
            where o.cpath <> p.cpath || o.id || ','`),
};

/** s6 = s1's tree (own copy) + members carrying the org path: btree (org_path, id), GiST optional. */
const s6base = ltreeStrategy('s6', 'members.org_path denormalized', 'gist');
const s6: Strategy = {
  ...s6base,
  tables: ['s6_org', 's6_members'],
  async build(x, o) {
    await s6base.build(x, o);
    await x.q(`create table s6_members as select m.*, o.path as org_path
               from tb_members m join s6_org o on o.id = m.org_id order by m.id`);
    await x.q('alter table s6_members add primary key (id)');
    await x.q('create index s6_members_org on s6_members (org_id, id)');
    await x.q('create index s6_members_path_btree on s6_members (org_path, id)');
    if (o.denormGist) await x.q('create index s6_members_path_gist on s6_members using gist (org_path)');
    await x.q('vacuum analyze s6_members');
  },
  async move(x, node, parent) {
    await s6base.move(x, node, parent);
    const keep = node.path.split('.').length - 1;
    await x.q(`update s6_members set org_path = '${parent.path}' || subpath(org_path, ${keep})
               where org_path >= '${node.path}' and org_path < '${upper(node.path)}'`);
  },
  violations: async (x) =>
    (await s6base.violations(x)) +
    (await one(x, `select count(*)::int as n from s6_members m join s6_org o on o.id = m.org_id where m.org_path <> o.path`)),
};

export const STRATEGIES: Strategy[] = [s1, s2, s3, s4, s5, s6];
