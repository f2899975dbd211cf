// Member self-service: a member sees their own record (ID masked, organization, history, every
// module's card) and nothing of anyone else through any GET endpoint.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selfSections, type NamedSection } from '../../src/modules/self/sections.ts';
import type { SelfRecord } from '../../src/modules/self/self.schemas.ts';
import type { OrgTree, TestUser } from '../helpers/factories.ts';
import { buildRequest, idSlots, protectedEndpoints, type EntityId, type EntityKind, type Slot } from '../helpers/routes.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let me: Client;
let staff: TestUser;
const extra: NamedSection[] = [];

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const self = tree.a.members[2]!;
  // The member moved from the village to the branch in 2020: two periods.
  await ts.db.deleteFrom('member_periods').where('member_id', '=', self.id).execute();
  await ts.db.insertInto('member_periods').values([
    { member_id: self.id, org_id: tree.a.village.id, valid_from: '2001-07-01', valid_to: '2020-03-01' },
    { member_id: self.id, org_id: tree.a.branch.id, valid_from: '2020-03-01', valid_to: null },
  ]).execute();
  const u = await ts.makeUser('member', tree.a.branch.id, undefined, { memberId: self.id });
  staff = await ts.makeUser('org_staff', tree.a.township.id);
  me = await login(ts.app, u.username, u.password);
});
afterEach(() => {
  for (const s of extra.splice(0)) selfSections.splice(selfSections.indexOf(s), 1);
});
afterAll(async () => {
  await ts?.close();
});

describe('GET /api/me/record', () => {
  it('shows the member’s own record with the ID number masked, the organization and the membership history', async () => {
    const self = tree.a.members[2]!;
    const res = await me.get('/api/me/record');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<SelfRecord>();
    expect(r.member).toMatchObject({ id: self.id, name: self.name, idNumberMasked: self.idNumberMasked, birthDate: self.birthDate, status: 'full' });
    expect(res.body).not.toContain(self.idNumber);
    expect(r.org).toMatchObject({ id: tree.a.branch.id, name: tree.a.branch.name });
    // Nothing above the member's own organization (outside a member's scope, as for any user).
    expect(res.body).not.toContain(tree.root.name);
    expect(r.periods).toEqual([
      { orgId: tree.a.branch.id, orgName: tree.a.branch.name, from: '2020-03-01', to: null },
      { orgId: tree.a.village.id, orgName: tree.a.village.name, from: '2001-07-01', to: '2020-03-01' },
    ]);
    expect(r.failures).toEqual([]);
    for (const other of [...tree.a.members, ...tree.b.members].filter((m) => m.id !== self.id)) expect(res.body).not.toContain(other.name);
  });

  it('shows the cards modules give, leaves out those with nothing to say, and reports a failed one without hiding the rest', async () => {
    const card = (key: string): NamedSection => ({
      source: key,
      name: key,
      nameEn: key,
      section: (_db, { scope }, who) =>
        Promise.resolve({ key, title: `卡片${key}`, titleEn: key, status: null, rows: [{ label: '范围', labelEn: 'scope', value: `${scope.kind}:${who.memberId}`, tone: 'default' }], items: [], link: null }),
    });
    const s = [card('one'), { ...card('none'), section: () => Promise.resolve(null) }, { ...card('broken'), name: '坏的卡片', section: () => Promise.reject(new Error('boom')) }];
    selfSections.push(...s);
    extra.push(...s);
    const r = (await me.get('/api/me/record')).json<SelfRecord>();
    expect(r.sections.map((x) => x.key).filter((k) => ['one', 'none', 'broken'].includes(k))).toEqual(['one']);
    expect(r.sections.find((x) => x.key === 'one')!.rows[0]!.value).toBe(`self:${tree.a.members[2]!.id}`);
    expect(r.failures).toEqual([{ source: 'broken', message: expect.stringContaining('坏的卡片') as string }]);
  });

  it('the member requests a transfer and registers going away, then sees both on their record with their dues', async () => {
    const self = tree.a.members[2]!;
    const req = await me.post(`/api/transfers/request/${self.id}`, { toOrgName: '中共广州市天河区某街道党工委', reason: '工作调动' });
    expect(req.statusCode, req.body).toBe(201);
    // Not for someone else, even in the same branch.
    expect([403, 404]).toContain((await me.post(`/api/transfers/request/${tree.a.members[3]!.id}`, { toOrgName: '某党组织', reason: '工作调动' })).statusCode);
    const out = await me.post('/api/mobile/outflows', { memberId: self.id, place: '广东省深圳市南山区', since: '2026-01-05' });
    expect(out.statusCode, out.body).toBe(201);
    const r = (await me.get('/api/me/record')).json<SelfRecord>();
    const card = (key: string) => r.sections.find((x) => x.key === key);
    expect(card('transfers')?.status?.label).toBe('党员申请');
    expect(card('transfers')?.rows.find((x) => x.label === '转往')?.value).toBe('中共广州市天河区某街道党工委');
    expect(card('mobile')?.rows.find((x) => x.label === '外出地点')?.value).toBe('广东省深圳市南山区');
    expect(card('dues')?.rows.map((x) => x.label)).toEqual(['党费交至', '本月应交', '欠交', '累计已交']);
    expect(r.failures).toEqual([]);
  });

  it('an account without a member record gets 404 with a plain reason', async () => {
    const c = await login(ts.app, staff.username, staff.password);
    const res = await c.get('/api/me/record');
    expect(res.statusCode).toBe(404);
    expect(res.json<Problem>().code).toBe('self.noMember');
  });
});

/** A module's example body aimed at another member of the same branch (ids replaced), for staff to create real records. */
function aimedAt(example: Record<string, unknown>, memberId: number, orgId: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(example)) {
    if (k === 'memberId') out[k] = memberId;
    else if (k === 'memberIds') out[k] = [memberId];
    else if (k === 'orgId' || k === 'fromOrgId') out[k] = orgId;
    else out[k] = v;
  }
  return out;
}

describe('a member reaches nobody else’s data', () => {
  it('every GET route aimed at another member, another organization or any other record answers 400/403/404 and shows nothing of theirs', async () => {
    const self = tree.a.members[2]!;
    const neighbour = tree.a.members[3]!; // same branch
    const others = [...tree.a.members, ...tree.b.members].filter((m) => m.id !== self.id);
    const markers = others.flatMap((m) => [m.name, m.idNumber, m.idNumberMasked]);
    // Staff of the township create what each lifecycle module can create for the neighbour (development,
    // transfers, mobile, dues, appraisal, status…), through the modules' own example requests.
    const staffC = await login(ts.app, staff.username, staff.password);
    // Ids of what was created, by the module's URL segment (/api/transfers → transfers).
    const created = new Map<string, number[]>();
    const segment = (url: string) => url.split('/')[2] ?? '';
    for (const e of protectedEndpoints(ts.routes).filter((x) => x.method === 'POST' && !x.url.includes(':'))) {
      // A branch meeting invites the whole branch, the member included: it is theirs to see (below, a
      // meeting of the village they do not belong to stands in for "someone else's").
      if (/^\/api\/(auth|users|imports|orgs|members|units|alliances|households|rules|orglife)\b/.test(e.url)) continue;
      const example = e.route.config?.example?.body;
      if (!example || typeof example !== 'object' || Array.isArray(example)) continue;
      const body = aimedAt(example as Record<string, unknown>, neighbour.id, tree.a.branch.id);
      const res = await staffC.post(e.url, body);
      // People named in those records (an applicant, an inflowing member) are someone else too.
      for (const [k, v] of Object.entries(body)) if (/name$/i.test(k) && typeof v === 'string' && !/org/i.test(k) && res.statusCode < 300) markers.push(v);
      const id = res.statusCode < 300 ? (res.json<{ id?: unknown }>().id) : undefined;
      if (typeof id === 'number') created.set(segment(e.url), [...(created.get(segment(e.url)) ?? []), id]);
    }
    const villageMeeting = await ts.db.insertInto('orglife_meetings').values({ org_id: tree.a.village.id, kind: 'member_meeting', topic: '村党总支党员大会', planned_on: '2026-03-10', created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow();
    created.set('orglife', [villageMeeting.id]);
    const foreign: Partial<Record<EntityKind, EntityId[]>> = {
      member: others.map((m) => m.id),
      org: [tree.a.village.id, tree.a.township.id, tree.root.id, tree.b.branch.id],
      user: [staff.id],
      unit: [tree.a.unit.id, tree.b.unit.id],
      alliance: [tree.a.alliance.id],
      household: [tree.a.household.id],
      importJob: ['00000000-0000-4000-8000-000000000000'],
    };
    // Records of kinds this test does not know by name: the neighbour's records that module just created, else an unused id.
    const anyRecord = (url: string) => created.get(segment(url)) ?? [2_000_000_000];
    const findings: string[] = [];
    let calls = 0;
    const call = async (req: { method: string; url: string }, targeted: boolean) => {
      const res = await me.get(req.url);
      calls++;
      const shown = markers.filter((m) => res.body.includes(m));
      if (shown.length) findings.push(`${req.url}: ${res.statusCode} shows ${shown.join(', ')}`);
      if (res.statusCode >= 500) findings.push(`${req.url}: ${res.statusCode}`);
      if (targeted && ![400, 403, 404].includes(res.statusCode)) findings.push(`${req.url}: answered ${res.statusCode}`);
    };
    const ownValue = (s: Slot): EntityId => (s.kind === 'member' ? self.id : tree.a.branch.id);
    for (const e of protectedEndpoints(ts.routes).filter((x) => x.method === 'GET')) {
      const slots = idSlots(e);
      if (slots.length === 0) {
        await call(buildRequest(e, [], () => 0), false);
        continue;
      }
      // Each slot aimed at every foreign id in turn (the others at the member's own branch / self).
      for (const target of slots) {
        // A module's own record id (/api/transfers/:id) that the route helpers file under 'org' by default.
        const ownTable = target.where === 'params' && target.name === 'id' && target.kind === 'org' && !e.url.startsWith('/api/orgs/');
        for (const id of ownTable ? anyRecord(e.url) : (foreign[target.kind] ?? anyRecord(e.url))) await call(buildRequest(e, slots, (s: Slot) => (s === target ? id : ownValue(s))), true);
      }
      // The member's own branch (not "another" organization): may answer, but never with anyone else in it.
      if (slots.every((s) => s.kind === 'org' || s.kind === 'member')) await call(buildRequest(e, slots, ownValue), false);
    }
    expect(findings).toEqual([]);
    expect(calls).toBeGreaterThan(20);
    // The walk had the neighbour's records to find (development, transfer, mobile… whatever exists).
    expect(created.size).toBeGreaterThan(0);
  });
});
