// Assessment targets (考核目标) changed and removed: a new share changes whether the target reads
// as met, a refused change names its field and changes nothing, only county staff whose scope holds
// the setting organization may change or remove it (404 from a sibling subtree), and each write
// leaves one audit row with before/after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { TargetList } from '../../src/modules/assessment/assessment.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

type Targets = z.infer<typeof TargetList>;

let ts: TestServer;
let tree: OrgTree;
let county: Client;
let township: Client;
let townshipB: Client;
let otherCounty: Client;

const definition = {
  items: [{ key: 'people', name: '群众反映好', indicators: [{ key: 'opinion', name: '群众满意度', type: 'manual', full: 10, guide: '附测评材料' }] }],
  pass: { itemMinPct: 60, totalMinPct: 85 },
  stars: [],
};

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const sibling = await ts.insertOrg(null, { code: 'TGT-OTHER', name: '中共另一测试县委员会', kind: 'committee', level: 'county', domain: 'local' });
  const u = async (orgId: number) => {
    const x = await ts.makeUser('org_staff', orgId);
    return login(ts.app, x.username, x.password);
  };
  county = await u(tree.root.id);
  township = await u(tree.a.township.id);
  townshipB = await u(tree.b.township.id);
  otherCounty = await u(sibling.id);
  const std = await county.post('/api/assessment-standards', { code: 'tgt_village', name: '目标测试村级标准', categoryLabel: '村级党组织', appliesTo: { levels: ['village'] }, definition, source: '测试依据' });
  expect(std.statusCode, std.body).toBe(201);
  // One round over the county's two villages, made final by hand: A's village reached the standard, B's did not (50%).
  const round = await county.post('/api/assessment-rounds', { orgId: tree.root.id, standardId: std.json<{ id: number }>().id, cadence: 'quarter', year: 2026, part: 2 });
  expect(round.statusCode, round.body).toBe(201);
  for (const s of round.json<{ sheetList: { id: number; orgId: number }[] }>().sheetList) {
    const passed = s.orgId === tree.a.village.id;
    await ts.db.updateTable('assessment_sheets').set({ state: 'final', passed, total_pct: passed ? 90 : 70, computed: '{}', finalized_on: '2026-07-10' }).where('id', '=', s.id).execute();
  }
});

afterAll(async () => {
  await ts?.close();
});

const lastSeq = async () => Number((await sql<{ s: number | null }>`select max(seq)::int as s from audit_log`.execute(ts.db)).rows[0]!.s ?? 0);
const auditAfter = (seq: number) => ts.db.selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();
const stored = (id: number) => ts.db.selectFrom('assessment_targets').selectAll().where('id', '=', id).executeTakeFirst();

async function create(orgId: number, sharePct: number, title: string) {
  const res = await county.post('/api/assessment-targets', { orgId, standardCode: 'tgt_village', sharePct, deadline: '2027-12-31', title, source: '测试依据' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

async function targetsOf(client: Client, orgId: number) {
  const res = await client.get(`/api/assessment-targets?orgId=${orgId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Targets>();
}

describe('changing a target', () => {
  it('lowering the share below the progress makes the target read as met; one audit row holds before and after', async () => {
    const id = await create(tree.root.id, 65, '村级党组织65%达到“五个好”');
    const before = (await targetsOf(county, tree.root.id)).items.find((t) => t.id === id)!;
    expect([before.sharePct, before.reached, before.total, before.progressPct, before.met, before.canEdit]).toEqual([65, 1, 2, 50, false, true]);
    const seq = await lastSeq();
    const res = await county.patch(`/api/assessment-targets/${id}`, { sharePct: 50, deadline: '2028-06-30', title: '村级党组织半数达到“五个好”' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Targets & { id: number }>().id).toBe(id);
    const after = (await targetsOf(county, tree.root.id)).items.find((t) => t.id === id)!;
    expect([after.sharePct, after.deadline, after.title, after.source, after.standardCode, after.met]).toEqual([50, '2028-06-30', '村级党组织半数达到“五个好”', '测试依据', 'tgt_village', true]);
    const rows = await auditAfter(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'assessment.targetUpdate', entity: 'assessment_target', entity_id: String(id), scope_path: tree.root.path });
    expect(rows[0]!.before).toMatchObject({ share_bp: 6500, deadline: '2027-12-31', title: '村级党组织65%达到“五个好”', standard_code: 'tgt_village' });
    expect(rows[0]!.after).toMatchObject({ share_bp: 5000, deadline: '2028-06-30', title: '村级党组织半数达到“五个好”', standard_code: 'tgt_village' });
  });

  it('a refused change names the field and changes nothing: share out of range, empty title, bad date, the standard, nothing at all', async () => {
    const id = await create(tree.root.id, 60, '校验测试目标');
    const was = await stored(id);
    const seq = await lastSeq();
    for (const [body, field] of [
      [{ sharePct: 0 }, 'sharePct'],
      [{ sharePct: 120 }, 'sharePct'],
      [{ title: '  ' }, 'title'],
      [{ deadline: '2027-02-30' }, 'deadline'],
      [{ source: '依' }, 'source'],
      [{ standardCode: 'five_good_village' }, 'standardCode'],
      [{ orgId: tree.a.township.id }, 'orgId'],
    ] as const) {
      const res = await county.patch(`/api/assessment-targets/${id}`, body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      const p = res.json<Problem>();
      expect(p.errors?.map((e) => e.field)).toContain(field);
      expect(p.errors?.find((e) => e.field === field)?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const empty = await county.patch(`/api/assessment-targets/${id}`, {});
    expect(empty.statusCode).toBe(400);
    // The refinement "至少修改一项" is on the body as a whole (the error handler words it in the caller's language).
    expect(empty.json<Problem>().errors?.map((e) => e.field)).toEqual(['body']);
    expect(await stored(id)).toEqual(was);
    expect(await auditAfter(seq)).toEqual([]);
  });
});

describe('who may change or remove a target', () => {
  it('a user of a sibling subtree gets 404 on PATCH and DELETE, and the target stays as it was', async () => {
    const id = await create(tree.a.township.id, 60, '甲镇村级党组织目标');
    const was = await stored(id);
    const seq = await lastSeq();
    for (const c of [townshipB, otherCounty]) {
      expect((await c.patch(`/api/assessment-targets/${id}`, { sharePct: 10 })).statusCode).toBe(404);
      expect((await c.delete(`/api/assessment-targets/${id}`)).statusCode).toBe(404);
    }
    // Inside the scope but not a county organization department: refused, not hidden.
    expect((await township.patch(`/api/assessment-targets/${id}`, { sharePct: 10 })).statusCode).toBe(403);
    expect((await township.delete(`/api/assessment-targets/${id}`)).statusCode).toBe(403);
    expect(await stored(id)).toEqual(was);
    expect(await auditAfter(seq)).toEqual([]);
    // The township sees the target but is not offered to change it; a target set above it is not its own either.
    const seen = await targetsOf(township, tree.a.township.id);
    expect(seen.items.filter((t) => t.id === id).map((t) => t.canEdit)).toEqual([false]);
    expect(seen.items.every((t) => !t.canEdit)).toBe(true);
  });
});

describe('removing a target', () => {
  it('removes it from the list with one audit row, leaves the sheets, and a second delete is 404', async () => {
    const id = await create(tree.root.id, 80, '待删除的目标');
    const sheets = await ts.db.selectFrom('assessment_sheets').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const seq = await lastSeq();
    const res = await county.delete(`/api/assessment-targets/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await targetsOf(county, tree.root.id)).items.map((t) => t.id)).not.toContain(id);
    expect(await stored(id)).toBeUndefined();
    const rows = await auditAfter(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'assessment.targetDelete', entity: 'assessment_target', entity_id: String(id), after: null });
    expect(rows[0]!.before).toMatchObject({ share_bp: 8000, title: '待删除的目标', standard_code: 'tgt_village' });
    expect(await ts.db.selectFrom('assessment_sheets').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(sheets);
    expect((await county.delete(`/api/assessment-targets/${id}`)).statusCode).toBe(404);
    expect((await county.patch(`/api/assessment-targets/${id}`, { sharePct: 10 })).statusCode).toBe(404);
  });
});
