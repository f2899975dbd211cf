// Assessment (考核评价): computed indicators fill themselves from the records and match them,
// changing a record and recomputing changes the score, manual items need evidence, only the level
// above reviews, computed scores cannot be typed over, target progress equals a hand count at the
// threshold edge, and nothing is shown to a user of a sibling subtree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { developmentOnTime } from '../../src/modules/development/development.indicators.ts';
import { duesArrears } from '../../src/modules/dues/dues.indicators.ts';
import type { RoundDetail, SheetDetail, TargetList } from '../../src/modules/assessment/assessment.schemas.ts';
import { indicatorProviders } from '../../src/modules/assessment/indicator.registry.ts';
import type { IndicatorProvider } from '../../src/modules/assessment/indicator.types.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

type Sheet = z.infer<typeof SheetDetail>;
type Round = z.infer<typeof RoundDetail>;

let ts: TestServer;
let tree: OrgTree;
let county: Client;
let township: Client;
let village: Client;
let townshipB: Client;
let stdId: number;
let fakeRatio: number | null = 0.5;
const Q3 = { from: '2026-07-01', to: '2026-09-30' };

/** A fake provider the test controls, registered like any module's. */
const fake: IndicatorProvider = {
  code: 'testfake.ratio',
  name: '测试指标',
  nameEn: 'Test indicator',
  description: '测试用',
  async compute() {
    return { value: fakeRatio, display: `测试 ${fakeRatio}`, displayEn: 'test', ratio: fakeRatio, numerator: null, denominator: null, evidence: [{ kind: 'test', id: 1, label: '测试记录', date: null, link: '/orgs/1', ok: true }], evidenceTotal: 1, note: fakeRatio === null ? '测试：无数据' : null };
  },
};

const definition = {
  items: [
    {
      key: 'members',
      name: '党员干部队伍好',
      indicators: [
        { key: 'appraisal', name: '民主评议按期完成', type: 'computed', provider: 'appraisal.done', full: 10, scoring: { kind: 'linear' } },
        { key: 'fake', name: '测试指标', type: 'computed', provider: 'testfake.ratio', full: 10, scoring: { kind: 'steps', steps: [{ min: 0.9, share: 1 }, { min: 0.5, share: 0.6 }] } },
        { key: 'missing', name: '阵地建设规范', type: 'computed', provider: 'venue.standardized', full: 10, scoring: { kind: 'linear' } },
      ],
    },
    { key: 'people', name: '群众反映好', indicators: [{ key: 'opinion', name: '群众满意度', type: 'manual', full: 10, guide: '附测评材料' }] },
  ],
  pass: { itemMinPct: 60, totalMinPct: 85 },
  stars: [
    { stars: 1, minPct: 60 },
    { stars: 3, minPct: 80 },
  ],
};

beforeAll(async () => {
  ts = await testServer();
  indicatorProviders.push(fake);
  tree = await ts.makeOrgTree();
  const u = async (role: 'org_staff' | 'secretary', orgId: number) => {
    const x = await ts.makeUser(role, orgId);
    return login(ts.app, x.username, x.password);
  };
  county = await u('org_staff', tree.root.id);
  township = await u('org_staff', tree.a.township.id);
  village = await u('secretary', tree.a.village.id);
  townshipB = await u('org_staff', tree.b.township.id);
  const res = await county.post('/api/assessment-standards', { code: 'test_village', name: '测试村级标准', categoryLabel: '村级党组织', appliesTo: { levels: ['village'] }, definition, source: '测试依据' });
  expect(res.statusCode, res.body).toBe(201);
  stdId = res.json<{ id: number }>().id;
});

afterAll(async () => {
  indicatorProviders.splice(indicatorProviders.indexOf(fake), 1);
  await ts?.close();
});

async function launch(client: Client, orgId: number, part = 3) {
  const res = await client.post('/api/assessment-rounds', { orgId, standardId: stdId, cadence: 'quarter', year: 2026, part });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Round>();
}
const sheetOf = (r: Round, orgId: number) => r.sheetList.find((s) => s.orgId === orgId)!;
const ind = (s: Sheet, key: string) => s.items.flatMap((i) => i.indicators).find((i) => i.key === key)!;
async function getSheet(client: Client, id: number) {
  const res = await client.get(`/api/assessment-sheets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Sheet>();
}

describe('a round and its sheets', () => {
  let round: Round;
  let sheetId: number;

  it('launching creates one sheet per village organization in the subtree; computed indicators fill themselves from the records', async () => {
    round = await launch(township, tree.a.township.id);
    expect(round.sheetList.map((s) => s.orgId)).toEqual([tree.a.village.id]);
    expect(round.periodFrom).toBe(Q3.from);
    expect(round.periodTo).toBe(Q3.to);
    sheetId = sheetOf(round, tree.a.village.id).id;
    const s = await getSheet(village, sheetId);
    expect(s.live).toBe(true);
    expect(s.canSelfCheck).toBe(true);
    // appraisal.done: the village and its branch hold members; neither has published its 2025 appraisal.
    const a = ind(s, 'appraisal');
    expect(a.denominator).toBe(2);
    expect(a.numerator).toBe(0);
    expect(a.points).toBe(0);
    expect(a.evidence.map((e) => e.link).sort()).toEqual([`/appraisal?orgId=${tree.a.branch.id}`, `/appraisal?orgId=${tree.a.village.id}`].sort());
    // 0.5 maps to 60% of 10 by the standard's steps.
    expect(ind(s, 'fake').points).toBe(6);
    // Not registered: 不可用 with its reason, left out of the full score — never a crash.
    const missing = ind(s, 'missing');
    expect(missing.available).toBe(false);
    expect(missing.note).toContain('不可用');
    expect(s.items[0]!.full).toBe(20);
  });

  it('refuses a manual item without evidence, a computed indicator typed by hand, and points over the full score', async () => {
    const none = await village.put(`/api/assessment-sheets/${sheetId}/manual`, { entries: [{ key: 'opinion', points: 9, evidence: '', links: [] }] });
    expect(none.statusCode).toBe(400);
    expect(none.json<Problem>().code).toBe('assessment.evidenceRequired');
    const typed = await village.put(`/api/assessment-sheets/${sheetId}/manual`, { entries: [{ key: 'appraisal', points: 10, evidence: '已完成评议' }] });
    expect(typed.statusCode).toBe(400);
    expect(typed.json<Problem>().code).toBe('assessment.computedNotEditable');
    const over = await village.put(`/api/assessment-sheets/${sheetId}/manual`, { entries: [{ key: 'opinion', points: 11, evidence: '满意度测评材料' }] });
    expect(over.statusCode).toBe(400);
    const early = await village.post(`/api/assessment-sheets/${sheetId}/submit`, {});
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().code).toBe('assessment.evidenceRequired');
    expect((await getSheet(village, sheetId)).state).toBe('not_started');
  });

  it('the level above cannot fill in the self-check; the organization itself cannot review', async () => {
    const bySuperior = await township.put(`/api/assessment-sheets/${sheetId}/manual`, { entries: [{ key: 'opinion', points: 9, evidence: '满意度测评材料' }] });
    expect(bySuperior.statusCode).toBe(403);
    const ok = await village.put(`/api/assessment-sheets/${sheetId}/manual`, { entries: [{ key: 'opinion', points: 9, evidence: '群众满意度测评 92%', links: ['/orgs/1'] }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const sub = await village.post(`/api/assessment-sheets/${sheetId}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    const s = sub.json<Sheet>();
    expect(s.state).toBe('submitted');
    expect(s.live).toBe(false);
    expect(s.computedAt).not.toBeNull();
    const selfReview = await village.post(`/api/assessment-sheets/${sheetId}/review`, { adjustments: [] });
    expect(selfReview.statusCode).toBe(403);
    expect(selfReview.json<Problem>().code).toBe('assessment.notReviewer');
  });

  it('the snapshot keeps its figures until a reviewer recomputes: a published appraisal then raises the score', async () => {
    const before = await getSheet(township, sheetId);
    expect(ind(before, 'appraisal').points).toBe(0);
    // The branch publishes its 2025 appraisal before the deadline (2026-03-31).
    const { id: roundId } = await ts.db.insertInto('appraisal_rounds').values({ org_id: tree.a.branch.id, year: 2025, starts_on: '2026-01-05', ends_on: '2026-02-28', state: 'published', published_on: '2026-03-01', note: null, created_by_name: 'test' }).returning('id').executeTakeFirstOrThrow();
    fakeRatio = 0.95;
    expect(ind(await getSheet(township, sheetId), 'appraisal').points).toBe(0);
    const re = await township.post(`/api/assessment-sheets/${sheetId}/recompute`, {});
    expect(re.statusCode, re.body).toBe(200);
    const after = re.json<Sheet>();
    const a = ind(after, 'appraisal');
    expect([a.numerator, a.denominator, a.points]).toEqual([1, 2, 5]);
    const link = a.evidence.find((e) => e.ok)!;
    expect(link.link).toBe(`/appraisal/rounds/${roundId}`);
    expect(ind(after, 'fake').points).toBe(10);
    expect(after.recomputedByName).toBeTruthy();
    // 5 + 10 of 20, and 9 of 10: 24 of 30 = 80% → not 五个好 (total < 85%), three stars.
    expect(after.result.points).toBe(24);
    expect(after.result.pct).toBe(80);
    expect(after.result.passed).toBe(false);
    expect(after.result.stars).toBe(3);
  });

  it('the reviewer adjusts manual scores with a reason, cannot type over a computed score, and finalizes', async () => {
    const typed = await township.post(`/api/assessment-sheets/${sheetId}/review`, { adjustments: [{ key: 'fake', points: 10, reason: '上级认为应满分' }] });
    expect(typed.statusCode).toBe(400);
    expect(typed.json<Problem>().code).toBe('assessment.computedNotEditable');
    const noReason = await township.post(`/api/assessment-sheets/${sheetId}/review`, { adjustments: [{ key: 'opinion', points: 10 }] });
    expect(noReason.statusCode).toBe(400);
    const ok = await township.post(`/api/assessment-sheets/${sheetId}/review`, { adjustments: [{ key: 'opinion', points: 10, reason: '测评材料齐全' }], comment: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = ok.json<Sheet>();
    expect(s.state).toBe('reviewed');
    expect(ind(s, 'opinion').selfPoints).toBe(9);
    expect(ind(s, 'opinion').reviewPoints).toBe(10);
    expect(s.result.points).toBe(25);
    const fin = await township.post(`/api/assessment-sheets/${sheetId}/finalize`, {});
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json<Sheet>().state).toBe('final');
    const again = await township.post(`/api/assessment-sheets/${sheetId}/review`, { adjustments: [] });
    expect(again.statusCode).toBe(409);
    const audit = await ts.db.selectFrom('audit_log').select('action').where('entity', '=', 'assessment_sheet').where('entity_id', '=', String(sheetId)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['assessment.selfScore', 'assessment.submit', 'assessment.recompute', 'assessment.review', 'assessment.finalize']);
  });

  it('a new version of the standard leaves the running round on its version', async () => {
    const v2 = await county.post('/api/assessment-standards', { code: 'test_village', name: '测试村级标准', categoryLabel: '村级党组织', appliesTo: { levels: ['village'] }, definition: { ...definition, pass: { itemMinPct: 50, totalMinPct: 70 } }, source: '测试依据（修订）' });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json<{ version: number }>().version).toBe(2);
    const r = await township.get(`/api/assessment-rounds/${round.id}`);
    expect(r.json<Round>().standardVersion).toBe(1);
    expect((await getSheet(township, sheetId)).result.totalMinPct).toBe(85);
  });

  it('a user of the sibling subtree gets 404 for the round, the sheet and the targets there', async () => {
    expect((await townshipB.get(`/api/assessment-rounds/${round.id}`)).statusCode).toBe(404);
    expect((await townshipB.get(`/api/assessment-sheets/${sheetId}`)).statusCode).toBe(404);
    expect((await townshipB.post(`/api/assessment-sheets/${sheetId}/recompute`, {})).statusCode).toBe(404);
    expect((await townshipB.get(`/api/assessment-targets?orgId=${tree.a.township.id}`)).statusCode).toBe(404);
    expect((await townshipB.post('/api/assessment-rounds', { orgId: tree.a.township.id, standardId: stdId, cadence: 'quarter', year: 2026, part: 2 })).statusCode).toBe(404);
    const list = await townshipB.get('/api/assessment-rounds');
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    // Standards and targets are the county's to set.
    expect((await township.post('/api/assessment-targets', { orgId: tree.a.township.id, standardCode: 'test_village', sharePct: 65, deadline: '2027-12-31', title: '目标', source: '依据' })).statusCode).toBe(403);
  });
});

describe('target progress', () => {
  it('equals a count made from the final sheets, at the edge: 13 of 20 villages meet a 65% target and miss a 66% one', async () => {
    const town = await ts.insertOrg(tree.root, { code: 'ASM-TWN', name: '中共考核测试镇委员会', kind: 'committee', level: 'township', domain: 'local' });
    const villages = [];
    for (let i = 0; i < 20; i++) villages.push(await ts.insertOrg(town, { code: `ASM-V${i}`, name: `中共考核测试${i + 1}村支部委员会`, kind: 'branch', level: 'village', domain: 'rural' }));
    const r = await launch(county, town.id, 2);
    expect(r.sheetList).toHaveLength(20);
    const passedIds = villages.slice(0, 13).map((v) => v.id);
    for (const s of r.sheetList) {
      await ts.db.updateTable('assessment_sheets').set({ state: 'final', passed: passedIds.includes(s.orgId), total_pct: passedIds.includes(s.orgId) ? 90 : 70, computed: '{}', finalized_on: '2026-07-10' }).where('id', '=', s.id).execute();
    }
    for (const [pct, title] of [
      [65, '村级党组织65%达到'],
      [66, '村级党组织66%达到'],
    ] as const) {
      const res = await county.post('/api/assessment-targets', { orgId: tree.root.id, standardCode: 'test_village', sharePct: pct, deadline: '2027-12-31', title, source: '测试依据' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await county.get(`/api/assessment-targets?orgId=${town.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<z.infer<typeof TargetList>>();
    const t65 = list.items.find((t) => t.sharePct === 65)!;
    const t66 = list.items.find((t) => t.sharePct === 66)!;
    // The hand count: final sheets that reached the standard, of the category's organizations here.
    const hand = await ts.db.selectFrom('assessment_sheets').select('org_id').where('round_id', '=', r.id).where('state', '=', 'final').where('passed', '=', true).execute();
    expect(t65.reached).toBe(hand.length);
    expect([t65.reached, t65.total, t65.progressPct, t65.met]).toEqual([13, 20, 65, true]);
    expect(t66.met).toBe(false);
    expect(t65.orgs.filter((o) => o.reached).map((o) => o.orgId).sort()).toEqual([...passedIds].sort());
    expect(t65.orgs.filter((o) => !o.reached)).toHaveLength(7);
    expect(t65.series).toEqual([{ periodTo: '2026-06-30', label: '2026年6月末', reached: 13, total: 20, pct: 65 }]);
    // Seen from the county, the first village (its Q3 sheet final, below 85%) counts too but has not reached it.
    const all = (await county.get(`/api/assessment-targets?orgId=${tree.root.id}`)).json<z.infer<typeof TargetList>>();
    const c65 = all.items.find((t) => t.sharePct === 65)!;
    expect(c65.total).toBe(22);
    expect(c65.reached).toBe(13);
  });
});

describe('indicators over existing modules', () => {
  it('development.on_time: steps due in the period, done by their deadline or not', async () => {
    const org = tree.a.branch;
    const mk = async (name: string, appliedOn: string) =>
      (await ts.db.insertInto('dev_cases').values({ org_id: org.id, training_org_id: null, name, gender: 'male', birth_date: '1995-05-05', id_number_cipher: ts.cipher.encrypt(name), id_number_hash: ts.cipher.lookupHash(name), id_number_masked: '330402********0011', education: 'bachelor', category: 'farmer', work_unit: null, phone: null, applied_on: appliedOn, last_step: 'apply', last_step_on: appliedOn, member_id: null, probation_extension_months: null, closed_on: null, close_kind: null, close_reason: null }).returning('id').executeTakeFirstOrThrow()).id;
    const onTime = await mk('按期谈话人', '2026-06-15');
    const late = await mk('超期未谈话人', '2026-07-20');
    await ts.db.insertInto('dev_steps').values({ case_id: onTime, step: 'talk', done_on: '2026-07-10', recorded_by_name: 'test' }).execute();
    const io = { id: org.id, path: org.path, name: org.name, level: 'grid', kind: 'branch', domain: 'rural' };
    const r = await developmentOnTime.compute(ts.db, io, Q3, {});
    expect([r.numerator, r.denominator]).toEqual([1, 2]);
    expect(r.evidence.map((e) => [e.link, e.ok])).toEqual([
      [`/development/${late}`, false],
      [`/development/${onTime}`, true],
    ]);
    // The late talk is recorded: the figure follows the records.
    await ts.db.insertInto('dev_steps').values({ case_id: late, step: 'talk', done_on: '2026-08-19', recorded_by_name: 'test' }).execute();
    expect((await developmentOnTime.compute(ts.db, io, Q3, {})).ratio).toBe(1);
    const empty = await developmentOnTime.compute(ts.db, io, { from: '2025-01-01', to: '2025-03-31' }, {});
    expect(empty.ratio).toBeNull();
  });

  it('dues.arrears: members with a dues account and no arrears over N months at the period end', async () => {
    const org = tree.b.branch;
    const [m1, m2] = tree.b.members.slice(2);
    for (const m of [m1!, m2!]) await ts.db.insertInto('dues_bases').values({ member_id: m.id, effective_month: '2026-01', category: 'student', base_fen: null, created_by_name: 'test' }).execute();
    const { id: pay } = await ts.db.insertInto('dues_payments').values({ member_id: m1!.id, org_id: org.id, paid_on: '2026-08-20', amount_fen: 160, method: 'cash', created_by_name: 'test' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 1; i <= 8; i++) await ts.db.insertInto('dues_payment_months').values({ member_id: m1!.id, month: `2026-0${i}`, payment_id: pay, amount_fen: 20 }).execute();
    const io = { id: org.id, path: org.path, name: org.name, level: 'grid', kind: 'branch', domain: 'rural' };
    const r = await duesArrears.compute(ts.db, io, Q3, { maxMonths: 2 });
    expect([r.numerator, r.denominator]).toEqual([1, 2]);
    expect(r.evidence[0]).toMatchObject({ ok: false, link: `/dues?orgId=${org.id}&member=${m2!.id}` });
    expect(r.evidence[0]!.label).toContain('欠交 8 个月');
    // At the end of March the second member owed two months (Jan, Feb): not more than 2.
    expect((await duesArrears.compute(ts.db, io, { from: '2026-01-01', to: '2026-03-31' }, { maxMonths: 2 })).ratio).toBe(1);
  });
});
