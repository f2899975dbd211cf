// 书记抓党建述职评议: a report only for an organization with a secretary on record, draft →
// submitted → rated, rating only by the level above, the records panel gathered from the indicator
// registry with evidence links, the rating as an indicator and in the secretary's history; a sibling
// gets 404 and a member sees only their own history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { indicatorProviders } from '../../src/modules/assessment/indicator.registry.ts';
import type { IndicatorProvider } from '../../src/modules/assessment/indicator.types.ts';
import { secretaryInPost, secretaryRating } from '../../src/modules/secretaries/secretaries.indicators.ts';
import type { Report, ReportList, ReportPage } from '../../src/modules/secretaries/secretaries.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';
import type { z } from 'zod';

type R = z.infer<typeof Report>;
type Page = z.infer<typeof ReportPage>;

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let villageSec: Client;
let branchStaff: Client;
let member: Client;
const today = todayCN();
const year = Number(today.slice(0, 4));
const TEXT = '一年来，支部坚持“三会一课”，带头联系服务群众，完成村内道路硬化和环境整治，发展党员一名。';

const meetings: IndicatorProvider = {
  code: 'test.meetings',
  name: '测试：组织生活',
  nameEn: 'test',
  description: '测试用的组织生活指标',
  compute: (_db, org, period) =>
    Promise.resolve({ value: 10, display: `${org.name} ${period.from}～${period.to} 召开 10 次`, displayEn: 'test', ratio: 0.8, numerator: 8, denominator: 10, evidence: [{ kind: 'meeting', id: 7, label: '2026-05-04 主题党日', date: '2026-05-04', link: '/orglife/meetings/7', ok: true }], evidenceTotal: 1, note: null }),
};
const broken: IndicatorProvider = { ...meetings, code: 'test.broken', name: '测试：出错的指标', compute: () => Promise.reject(new Error('boom')) };

beforeAll(async () => {
  indicatorProviders.push(meetings, broken);
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const { a, b } = tree;
  // The branch's secretary is a member of the branch; the village has none on record.
  await ts.db.insertInto('org_posts').values({ org_id: a.branch.id, post: 'secretary', member_id: a.members[2]!.id, holder_name: a.members[2]!.name, started_on: '2021-03-01', ended_on: null }).execute();
  const mk = async (role: 'org_staff' | 'secretary', orgId: number) => {
    const u = await ts.makeUser(role, orgId);
    return login(ts.app, u.username, u.password);
  };
  staff = await mk('org_staff', a.township.id);
  staffB = await mk('org_staff', b.township.id);
  villageSec = await mk('secretary', a.village.id);
  branchStaff = await mk('org_staff', a.branch.id);
  const m = await ts.makeUser('member', a.branch.id, undefined, { memberId: a.members[2]!.id });
  member = await login(ts.app, m.username, m.password);
}, 180_000);

afterAll(async () => {
  for (const p of [meetings, broken]) indicatorProviders.splice(indicatorProviders.indexOf(p), 1);
  await ts?.close();
});

let report: R;

describe('a secretary’s yearly report', () => {
  it('is refused for an organization without a secretary on record', async () => {
    const res = await staff.post(`/api/orgs/${tree.a.village.id}/secretary-reports`, { year });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().code).toBe('secretaries.noSecretary');
    expect(res.json<Problem>().detail).toContain(tree.a.village.name);
  });

  it('is opened for the holder of the 书记 post, written, and submitted once long enough', async () => {
    const res = await staff.post(`/api/orgs/${tree.a.branch.id}/secretary-reports`, { year });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json<R>();
    expect(report).toMatchObject({ state: 'draft', holderName: tree.a.members[2]!.name, memberId: tree.a.members[2]!.id, rating: null });
    expect((await staff.post(`/api/orgs/${tree.a.branch.id}/secretary-reports`, { year })).json<Problem>().code).toBe('secretaries.duplicate');
    const short = await staff.post(`/api/secretary-reports/${report.id}/submit`, {});
    expect(short.json<Problem>().code).toBe('secretaries.textTooShort');
    expect((await staff.put(`/api/secretary-reports/${report.id}`, { text: TEXT })).json<R>().text).toBe(TEXT);
    const sub = await staff.post(`/api/secretary-reports/${report.id}/submit`, {});
    expect(sub.json<R>()).toMatchObject({ state: 'submitted', submittedOn: today });
    expect((await staff.put(`/api/secretary-reports/${report.id}`, { text: TEXT + '补充' })).json<Problem>().code).toBe('secretaries.wrongState');
  });

  it('shows the records behind it from the indicator registry, with links, a failing indicator named and not hiding the rest', async () => {
    const page = (await staff.get(`/api/orgs/${tree.a.branch.id}/secretary-report?year=${year}`)).json<Page>();
    expect(page.report?.id).toBe(report.id);
    expect(page.secretary?.holderName).toBe(tree.a.members[2]!.name);
    const byCode = new Map(page.records.map((r) => [r.code, r]));
    expect(byCode.get('test.meetings')).toMatchObject({ display: `${tree.a.branch.name} ${year}-01-01～${today} 召开 10 次`, evidence: [expect.objectContaining({ link: '/orglife/meetings/7' })] });
    expect(byCode.get('test.broken')?.error).toContain('boom');
    expect(byCode.get('secretaries.in_post')).toMatchObject({ value: 1, evidence: [expect.objectContaining({ link: `/orgs/${tree.a.branch.id}?tab=posts` })] });
    // The rating is what is being decided: not among its own records.
    expect(byCode.has('secretaries.rating')).toBe(false);
    // The township can rate (it is above the branch); the branch cannot rate itself.
    expect(page.canRate).toBe(true);
    expect((await branchStaff.get(`/api/orgs/${tree.a.branch.id}/secretary-report?year=${year}`)).json<Page>().canRate).toBe(false);
  });

  it('is rated only by the level above, with the review meeting’s counts', async () => {
    const own = await branchStaff.post(`/api/secretary-reports/${report.id}/rate`, { rating: 'good', comment: '自评很好' });
    expect(own.statusCode).toBe(403);
    expect(own.json<Problem>().code).toBe('secretaries.notLevelAbove');
    const bad = await villageSec.post(`/api/secretary-reports/${report.id}/rate`, { rating: 'excellent', comment: '好' });
    expect(bad.statusCode).toBe(400);
    const rated = await villageSec.post(`/api/secretary-reports/${report.id}/rate`, { rating: 'poor', comment: '组织生活不正常，群众意见较大', votes: { good: 1, fairly_good: 2, average: 5, poor: 9 } });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json<R>()).toMatchObject({ state: 'rated', rating: 'poor', ratedOn: today, ratedByOrgName: tree.a.village.name, votes: { good: 1, fairly_good: 2, average: 5, poor: 9 } });
    expect((await staff.post(`/api/secretary-reports/${report.id}/rate`, { rating: 'good', comment: '改评' })).json<Problem>().code).toBe('secretaries.wrongState');
  });

  it('feeds the secretaries.rating indicator and the secretary’s history; the list counts it', async () => {
    const org = { id: tree.a.branch.id, path: tree.a.branch.path, name: tree.a.branch.name, level: 'grid', kind: 'branch', domain: 'rural' };
    const r = await secretaryRating.compute(ts.db, org, { from: `${year + 1}-01-01`, to: `${year + 1}-03-31` }, {});
    expect(r).toMatchObject({ value: 1, ratio: 0, evidence: [expect.objectContaining({ link: `/secretary-reports/orgs/${tree.a.branch.id}?year=${year}`, ok: false })] });
    const none = await secretaryRating.compute(ts.db, { ...org, id: tree.a.village.id }, { from: `${year}-01-01`, to: today }, {});
    expect(none.value).toBeNull();
    expect((await secretaryInPost.compute(ts.db, { ...org, id: tree.a.village.id }, { from: `${year}-01-01`, to: today }, {})).value).toBe(0);
    const hist = (await staff.get(`/api/members/${tree.a.members[2]!.id}/secretary-reports`)).json<{ items: R[] }>();
    expect(hist.items.map((i) => [i.year, i.rating])).toEqual([[year, 'poor']]);
    const list = (await staff.get(`/api/orgs/${tree.a.township.id}/secretary-reports?year=${year}`)).json<z.infer<typeof ReportList>>();
    expect(list.distribution).toEqual({ good: 0, fairly_good: 0, average: 0, poor: 1, unrated: 0 });
    expect(list.items.map((i) => i.orgId)).toEqual([tree.a.branch.id]);
  });
});

describe('access', () => {
  it('a user of the sibling subtree gets 404 and sees nothing of A', async () => {
    expect((await staffB.get(`/api/orgs/${tree.a.branch.id}/secretary-report`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/orgs/${tree.a.township.id}/secretary-reports`)).statusCode).toBe(404);
    expect((await staffB.post(`/api/secretary-reports/${report.id}/submit`, {})).statusCode).toBe(404);
    expect((await staffB.get(`/api/members/${tree.a.members[2]!.id}/secretary-reports`)).statusCode).toBe(404);
    const own = await staffB.get(`/api/orgs/${tree.b.township.id}/secretary-reports`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(tree.a.members[2]!.name);
  });

  it('a member sees their own rating history but no organization’s reports', async () => {
    expect((await member.get(`/api/members/${tree.a.members[2]!.id}/secretary-reports`)).json<{ items: R[] }>().items).toHaveLength(1);
    expect((await member.get(`/api/members/${tree.a.members[3]!.id}/secretary-reports`)).statusCode).toBe(404);
    for (const url of [`/api/orgs/${tree.a.branch.id}/secretary-reports`, `/api/orgs/${tree.a.branch.id}/secretary-report`]) expect((await member.get(url)).statusCode).toBe(403);
  });
});
