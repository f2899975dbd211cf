// Reminders: every module's due items for an organization's subtree (scope-checked) or for the
// signed-in member, sorted overdue first, within a horizon whose last day is included; one
// failing source hides none of the others.
import dayjs from 'dayjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, daysBetween, todayCN } from '../../src/lib/dates.ts';
import { reminderProviders, type NamedProvider } from '../../src/modules/reminders/providers.ts';
import type { ReminderList } from '../../src/modules/reminders/reminders.schemas.ts';
import type { Reminder } from '../../src/modules/reminders/types.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let admin: Client;
let staffA: Client;
let staffB: Client;
let memberA: Client;
const today = todayCN();
const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
/** A term start whose end (start + years, month-end clamped as the rule does) lies about `n` days ahead. */
const termStartFor = (years: number, n: number) => dayjs(day(n)).subtract(years, 'year').format('YYYY-MM-DD');
const termEnd = (start: string, years: number) => addMonths(start, years * 12);
let branchEnd: string;

const extra: NamedProvider[] = [];
const addProvider = (p: NamedProvider) => {
  reminderProviders.push(p);
  extra.push(p);
};

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const { a, b, root } = tree;
  // Terms: the village's ended two months ago, the township's ends in 5 days, the branch's about 40 days ahead.
  const setTerm = (id: number, start: string) => ts.db.updateTable('organizations').set({ term_started_on: start }).where('id', '=', id).execute();
  await setTerm(a.village.id, termStartFor(5, -60));
  await setTerm(a.township.id, termStartFor(5, 5));
  const branchStart = termStartFor(3, 40);
  await setTerm(a.branch.id, branchStart);
  branchEnd = termEnd(branchStart, 3);
  await setTerm(b.branch.id, termStartFor(3, 3));
  const users = {
    admin: await ts.makeUser('admin', root.id),
    staffA: await ts.makeUser('org_staff', a.township.id),
    staffB: await ts.makeUser('org_staff', b.township.id),
    memberA: await ts.makeUser('member', a.branch.id, undefined, { memberId: a.members[2]!.id }),
  };
  const signIn = (u: { username: string; password: string }) => login(ts.app, u.username, u.password);
  [admin, staffA, staffB, memberA] = [await signIn(users.admin), await signIn(users.staffA), await signIn(users.staffB), await signIn(users.memberA)];
});
afterEach(() => {
  for (const p of extra.splice(0)) reminderProviders.splice(reminderProviders.indexOf(p), 1);
});
afterAll(async () => {
  await ts?.close();
});

const list = async (c: Client, qs: string) => {
  const res = await c.get(`/api/reminders?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ReminderList>();
};

describe('organization reminders', () => {
  it('lists term ends of the subtree, overdue first, then by date, undated setup advice last, with counts per kind', async () => {
    const r = await list(staffA, `orgId=${tree.a.township.id}&horizonDays=60`);
    // Other modules (组织生活, 承诺…) report on these organizations too: this test is about the org source.
    const dated = r.items.filter((i) => i.dueOn && i.source === 'org');
    expect(dated.map((i) => [i.orgId, i.severity])).toEqual([
      [tree.a.village.id, 'overdue'],
      [tree.a.township.id, 'due'],
      [tree.a.branch.id, 'due'],
    ]);
    expect(dated[0]!.title).toContain('已于');
    expect(dated[0]!.link).toBe(`/orgs/${tree.a.village.id}?tab=posts`);
    // Severity order, then date order, undated after dated of the same severity.
    const rank = { overdue: 0, due: 1, info: 2 };
    for (let i = 1; i < r.items.length; i++) {
      const [p, q] = [r.items[i - 1]!, r.items[i]!];
      expect(rank[p.severity] <= rank[q.severity]).toBe(true);
      if (p.severity === q.severity && q.dueOn) expect(p.dueOn && p.dueOn <= q.dueOn).toBeTruthy();
    }
    const term = r.counts.find((c) => c.kind === 'org.term_expiring')!;
    expect(term).toEqual({ kind: 'org.term_expiring', total: 3, overdue: 1 });
    expect(r.sources.find((x) => x.source === 'org')!.overdue).toBe(1);
    expect(r.failures).toEqual([]);
    // Nothing of subtree B.
    expect(r.items.some((i) => i.orgId === tree.b.branch.id)).toBe(false);
  });

  it('includes a date exactly at the horizon and leaves out one day beyond it', async () => {
    const h = daysBetween(today, branchEnd);
    const at = await list(staffA, `orgId=${tree.a.branch.id}&horizonDays=${h}`);
    expect(at.items.filter((i) => i.kind === 'org.term_expiring').map((i) => i.dueOn)).toEqual([branchEnd]);
    const before = await list(staffA, `orgId=${tree.a.branch.id}&horizonDays=${h - 1}`);
    expect(before.items.filter((i) => i.kind === 'org.term_expiring')).toEqual([]);
  });

  it('filters by kind (a full code or a module prefix)', async () => {
    const setup = await list(staffA, `orgId=${tree.a.branch.id}&horizonDays=60&kind=org.setup`);
    expect(setup.items.length).toBeGreaterThan(0);
    expect(setup.items.every((i) => i.kind === 'org.setup' && i.dueOn === null)).toBe(true);
    const all = await list(staffA, `orgId=${tree.a.branch.id}&horizonDays=60&kind=org`);
    expect(new Set(all.items.map((i) => i.kind))).toEqual(new Set(['org.setup', 'org.term_expiring']));
    expect((await list(staffA, `orgId=${tree.a.branch.id}&kind=dues`)).items).toEqual([]);
  });

  it('is scope-checked: a sibling subtree answers 404, the default is the caller’s own subtree', async () => {
    const res = await staffB.get(`/api/reminders?orgId=${tree.a.village.id}`);
    expect(res.statusCode).toBe(404);
    expect((await staffB.get(`/api/reminders?orgId=${tree.root.id}`)).statusCode).toBe(404);
    const own = await list(staffB, 'horizonDays=10');
    expect([own.orgId, own.orgName]).toEqual([tree.b.township.id, tree.b.township.name]);
    expect(own.items.filter((i) => i.dueOn && i.source === 'org').map((i) => i.orgId)).toEqual([tree.b.branch.id]);
    // The whole tree for an administrator without an organization.
    const everything = await list(admin, 'horizonDays=60');
    expect(new Set(everything.items.filter((i) => i.kind === 'org.term_expiring').map((i) => i.orgId))).toEqual(new Set([tree.a.village.id, tree.a.township.id, tree.a.branch.id, tree.b.branch.id]));
  });

  it('keeps every other source when one fails, and names the failed one', async () => {
    addProvider({
      source: 'broken',
      name: '测试来源',
      nameEn: 'Test source',
      provider: () => Promise.reject(new Error('relation "nothing" does not exist')),
    });
    const r = await list(staffA, `orgId=${tree.a.township.id}&horizonDays=60`);
    expect(r.failures).toEqual([{ source: 'broken', message: expect.stringContaining('测试来源') as string }]);
    expect(r.failures[0]!.message).not.toContain('relation');
    expect(r.items.filter((i) => i.kind === 'org.term_expiring').length).toBe(3);
  });

  it('drops what a careless provider returns outside the subtree, and settles overdue from the date', async () => {
    const mk = (orgId: number, dueOn: string, severity: Reminder['severity']): Reminder => ({ kind: 'test.item', severity, title: `测试${orgId}`, titleEn: 't', dueOn, orgId, orgName: 'x', memberId: null, memberName: null, link: null });
    addProvider({ source: 'test', name: '测试', nameEn: 'Test', provider: () => Promise.resolve([mk(tree.b.branch.id, day(1), 'due'), mk(tree.a.branch.id, day(-1), 'due'), mk(tree.a.branch.id, day(0), 'overdue')]) });
    const r = await list(staffA, `orgId=${tree.a.township.id}&kind=test`);
    expect(r.items.map((i) => [i.orgId, i.dueOn, i.severity])).toEqual([
      [tree.a.branch.id, day(-1), 'overdue'],
      [tree.a.branch.id, day(0), 'due'],
    ]);
  });

  it('lists at most `limit` of each kind (the most urgent), so a busy kind hides no other; counts stay whole', async () => {
    const mk = (kind: string, n: number): Reminder => ({ kind, severity: 'due', title: `${kind}-${n}`, titleEn: 't', dueOn: day(n), orgId: tree.a.branch.id, orgName: 'x', memberId: null, memberName: null, link: null });
    addProvider({ source: 'test', name: '测试', nameEn: 'Test', provider: () => Promise.resolve([mk('test.busy', 3), mk('test.busy', 1), mk('test.busy', 2), mk('test.quiet', 9)]) });
    const r = await list(staffA, `orgId=${tree.a.township.id}&kind=test&limit=2`);
    expect(r.items.map((i) => i.title)).toEqual(['test.busy-1', 'test.busy-2', 'test.quiet-9']);
    expect(r.counts).toEqual([
      { kind: 'test.busy', total: 3, overdue: 0 },
      { kind: 'test.quiet', total: 1, overdue: 0 },
    ]);
    expect([r.total, r.truncated]).toEqual([4, true]);
    expect((await list(staffA, `orgId=${tree.a.township.id}&kind=test&limit=3`)).truncated).toBe(false);
  });

  it('a member cannot list an organization’s reminders', async () => {
    const res = await memberA.get(`/api/reminders?orgId=${tree.a.branch.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().code).toBe('reminders.selfScope');
    expect((await memberA.get('/api/reminders')).statusCode).toBe(403);
  });
});

describe('notice centre', () => {
  const mk = (kind: string, n: number, severity: Reminder['severity'] = 'due'): Reminder => ({ kind, severity, title: `${kind}-${n}`, titleEn: 't', dueOn: severity === 'info' ? null : day(n), orgId: tree.a.branch.id, orgName: 'x', memberId: null, memberName: null, link: `/somewhere/${n}` });

  it('lists every registered source with its counts; the counts match the list, per source and per severity, and the badge agrees', async () => {
    addProvider({ source: 'newmod', name: '新模块', nameEn: 'New module', provider: () => Promise.resolve([mk('newmod.a', -2), mk('newmod.a', 3), mk('newmod.b', 5), mk('newmod.note', 0, 'info')]) });
    const r = await list(staffA, `orgId=${tree.a.township.id}&horizonDays=60`);
    // Every registered source is offered, including one added without any change to the page or the service.
    expect(r.sources.map((x) => x.source)).toEqual(reminderProviders.map((p) => p.source));
    const mine = r.sources.find((x) => x.source === 'newmod')!;
    expect(mine).toEqual({ source: 'newmod', name: '新模块', nameEn: 'New module', total: 4, overdue: 1, due: 2, info: 1, failed: false });
    // Unfiltered: the sources add up to the list.
    expect(r.sources.reduce((s, x) => s + x.total, 0)).toBe(r.total);
    expect(r.items.length).toBe(r.total);
    expect(r.items.every((i) => r.sources.some((x) => x.source === i.source))).toBe(true);
    // Filtered by source: only that source, as many as its count says.
    const one = await list(staffA, `orgId=${tree.a.township.id}&horizonDays=60&source=newmod`);
    expect(one.items.map((i) => i.source)).toEqual(['newmod', 'newmod', 'newmod', 'newmod']);
    expect(one.total).toBe(mine.total);
    // Filtered by severity: the overdue ones across sources, as many as the sources' overdue counts.
    const late = await list(staffA, `orgId=${tree.a.township.id}&horizonDays=60&severity=overdue`);
    expect(late.items.every((i) => i.severity === 'overdue')).toBe(true);
    expect(late.total).toBe(r.sources.reduce((s, x) => s + x.overdue, 0));
    // The header badge: the same numbers without the list.
    const badge = await staffA.get(`/api/reminders/counts?orgId=${tree.a.township.id}&horizonDays=60`);
    expect(badge.statusCode, badge.body).toBe(200);
    expect(badge.json<{ total: number; overdue: number; due: number }>()).toMatchObject({ total: r.total, overdue: r.overdue, due: r.sources.reduce((s, x) => s + x.due, 0) });
    expect(badge.headers['cache-control']).toBe('private, max-age=60');
    expect((await staffB.get(`/api/reminders/counts?orgId=${tree.a.township.id}`)).statusCode).toBe(404);
    expect((await memberA.get('/api/reminders/counts')).statusCode).toBe(403);
  });

  it('a failing source is marked failed in the counts and hides none of the others', async () => {
    addProvider({ source: 'newmod', name: '新模块', nameEn: 'New module', provider: () => Promise.resolve([mk('newmod.a', 1)]) });
    addProvider({ source: 'broken', name: '测试来源', nameEn: 'Test source', provider: () => Promise.reject(new Error('boom')) });
    const r = await list(staffA, `orgId=${tree.a.township.id}&horizonDays=60`);
    expect(r.sources.find((x) => x.source === 'broken')).toMatchObject({ total: 0, failed: true });
    expect(r.sources.find((x) => x.source === 'newmod')).toMatchObject({ total: 1, failed: false });
    expect(r.items.filter((i) => i.source === 'org').length).toBeGreaterThan(0);
    const badge = (await staffA.get(`/api/reminders/counts?orgId=${tree.a.township.id}&horizonDays=60`)).json<{ total: number; failures: number }>();
    expect(badge).toMatchObject({ total: r.total, failures: 1 });
  });
});

describe('my reminders', () => {
  it('a member sees only reminders about themselves, never their branch’s or another member’s', async () => {
    const self = tree.a.members[2]!;
    const other = tree.a.members[3]!;
    const seen: { memberId?: number | undefined; kind: string }[] = [];
    const mk = (memberId: number | null, dueOn: string): Reminder => ({ kind: 'test.mine', severity: 'due', title: `关于${memberId}`, titleEn: 't', dueOn, orgId: tree.a.branch.id, orgName: 'x', memberId, memberName: null, link: null });
    addProvider({
      source: 'test',
      name: '测试',
      nameEn: 'Test',
      provider: (_db, scope, q) => {
        seen.push({ memberId: q.memberId, kind: scope.kind });
        return Promise.resolve([mk(self.id, day(2)), mk(other.id, day(1)), mk(null, day(1))]);
      },
    });
    const res = await memberA.get('/api/me/reminders');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<ReminderList>();
    expect(r.items.map((i) => i.memberId)).toEqual([self.id]);
    expect(r.items.some((i) => i.kind.startsWith('org.'))).toBe(false);
    expect(seen).toEqual([{ memberId: self.id, kind: 'self' }]);
  });

  it('an account without a member record gets a plain 404', async () => {
    const res = await staffA.get('/api/me/reminders');
    expect(res.statusCode).toBe(404);
    expect(res.json<Problem>().code).toBe('self.noMember');
  });
});
