// Pre-aggregated member tallies (migration 20261201T1450) stay equal to a count made here from
// the rows after every kind of write that changes who is counted where: creating and editing
// members through the API, a member leaving, moving a village to another township, making a
// village an anchor by changing its level, merging organizations, a bulk insert, and concurrent
// creates. The roll-up endpoint answers from them, limited to the caller's scope.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChar } from '../../src/lib/idcard.ts';
import { statsCommand } from '../../src/modules/statistics/statistics.cli.ts';
import type { Rollup } from '../../src/modules/statistics/statistics.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let admin: Client;
let staffB: Client;
let seq = 300;

const ANCHOR = new Set(['province', 'city', 'county', 'township']);

function idFor(birth: string, gender: 'male' | 'female'): string {
  seq++;
  const s = String(gender === 'male' ? seq * 2 + 1 : seq * 2).padStart(3, '0').slice(-3);
  const first17 = `330402${birth.replaceAll('-', '')}${s}`;
  return first17 + checkChar(first17);
}

/** The tallies as stored (non-zero cells), and as counted here by walking parent_id in TypeScript. */
async function storedAndExpected() {
  const orgs = await ts.db.selectFrom('organizations').select(['id', 'parent_id', 'level']).execute();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const anchor = (id: number): number => {
    let o = byId.get(id)!;
    while (!ANCHOR.has(o.level) && o.parent_id !== null) o = byId.get(o.parent_id)!;
    return o.id;
  };
  const members = await ts.db.selectFrom('members').select(['org_id', 'gender', 'education', 'status']).where('left_on', 'is', null).execute();
  const expected = new Map<string, number>();
  for (const m of members) {
    const k = `${anchor(m.org_id)}|${m.gender}|${m.education}|${m.status}`;
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  const rows = await ts.db.selectFrom('member_tallies').selectAll().where('n', '<>', 0).execute();
  const stored = new Map(rows.map((r) => [`${r.anchor_id}|${r.gender}|${r.education}|${r.status}`, r.n]));
  return { stored: Object.fromEntries([...stored].sort()), expected: Object.fromEntries([...expected].sort()), total: members.length };
}

async function expectConsistent() {
  const { stored, expected, total } = await storedAndExpected();
  expect(stored).toEqual(expected);
  return total;
}

async function createMember(c: Client, orgId: number, gender: 'male' | 'female', education: string, probationary = false) {
  const birth = '1990-03-04';
  const res = await c.post('/api/members', {
    orgId,
    name: `汇总${seq}`,
    gender,
    idNumber: idFor(birth, gender),
    birthDate: birth,
    education,
    category: 'farmer',
    joinedOn: probationary ? '2026-06-01' : '2015-07-01',
    fullMemberOn: probationary ? null : '2016-07-01',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; status: string }>();
}

const rollup = async (c: Client, id: number, level: string) => c.get(`/api/stats/orgs/${id}/rollup?level=${level}`);

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const a = await ts.makeUser('admin', tree.root.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  admin = await login(ts.app, a.username, a.password);
  staffB = await login(ts.app, b.username, b.password);
});
afterAll(async () => {
  await ts?.close();
});

describe('member tallies follow every write', () => {
  it('count the factory members at their townships', async () => {
    expect(await expectConsistent()).toBe(8);
    const r = await ts.db.selectFrom('member_tallies').select(['anchor_id']).distinct().execute();
    expect(r.map((x) => x.anchor_id).sort()).toEqual([tree.a.township.id, tree.b.township.id].sort());
  });

  it('follow API creates and edits, including a probationary member and a change of education', async () => {
    const m = await createMember(admin, tree.a.branch.id, 'female', 'postgraduate', true);
    expect(m.status).toBe('probationary');
    await expectConsistent();
    const res = await admin.patch(`/api/members/${m.id}`, { education: 'college' });
    expect(res.statusCode, res.body).toBe(200);
    await expectConsistent();
    // An edit of a field that is not counted writes nothing to the tallies.
    const before = await ts.db.selectFrom('member_tallies').selectAll().orderBy(['anchor_id', 'gender', 'education', 'status']).execute();
    expect((await admin.patch(`/api/members/${m.id}`, { phone: '13900000001' })).statusCode).toBe(200);
    expect(await ts.db.selectFrom('member_tallies').selectAll().orderBy(['anchor_id', 'gender', 'education', 'status']).execute()).toEqual(before);
  });

  it('drop a member who leaves the register and count them again if the leaving is undone', async () => {
    const id = tree.a.members[0]!.id;
    await ts.db.updateTable('members').set({ left_on: '2026-11-30', left_reason: 'death' }).where('id', '=', id).execute();
    const total = await expectConsistent();
    await ts.db.updateTable('members').set({ left_on: null, left_reason: null }).where('id', '=', id).execute();
    expect(await expectConsistent()).toBe(total + 1);
  });

  it('move a village subtree to another township: both townships are counted again', async () => {
    const res = await admin.post(`/api/orgs/${tree.a.village.id}/move`, { newParentId: tree.b.township.id });
    expect(res.statusCode, res.body).toBe(200);
    await expectConsistent();
    const anchors = await ts.db.selectFrom('member_tallies').select('anchor_id').where('n', '<>', 0).distinct().execute();
    expect(anchors.map((x) => x.anchor_id)).toEqual([tree.b.township.id]);
    // …and back.
    expect((await admin.post(`/api/orgs/${tree.a.village.id}/move`, { newParentId: tree.a.township.id })).statusCode).toBe(200);
    await expectConsistent();
  });

  it('a village whose level becomes township is an anchor of its own, and stops being one when changed back', async () => {
    expect((await admin.patch(`/api/orgs/${tree.b.village.id}`, { level: 'township' })).statusCode).toBe(200);
    await expectConsistent();
    expect((await ts.db.selectFrom('member_tallies').select('anchor_id').where('anchor_id', '=', tree.b.village.id).where('n', '<>', 0).execute()).length).toBeGreaterThan(0);
    expect((await admin.patch(`/api/orgs/${tree.b.village.id}`, { level: 'village' })).statusCode).toBe(200);
    await expectConsistent();
  });

  it('merging a branch into a village of the other township moves its members between anchors', async () => {
    const res = await admin.post(`/api/orgs/${tree.b.village.id}/merge`, { sourceIds: [tree.a.branch.id] });
    expect(res.statusCode, res.body).toBe(200);
    await expectConsistent();
  });

  it('a bulk insert of 2,000 members in one statement is counted once', async () => {
    await sql`
      insert into members (org_id, name, gender, birth_date, id_number_cipher, id_number_hash, id_number_masked, education, category, joined_on, full_member_on, status)
      select ${tree.b.branch.id}, '批量' || g, case when g % 3 = 0 then 'female' else 'male' end, '1980-01-01', 'x', 'bulk-' || g, '330402********0000',
             (array['bachelor', 'college', 'high_school'])[1 + g % 3], 'farmer', '2010-07-01', '2011-07-01', 'full'
      from generate_series(1, 2000) g`.execute(ts.db);
    expect(await expectConsistent()).toBeGreaterThan(2000);
  });

  it('concurrent creates in one village leave the right counts', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => createMember(admin, tree.a.village.id, i % 2 ? 'male' : 'female', 'bachelor')));
    await expectConsistent();
  });
});

describe('roll-up by level', () => {
  it('gives every township of the county with the cross table, and agrees with the tallies', async () => {
    const res = await rollup(admin, tree.root.id, 'township');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Rollup>();
    expect(r.rows.map((x) => x.id).sort()).toEqual([tree.a.township.id, tree.b.township.id].sort());
    const { total } = await storedAndExpected();
    expect(r.total).toBe(total);
    for (const row of r.rows) {
      expect(row.cells.reduce((a, c) => a + c.count, 0)).toBe(row.total);
      expect(row.byGender.reduce((a, c) => a + c.count, 0)).toBe(row.total);
      const counted = await sql<{ n: number }>`
        select count(*)::int as n from members m join organizations o on o.id = m.org_id
        where m.left_on is null and o.path <@ (select path from organizations where id = ${row.id})`.execute(ts.db);
      expect(row.total).toBe(counted.rows[0]!.n);
      // The organization page's member count of a township comes from the tallies too.
      expect((await admin.get(`/api/orgs/${row.id}`)).json<{ subtreeMemberCount: number }>().subtreeMemberCount).toBe(row.total);
    }
    expect((await admin.get(`/api/orgs/${tree.root.id}`)).json<{ subtreeMemberCount: number }>().subtreeMemberCount).toBe(total);
    // …and a village's from the members index: the same figure by another path.
    const village = await sql<{ n: number }>`
      select count(*)::int as n from members m join organizations o on o.id = m.org_id
      where m.left_on is null and o.path <@ (select path from organizations where id = ${tree.b.village.id})`.execute(ts.db);
    expect((await admin.get(`/api/orgs/${tree.b.village.id}`)).json<{ subtreeMemberCount: number }>().subtreeMemberCount).toBe(village.rows[0]!.n);
    const county = (await rollup(admin, tree.root.id, 'county')).json<Rollup>();
    expect(county.rows).toHaveLength(1);
    expect(county.rows[0]!.total).toBe(total);
  });

  it('an empty level gives an empty list, a level above the organization is refused naming the field', async () => {
    const created = await admin.post('/api/orgs', { parentId: tree.root.id, code: 'TALLY-EMPTY', name: '中共空白区委员会', kind: 'committee', level: 'county', domain: 'local' });
    expect(created.statusCode, created.body).toBe(201);
    const none = (await rollup(admin, created.json<{ id: number }>().id, 'township')).json<Rollup>();
    expect(none.rows).toEqual([]);
    expect(none.total).toBe(0);
    expect((await rollup(admin, tree.root.id, 'city')).statusCode).toBe(400);
    // Without a level: the next one down (a county by township); a village has none below it.
    const byDefault = (await admin.get(`/api/stats/orgs/${tree.root.id}/rollup`)).json<Rollup>();
    expect(byDefault.level).toBe('township');
    expect(byDefault.rows).toHaveLength(2);
    const village = await admin.get(`/api/stats/orgs/${tree.a.village.id}/rollup`);
    expect(village.statusCode).toBe(200);
    expect(village.json<Rollup>()).toMatchObject({ level: null, total: 0, rows: [] });
    const bad = await rollup(staffB, tree.b.township.id, 'county');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().detail ?? bad.body).toMatch(/汇总级别/);
  });

  it('stays inside the caller’s scope', async () => {
    expect((await rollup(staffB, tree.root.id, 'township')).statusCode).toBe(404);
    const own = (await rollup(staffB, tree.b.township.id, 'township')).json<Rollup>();
    expect(own.rows.map((x) => x.id)).toEqual([tree.b.township.id]);
  });

  it('the command line prints the same figures', async () => {
    const lines: string[] = [];
    await statsCommand(ts.db, { org: tree.root.code, rollup: 'township', json: true }, (l) => lines.push(l));
    const cli = JSON.parse(lines.join('\n')) as Rollup;
    expect(cli).toEqual((await rollup(admin, tree.root.id, 'township')).json<Rollup>());
    await expect(statsCommand(ts.db, { org: tree.root.code, rollup: 'village' }, () => {})).rejects.toThrow(/汇总级别/);
  });
});
