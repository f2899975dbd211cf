// 评先评优（三树）: a county campaign with the seed's quotas; the 30th 标杆支部 approved and the 31st
// refused (also when approvals race), eligibility rules, nominees outside the awarding subtree or a
// sibling's campaign (404), member honours on the member's record, and members seeing nothing here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { checkChar } from '../../src/lib/idcard.ts';
import { seedRecognitionDemo } from '../../src/modules/recognition/recognition.demo.ts';
import type { CampaignView } from '../../src/modules/recognition/recognition.schemas.ts';
import { insertOrg, type OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface Nom {
  id: number;
  state: string;
  statusRecordId: number | null;
  summary: unknown[];
  published: boolean;
}

let ts: TestServer;
let tree: OrgTree;
let county: Client;
let staffA: Client;
let staffB: Client;
let campaign: CampaignView;
const today = todayCN();
const year = Number(today.slice(0, 4));
const branches: { id: number; name: string }[] = [];

/** A branch under A's village (inserted directly: the quota test needs 33 of them). */
async function createBranch(i: number) {
  const o = await insertOrg(ts, tree.a.village, { code: `RC-BR${String(i).padStart(2, '0')}`, name: `中共松甲村第${i}网格支部委员会`, kind: 'branch', level: 'grid', domain: 'rural' });
  return { id: o.id, name: o.name };
}

async function nominate(c: Client, body: Record<string, unknown>) {
  return c.post('/api/recognition/nominations', { campaignId: campaign.id, reasons: '班子团结有力，带领群众发展特色产业，群众满意度高', ...body });
}

async function nominatedAndReviewed(orgId: number) {
  const res = await nominate(county, { kind: 'model_branch', orgId });
  expect(res.statusCode, res.body).toBe(201);
  const n = res.json<Nom>();
  const r = await county.post(`/api/recognition/nominations/${n.id}/review`, { pass: true, note: '材料齐全' });
  expect(r.statusCode, r.body).toBe(200);
  return n.id;
}

const usage = async (kind: string) => {
  const res = await county.get(`/api/orgs/${tree.root.id}/recognition?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  const c = res.json<{ campaigns: CampaignView[] }>().campaigns.find((x) => x.id === campaign.id)!;
  return c.quotas.find((q) => q.kind === kind)!;
};

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const c = await ts.makeUser('org_staff', tree.root.id);
  const a = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  county = await login(ts.app, c.username, c.password);
  staffA = await login(ts.app, a.username, a.password);
  staffB = await login(ts.app, b.username, b.password);
  const res = await county.post('/api/recognition/campaigns', { orgId: tree.root.id, year, note: '年度“三树”评选' });
  expect(res.statusCode, res.body).toBe(201);
  campaign = res.json<CampaignView>();
  for (let i = 1; i <= 33; i++) branches.push(await createBranch(i));
}, 180_000);

afterAll(async () => {
  await ts?.close();
});

describe('campaign and quotas', () => {
  it('a county campaign carries the seed’s quotas as rules with their source; a second one for the year is refused', () => {
    const q = Object.fromEntries(campaign.quotas.map((x) => [x.kind, x]));
    expect(q.flag_committee).toMatchObject({ min: 3, max: 5, approved: 0 });
    expect(q.model_branch).toMatchObject({ max: 30, approved: 0 });
    expect(q.red_star).toMatchObject({ max: 100 });
    expect(q.model_branch!.source).toContain('30个标杆支部');
    expect(campaign.manage).toBe(true);
  });

  it('refuses a second campaign of the year and one at a level without quotas', async () => {
    const again = await county.post('/api/recognition/campaigns', { orgId: tree.root.id, year });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe('recognition.duplicateYear');
    const township = await staffA.post('/api/recognition/campaigns', { orgId: tree.a.township.id, year });
    expect(township.statusCode).toBe(400);
    expect(township.json<Problem>().code).toBe('recognition.noQuotaLevel');
  });

  it('approves the 30th 标杆支部 and refuses the 31st naming the quota, also when approvals race', { timeout: 180_000 }, async () => {
    const ids: number[] = [];
    for (const b of branches) ids.push(await nominatedAndReviewed(b.id));
    expect((await usage('model_branch')).pending).toBe(33);
    for (const id of ids.slice(0, 29)) {
      const r = await county.post(`/api/recognition/nominations/${id}/approve`, {});
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await usage('model_branch')).approved).toBe(29);
    // Three approvals at once for the last place: exactly one gets it.
    const race = await Promise.all(ids.slice(29, 32).map((id) => county.post(`/api/recognition/nominations/${id}/approve`, {})));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const refused = race.find((r) => r.statusCode === 409)!.json<Problem>();
    expect(refused.code).toBe('recognition.quotaFull');
    expect(refused.detail).toContain('每年 30 个');
    expect(refused.detail).toContain('已批准 30 个');
    expect((await usage('model_branch')).approved).toBe(30);
    // The 31st, on its own: refused; nothing changed.
    const last = await county.post(`/api/recognition/nominations/${ids[32]}/approve`, {});
    expect(last.statusCode).toBe(409);
    expect((await usage('model_branch')).approved).toBe(30);
    // Revoking one (with a reason) frees its place; then the 31st nomination fits.
    const revoked = await county.post(`/api/recognition/nominations/${ids[0]}/revoke`, { reason: '核查发现推荐材料与实际不符' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<Nom>().state).toBe('revoked');
    expect((await county.post(`/api/recognition/nominations/${ids[32]}/approve`, {})).statusCode).toBe(200);
    expect((await usage('model_branch')).approved).toBe(30);
    const noReason = await county.post(`/api/recognition/nominations/${ids[1]}/revoke`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
  });
});

describe('eligibility', () => {
  it('refuses a branch honour for a non-branch, a probationary red-star member, a secretary honour for someone holding no post, and a second nomination in the year', async () => {
    const village = await nominate(county, { kind: 'model_branch', orgId: tree.a.village.id });
    expect(village.statusCode).toBe(400);
    expect(village.json<Problem>().code).toBe('recognition.orgKind');
    expect(village.json<Problem>().detail).toContain('党总支');

    const probationary = await county.post('/api/members', { orgId: tree.a.branch.id, name: '甲预备', gender: 'male', idNumber: `11010119900307001${checkChar('11010119900307001')}`, education: 'college', category: 'farmer', joinedOn: '2025-07-01', fullMemberOn: null });
    expect(probationary.statusCode, probationary.body).toBe(201);
    const red = await nominate(county, { kind: 'red_star', memberId: probationary.json<{ id: number }>().id });
    expect(red.statusCode).toBe(400);
    expect(red.json<Problem>().code).toBe('recognition.notFullMember');

    const noMember = await nominate(county, { kind: 'red_star', orgId: tree.a.branch.id });
    expect(noMember.statusCode).toBe(400);
    expect(noMember.json<Problem>().code).toBe('recognition.needsMember');

    const sec = tree.a.members[2]!;
    const noPost = await nominate(county, { kind: 'excellent_secretary', memberId: sec.id });
    expect(noPost.statusCode).toBe(400);
    expect(noPost.json<Problem>().code).toBe('recognition.needsPost');
    await ts.db.insertInto('org_posts').values({ org_id: tree.a.branch.id, post: 'secretary', member_id: sec.id, holder_name: sec.name, started_on: '2021-01-01' }).execute();
    const ok = await nominate(county, { kind: 'excellent_secretary', memberId: sec.id });
    expect(ok.statusCode, ok.body).toBe(201);
    const twice = await nominate(staffA, { kind: 'excellent_secretary', memberId: sec.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().code).toBe('recognition.duplicate');

    const self = await nominate(county, { kind: 'five_good_org', orgId: tree.root.id });
    expect(self.statusCode).toBe(400);
  });
});

describe('a member honour', () => {
  it('is written to the member’s 奖惩 record on approval and reversed on revocation; the member sees it there and nothing on the recognition pages', async () => {
    const m = tree.a.members[0]!;
    const res = await nominate(staffA, { kind: 'red_star', memberId: m.id });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json<Nom>();
    expect(Array.isArray(n.summary)).toBe(true);
    // The township nominates into the county campaign but cannot review or approve it.
    expect((await staffA.post(`/api/recognition/nominations/${n.id}/review`, { pass: true })).statusCode).toBe(404);
    expect((await county.post(`/api/recognition/nominations/${n.id}/approve`, {})).statusCode).toBe(409);
    await county.post(`/api/recognition/nominations/${n.id}/review`, { pass: true });
    const approved = await county.post(`/api/recognition/nominations/${n.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const recordId = approved.json<Nom>().statusRecordId!;
    expect(recordId).toBeGreaterThan(0);

    const u = await ts.makeUser('member', tree.a.village.id, undefined, { memberId: m.id });
    const me = await login(ts.app, u.username, u.password);
    const own = await me.get(`/api/members/${m.id}/status-records`);
    expect(own.statusCode, own.body).toBe(200);
    const award = own.json<{ items: { id: number; kind: string; subtype: string; issuer: string; reason: string }[] }>().items.find((x) => x.id === recordId)!;
    expect(award).toMatchObject({ kind: 'award', subtype: 'red_star', issuer: tree.root.name });
    expect(award.reason).toContain('红星党员');
    for (const url of [`/api/orgs/${tree.a.village.id}/recognition`, `/api/orgs/${tree.a.village.id}/contact-points`, `/api/orgs/${tree.a.village.id}/recognition-records`]) {
      expect((await me.get(url)).statusCode).toBe(403);
    }

    const revoked = await county.post(`/api/recognition/nominations/${n.id}/revoke`, { reason: '受到党纪处分' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = (await me.get(`/api/members/${m.id}/status-records`)).json<{ items: { id: number; reversedById: number | null }[] }>();
    expect(after.items.find((x) => x.id === recordId)!.reversedById).not.toBeNull();
  });
});

describe('scope', () => {
  it('a nominee outside the awarding organization’s subtree and a sibling township’s campaign are 404', async () => {
    // A township-level quota for 红星党员 (a new rule version), so township A can run its own campaign.
    await ts.db.insertInto('rules').values({ code: 'recognition.quota.red_star', version: 2, effective_from: '2000-01-01', params: JSON.stringify({ countyMax: 100, townshipMax: 3 }), source: '测试：乡镇名额', note: null }).execute();
    const own = await staffA.post('/api/recognition/campaigns', { orgId: tree.a.township.id, year });
    expect(own.statusCode, own.body).toBe(201);
    const c = own.json<CampaignView>();
    expect(c.quotas.map((q) => q.kind)).toEqual(['red_star']);
    // The county sees both sides, but a member of B is outside township A's subtree.
    const outside = await county.post('/api/recognition/nominations', { campaignId: c.id, kind: 'red_star', memberId: tree.b.members[0]!.id, reasons: '带头发展产业，帮助困难群众' });
    expect(outside.statusCode).toBe(404);
    const inside = await county.post('/api/recognition/nominations', { campaignId: c.id, kind: 'red_star', memberId: tree.a.members[1]!.id, reasons: '带头发展产业，帮助困难群众' });
    expect(inside.statusCode, inside.body).toBe(201);
    const nid = inside.json<Nom>().id;
    // Township B: A's campaign does not exist for it.
    const list = await staffB.get(`/api/orgs/${tree.b.township.id}/recognition?year=${year}`);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ campaigns: CampaignView[] }>().campaigns.map((x) => x.id)).not.toContain(c.id);
    expect(list.body).not.toContain(tree.a.members[1]!.name);
    expect(list.body).not.toContain(tree.root.name);
    expect((await staffB.post('/api/recognition/nominations', { campaignId: c.id, kind: 'red_star', memberId: tree.b.members[1]!.id, reasons: '带头发展产业，帮助困难群众' })).statusCode).toBe(404);
    expect((await staffB.post(`/api/recognition/nominations/${nid}/review`, { pass: true })).statusCode).toBe(404);
    expect((await staffB.post(`/api/recognition/nominations/${nid}/withdraw`, { reason: '不该推荐' })).statusCode).toBe(404);
    expect((await staffB.post(`/api/recognition/campaigns/${c.id}/publish`, {})).statusCode).toBe(404);
    expect((await staffB.get(`/api/orgs/${tree.a.township.id}/recognition`)).statusCode).toBe(404);
    // The county campaign is visible to B for nominating, without the county's name or quota usage.
    const county2 = list.json<{ campaigns: CampaignView[] }>().campaigns.find((x) => x.id === campaign.id)!;
    expect(county2).toMatchObject({ manage: false, awardingOrgName: null });
    expect(county2.quotas[0]!.approved).toBeNull();
  });

  it('publishes: approved honours are named, nothing more is approved or nominated', async () => {
    const pub = await county.post(`/api/recognition/campaigns/${campaign.id}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const c = pub.json<CampaignView>();
    expect(c.state).toBe('published');
    expect(c.nominations.filter((n) => n.published)).toHaveLength(30);
    const late = await nominate(county, { kind: 'flag_committee', orgId: tree.a.township.id });
    expect(late.statusCode).toBe(409);
    expect(late.json<Problem>().code).toBe('recognition.published');
  });
});

describe('contact points and demonstration points', () => {
  it('lists each township with its leaders’ contact points, visits and demonstration points, and shows the gaps', async () => {
    const cp = await county.post('/api/contact-points', { orgId: tree.a.village.id, leaderName: '周建平', leaderPost: '县委常委、组织部部长', startedOn: '2026-01-05' });
    expect(cp.statusCode, cp.body).toBe(201);
    const id = cp.json<{ id: number }>().id;
    const v = await county.post(`/api/contact-points/${id}/visits`, { visitedOn: '2026-03-10', content: '调研村集体经济，指导主题党日' });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json<{ lastVisitOn: string }>().lastVisitOn).toBe('2026-03-10');
    const early = await county.post(`/api/contact-points/${id}/visits`, { visitedOn: '2025-12-01', content: '在开始联系之前' });
    expect(early.statusCode).toBe(400);
    const bad = await county.post('/api/contact-points', { orgId: tree.a.branch.id, leaderName: '周建平', leaderPost: '县委常委', startedOn: '2026-01-05' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().code).toBe('contact.orgLevel');
    const demo = await county.post('/api/demo-points', { orgId: tree.a.village.id, theme: '富民能人党建', since: '2026-02-01' });
    expect(demo.statusCode, demo.body).toBe(201);
    expect((await county.post('/api/demo-points', { orgId: tree.a.village.id, theme: '重复', since: '2026-02-01' })).statusCode).toBe(409);
    expect((await county.post('/api/demo-points', { orgId: tree.a.township.id, theme: '乡镇本身', since: '2026-02-01' })).statusCode).toBe(400);

    const res = await county.get(`/api/orgs/${tree.root.id}/contact-points`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json<{ rules: { demoMin: number }; townships: { id: number; activeContacts: number; activeDemos: number; gaps: string[] }[] }>();
    expect(o.rules.demoMin).toBe(3);
    const a = o.townships.find((t) => t.id === tree.a.township.id)!;
    const b = o.townships.find((t) => t.id === tree.b.township.id)!;
    expect(a).toMatchObject({ activeContacts: 1, activeDemos: 1, gaps: ['demo_points_short'] });
    expect(b).toMatchObject({ activeContacts: 0, activeDemos: 0, gaps: ['no_contact_point', 'demo_points_short'] });
    // Township B sees only itself; its staff cannot add a visit to A's point.
    const forB = await staffB.get(`/api/orgs/${tree.b.township.id}/contact-points`);
    expect(forB.json<{ townships: { id: number }[] }>().townships.map((t) => t.id)).toEqual([tree.b.township.id]);
    expect(forB.body).not.toContain('周建平');
    expect((await staffB.post(`/api/contact-points/${id}/visits`, { visitedOn: '2026-03-11', content: '越权登记' })).statusCode).toBe(404);
    const end = await county.post(`/api/contact-points/${id}/end`, { endedOn: '2026-06-30', reason: '职务调整' });
    expect(end.statusCode, end.body).toBe(200);
    const after = (await county.get(`/api/orgs/${tree.a.township.id}/contact-points`)).json<{ townships: { gaps: string[] }[] }>();
    expect(after.townships[0]!.gaps).toContain('no_contact_point');
  });
});

describe('demo data', () => {
  it('seeds a county campaign and points once, and a second run adds nothing', async () => {
    const fresh = await testServer();
    try {
      const t = await fresh.makeOrgTree();
      const first = await seedRecognitionDemo(fresh.db, fresh.cipher);
      expect(first.nominations).toBeGreaterThan(0);
      const again = await seedRecognitionDemo(fresh.db, fresh.cipher);
      expect(again).toEqual({ nominations: 0, contactPoints: 0 });
      const c = await fresh.db.selectFrom('recognition_campaigns').select(['awarding_org_id']).execute();
      expect(c.map((x) => x.awarding_org_id)).toEqual([t.root.id]);
    } finally {
      await fresh.close();
    }
  });
});
