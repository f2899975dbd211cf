// 组织生活: invitations from the register, the quorum at its edge (exactly half is not enough),
// compliance at month and quarter boundaries, 30 vs 31 days without activity, attachments refused
// when too large or not what they claim (nothing stored), a sibling subtree gets 404, a member sees
// only their own invitations, the indicators follow the records, and attendance clears the
// mobile-member review flag.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { addMonths, todayCN } from '../../src/lib/dates.ts';
import { checkChar } from '../../src/lib/idcard.ts';
import { activityIndicator, complianceIndicator } from '../../src/modules/orglife/orglife.indicators.ts';
import { orglifeReminders } from '../../src/modules/orglife/orglife.reminders.ts';
import type { MeetingDetail, Overview } from '../../src/modules/orglife/orglife.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

type Detail = z.infer<typeof MeetingDetail>;
type Ov = z.infer<typeof Overview>;

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let seq = 500;
const today = todayCN();
const daysAgo = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');

function idFor(birth: string): string {
  seq++;
  const first17 = `330402${birth.replaceAll('-', '')}${String(seq * 2 + 1).padStart(3, '0').slice(-3)}`;
  return first17 + checkChar(first17);
}

let orgSeq = 0;
async function createOrg(name: string, parentId = tree.a.village.id, kind = 'branch') {
  orgSeq++;
  const res = await staff.post('/api/orgs', { parentId, code: `OL${orgSeq}X${Date.now() % 100000}`, name, kind, level: 'grid', domain: 'rural', establishedOn: '2010-01-01' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; name: string }>();
}

const NAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨';
async function createMember(orgId: number, i: number, fullMemberOn: string | null = '2016-07-01') {
  const res = await staff.post('/api/members', { orgId, name: `${NAMES[i % 16]}会${'一二三四五六七八九十'[i % 10]}`, gender: 'male', idNumber: idFor('1980-03-15'), education: 'college', category: 'farmer', joinedOn: fullMemberOn ? '2015-07-01' : daysAgo(200), fullMemberOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; name: string }>();
}

async function branch(name: string, n: number) {
  const org = await createOrg(name);
  const members = [];
  for (let i = 0; i < n; i++) members.push(await createMember(org.id, i));
  return { org, members };
}

async function plan(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/orglife/meetings', { topic: '学习贯彻有关文件精神', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

/** Plan and record a meeting on a date with everyone present except the given statuses. */
async function held(orgId: number, kind: string, on: string, statuses: Record<number, 'leave' | 'absent'> = {}) {
  const m = await plan(staff, { orgId, kind, plannedOn: on });
  const attendance = m.attendance.map((a) => ({ memberId: a.memberId, status: statuses[a.memberId] ?? 'present', reason: statuses[a.memberId] === 'leave' ? '外出务工' : null }));
  const res = await staff.post(`/api/orglife/meetings/${m.id}/record`, { heldOn: on, minutes: '会议学习了文件并部署了工作。', attendance });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

const overview = async (orgId: number, span: string) => {
  const res = await staff.get(`/api/orglife/overview?orgId=${orgId}&span=${span}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Ov>();
};
const cell = (o: Ov, orgId: number, kind: string) => o.rows.find((r) => r.orgId === orgId)?.cells.find((c) => c.kind === kind);

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const a = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  [staff, staffB] = [await login(ts.app, a.username, a.password), await login(ts.app, b.username, b.password)];
});
afterAll(async () => {
  await ts?.close();
});

describe('planning and recording', () => {
  it('invites the register on the date (probationary members and 党小组 members included); a talk takes chosen participants', async () => {
    const { org, members } = await branch('中共会议测试一支部委员会', 3);
    const prob = await createMember(org.id, 5, null);
    const group = await createOrg('第一党小组', org.id, 'group');
    const inGroup = await createMember(group.id, 6);
    const m = await plan(staff, { orgId: org.id, kind: 'member_meeting', plannedOn: today, place: '村部', notice: '请准时参加' });
    expect(m.attendance.map((a) => a.memberId).sort()).toEqual([...members.map((x) => x.id), prob.id, inGroup.id].sort());
    expect(m.attendance.find((a) => a.memberId === prob.id)?.memberStatus).toBe('probationary');
    expect(m.state).toBe('planned');
    // A group meeting is the group's; a branch cannot hold one and a group cannot hold a member meeting.
    expect((await staff.post('/api/orglife/meetings', { orgId: org.id, kind: 'group_meeting', topic: '学习', plannedOn: today })).statusCode).toBe(400);
    const g = await plan(staff, { orgId: group.id, kind: 'group_meeting', plannedOn: today });
    expect(g.attendance.map((a) => a.memberId)).toEqual([inGroup.id]);
    const bad = await staff.post('/api/orglife/meetings', { orgId: org.id, kind: 'talk', topic: '谈心', plannedOn: today, participantIds: [members[0]!.id] });
    expect(bad.json<Problem>().errors![0]!.field).toBe('participantIds');
    const talk = await plan(staff, { orgId: org.id, kind: 'talk', plannedOn: today, participantIds: [members[0]!.id, members[1]!.id] });
    expect(talk.attendance).toHaveLength(2);
  });

  it('quorum: exactly half present is not enough, one more is; a meeting without quorum does not count as held', async () => {
    const { org, members } = await branch('中共会议测试二支部委员会', 4);
    const [a, b, c] = members.map((m) => m.id);
    const half = await held(org.id, 'member_meeting', '2026-02-10', { [a!]: 'absent', [b!]: 'absent' });
    expect(half.quorum).toMatchObject({ applies: true, base: 4, present: 2, needed: 3, met: false });
    expect(half.quorumMet).toBe(false);
    expect(cell(await overview(org.id, '2026-Q1'), org.id, 'member_meeting')).toMatchObject({ required: 1, held: 0 });
    // Leave still counts in the base by default (rule orglife.quorum leaveReducesBase = 0).
    const withLeave = await held(org.id, 'member_meeting', '2026-02-20', { [c!]: 'leave' });
    expect(withLeave.quorum).toMatchObject({ base: 4, present: 3, met: true });
    expect(withLeave.quorum.rule.source).toContain('半数');
    const q1 = cell(await overview(org.id, '2026-Q1'), org.id, 'member_meeting')!;
    expect(q1).toMatchObject({ required: 1, held: 1 });
    expect(q1.slots[0]!.meetingIds).toEqual([withLeave.id]);
  });

  it('refuses bad attendance and changes nothing', async () => {
    const { org, members } = await branch('中共会议测试三支部委员会', 2);
    const m = await plan(staff, { orgId: org.id, kind: 'theme_day', plannedOn: '2026-05-08' });
    const send = (attendance: unknown, heldOn = '2026-05-08') => staff.post(`/api/orglife/meetings/${m.id}/record`, { heldOn, minutes: '记录', attendance });
    const leaveNoReason = await send([{ memberId: members[0]!.id, status: 'leave' }, { memberId: members[1]!.id, status: 'present' }]);
    expect(leaveNoReason.json<Problem>().errors![0]!.field).toBe('attendance.0.reason');
    const missing = await send([{ memberId: members[0]!.id, status: 'present' }]);
    expect(missing.json<Problem>().detail).toContain(members[1]!.name);
    const stranger = await send([{ memberId: tree.a.members[2]!.id, status: 'present' }]);
    expect(stranger.json<Problem>().errors![0]!.field).toBe('attendance.0.memberId');
    const future = await send(members.map((x) => ({ memberId: x.id, status: 'present' })), dayjs(today).add(1, 'day').format('YYYY-MM-DD'));
    expect(future.statusCode).toBe(400);
    const after = (await staff.get(`/api/orglife/meetings/${m.id}`)).json<Detail>();
    expect(after.state).toBe('planned');
    expect(after.attendance.every((a) => a.status === null)).toBe(true);
    // Cancelled meetings cannot be recorded.
    expect((await staff.post(`/api/orglife/meetings/${m.id}/cancel`, { reason: '台风预警' })).json<Detail>()).toMatchObject({ state: 'cancelled', cancelReason: '台风预警' });
    expect((await send(members.map((x) => ({ memberId: x.id, status: 'present' })))).statusCode).toBe(409);
  });
});

describe('compliance', () => {
  it('a meeting on the last day of a month or quarter counts for that period, not the next', async () => {
    const { org } = await branch('中共边界测试支部委员会', 3);
    await held(org.id, 'theme_day', '2026-03-31');
    await held(org.id, 'member_meeting', '2026-03-31');
    expect(cell(await overview(org.id, '2026-03'), org.id, 'theme_day')).toMatchObject({ required: 1, held: 1 });
    expect(cell(await overview(org.id, '2026-04'), org.id, 'theme_day')).toMatchObject({ required: 1, held: 0 });
    expect(cell(await overview(org.id, '2026-Q2'), org.id, 'member_meeting')).toMatchObject({ required: 1, held: 0 });
    const year = await overview(org.id, '2026');
    expect(cell(year, org.id, 'member_meeting')!.slots.map((s) => s.status).slice(0, 2)).toEqual(['met', 'missed']);
    await held(org.id, 'member_meeting', '2026-04-01');
    expect(cell(await overview(org.id, '2026-Q2'), org.id, 'member_meeting')).toMatchObject({ required: 1, held: 1 });
    // No committee registered: no committee-meeting requirement for this branch.
    expect(cell(year, org.id, 'committee_meeting')).toBeUndefined();
    expect(year.overdue.some((o) => o.orgId === org.id && o.kind === 'theme_day' && o.from === '2026-04-01')).toBe(true);
  });

  it('flags a branch after more than 30 days without a held meeting (30 days: not flagged, 31: flagged)', async () => {
    const thirty = await branch('中共三十天测试支部委员会', 2);
    const thirtyOne = await branch('中共三十一天测试支部委员会', 2);
    await held(thirty.org.id, 'theme_day', daysAgo(30));
    await held(thirtyOne.org.id, 'theme_day', daysAgo(31));
    const o = await overview(tree.a.village.id, today.slice(0, 4));
    const flagged = new Set(o.inactive.map((x) => x.orgId));
    expect(flagged.has(thirty.org.id)).toBe(false);
    expect(flagged.has(thirtyOne.org.id)).toBe(true);
    expect(o.inactive.find((x) => x.orgId === thirtyOne.org.id)).toMatchObject({ days: 31, lastHeldOn: daysAgo(31) });
  });

  it('the indicators follow the records: one more meeting raises compliance, with the meeting as evidence', async () => {
    const { org } = await branch('中共指标测试支部委员会', 3);
    const target = { id: org.id, path: '', name: org.name, level: 'grid', kind: 'branch', domain: 'rural' };
    target.path = (await ts.db.selectFrom('organizations').select('path').where('id', '=', org.id).executeTakeFirstOrThrow()).path;
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const before = await complianceIndicator.compute(ts.db, target, period, {});
    expect(before.numerator).toBe(0);
    expect(before.evidence.every((e) => e.ok === false && e.link?.startsWith('/orglife?orgId='))).toBe(true);
    const m = await held(org.id, 'party_lecture', '2026-02-14');
    const after = await complianceIndicator.compute(ts.db, target, period, {});
    expect(after.numerator).toBe(1);
    expect(after.denominator).toBe(before.denominator);
    expect(after.evidence).toContainEqual(expect.objectContaining({ kind: 'meeting', id: m.id, ok: true, link: `/orglife/meetings/${m.id}` }));
    const act = await activityIndicator.compute(ts.db, target, period, {});
    expect(act).toMatchObject({ numerator: 0, denominator: 1 });
    for (const d of ['2026-01-20', '2026-03-10']) await held(org.id, 'theme_day', d);
    expect(await activityIndicator.compute(ts.db, target, period, {})).toMatchObject({ numerator: 1, denominator: 1, ratio: 1 });
  });
});

describe('attachments', () => {
  const form = (fileName: string, content: Buffer) => {
    const boundary = '----orglife' + Math.random().toString(16).slice(2);
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const upload = (c: Client, id: number, fileName: string, content: Buffer) => c.request({ method: 'POST', url: `/api/orglife/meetings/${id}/attachments`, ...form(fileName, content) });
  const stored = async () => Number((await ts.db.selectFrom('orglife_attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('stores a real PDF in the database and serves it with its type; refuses too large or disguised files, storing nothing', async () => {
    const { org } = await branch('中共附件测试支部委员会', 2);
    const m = await held(org.id, 'theme_day', '2026-06-05');
    const n0 = await stored();
    const big = await upload(staff, m.id, '签到表.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    const fake = await upload(staff, m.id, '会议记录.pdf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    expect(fake.statusCode).toBe(400);
    expect(fake.json<Problem>().code).toBe('orglife.fileType');
    expect((await upload(staff, m.id, 'run.exe', Buffer.from('MZ\x90\x00'))).statusCode).toBe(400);
    expect(await stored()).toBe(n0);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
    const ok = await upload(staff, m.id, '签到表.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    const { id } = ok.json<{ id: number }>();
    const txt = await upload(staff, m.id, '记录.txt', Buffer.from('会议记录：全体党员参加。\n'));
    expect(txt.statusCode).toBe(201);
    const dl = await staff.get(`/api/orglife/attachments/${id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const audit = await ts.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'orglife_attachment').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['orglife.download']);
    // A sibling subtree sees neither the meeting nor the file, and cannot upload.
    expect((await staffB.get(`/api/orglife/attachments/${id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/orglife/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await upload(staffB, m.id, 'x.pdf', pdf)).statusCode).toBe(404);
    expect((await staffB.get(`/api/orglife/overview?orgId=${org.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/orglife/meetings?orgId=${org.id}`)).statusCode).toBe(404);
    expect(await stored()).toBe(n0 + 2);
  });
});

describe('members', () => {
  it('a member sees only the meetings they are invited to, and gets them as reminders', async () => {
    const { org, members } = await branch('中共党员视角测试支部委员会', 3);
    const user = await ts.makeUser('member', org.id, undefined, { memberId: members[0]!.id });
    const me = await login(ts.app, user.username, user.password);
    const upcoming = dayjs(today).add(3, 'day').format('YYYY-MM-DD');
    const mine = await plan(staff, { orgId: org.id, kind: 'party_lecture', plannedOn: upcoming, topic: '书记讲党课' });
    const notMine = await plan(staff, { orgId: org.id, kind: 'talk', plannedOn: upcoming, participantIds: [members[1]!.id, members[2]!.id] });
    const list = (await me.get('/api/orglife/meetings')).json<{ items: { id: number }[] }>().items.map((x) => x.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(notMine.id);
    expect((await me.get(`/api/orglife/meetings/${notMine.id}`)).statusCode).toBe(404);
    expect((await me.get(`/api/orglife/meetings/${mine.id}`)).statusCode).toBe(200);
    expect((await me.post('/api/orglife/meetings', { orgId: org.id, kind: 'theme_day', topic: '学习', plannedOn: today })).statusCode).toBe(403);
    expect((await me.get(`/api/orglife/overview?orgId=${org.id}`)).statusCode).toBe(403);
    const path = (await ts.db.selectFrom('organizations').select('path').where('id', '=', org.id).executeTakeFirstOrThrow()).path;
    const r = await orglifeReminders(ts.db, { kind: 'self', orgId: org.id, path, memberId: members[0]!.id }, { subtreePath: path, memberId: members[0]!.id, today, horizonDays: 30, limit: 50 });
    expect(r.map((x) => x.link)).toEqual([`/orglife/meetings/${mine.id}`]);
  });
});

describe('mobile members', () => {
  it('attendance (present) at a held meeting in the last six months clears the six-month review flag', async () => {
    const { org, members } = await branch('中共流动测试支部委员会', 3);
    const since = dayjs(addMonths(today, -6)).subtract(10, 'day').format('YYYY-MM-DD');
    const out = await staff.post('/api/mobile/outflows', { memberId: members[0]!.id, place: '广东省深圳市', since, reason: '务工' });
    expect(out.statusCode, out.body).toBe(201);
    const rec = out.json<{ id: number }>();
    const flagged = async () => (await staff.get(`/api/mobile/${rec.id}`)).json<{ flagged: boolean }>().flagged;
    expect(await flagged()).toBe(true);
    // On leave does not count; present does.
    await held(org.id, 'theme_day', daysAgo(20), { [members[0]!.id]: 'leave' });
    expect(await flagged()).toBe(true);
    await held(org.id, 'party_lecture', daysAgo(10));
    expect(await flagged()).toBe(false);
  });
});
