// The scope walk: every endpoint the app registers is called by users confined to subtree B,
// aimed at entities of subtree A (and the root above both). Nothing of A may come back and
// nothing may change. New endpoints join the walk automatically through the onRoute list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DEFAULT_PASSWORD, secretMarkers, type OrgTree, type TestUser } from '../helpers/factories.ts';
import { randomUUID } from 'node:crypto';
import { buildRequest, idSlots, protectedEndpoints, schemaKeys, UNSAFE, type EntityId, type EntityKind, type Endpoint, type Slot } from '../helpers/routes.ts';
import { login, testServer, type Client, type TestServer } from '../helpers/server.ts';

/** Self-service routes that act on the caller only; the only ones without a `config.permission`. */
const SELF_SERVICE = new Set(['GET /api/auth/me', 'HEAD /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password', 'PUT /api/auth/locale']);
/** Problems that would mean the walk never got past sign-in, making its 403s meaningless. */
const SESSION_PROBLEMS = new Set(['auth.required', 'auth.csrf', 'auth.passwordChangeRequired']);

let ts: TestServer;
let tree: OrgTree;
let users: Record<'aStaff' | 'aSec' | 'aMember' | 'rootAdmin' | 'bStaff' | 'bSec' | 'bContact' | 'bMember', TestUser>;
let outside: Record<EntityKind, EntityId[]>;
let inside: Record<EntityKind, EntityId>;
let jobs: Record<'a' | 'root' | 'b', { id: string; fileName: string }>;
let devCases: Record<'a' | 'b', number>;
let rounds: Record<'a' | 'b', number>;
let transfers: Record<'a' | 'b', number>;
let mobiles: Record<'a' | 'b', number>;
let commitments: Record<'a' | 'b', number>;
let asmRounds: Record<'a' | 'b', number>;
let asmSheets: Record<'a' | 'b', number>;
let asmTargets: Record<'a' | 'b', number>;
let meetings: Record<'a' | 'b', number>;
let meetingFiles: Record<'a' | 'b', number>;
let markers: string[];
let aSessions: Client[];

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const { root, a, b } = tree;
  users = {
    aStaff: await ts.makeUser('org_staff', a.township.id, undefined, { prefix: 'walkA' }),
    aSec: await ts.makeUser('secretary', a.village.id, undefined, { prefix: 'walkA' }),
    aMember: await ts.makeUser('member', a.branch.id, undefined, { prefix: 'walkA', memberId: a.members[2]!.id }),
    rootAdmin: await ts.makeUser('admin', root.id, undefined, { prefix: 'walkR' }),
    bStaff: await ts.makeUser('org_staff', b.township.id, undefined, { prefix: 'walkB' }),
    bSec: await ts.makeUser('secretary', b.village.id, undefined, { prefix: 'walkB' }),
    bContact: await ts.makeUser('unit_contact', b.township.id, undefined, { prefix: 'walkB' }),
    bMember: await ts.makeUser('member', b.branch.id, undefined, { prefix: 'walkB', memberId: b.members[2]!.id }),
  };
  // Import jobs (uuid ids): one started in A, one over the whole tree, one in B.
  const job = async (key: 'a' | 'root' | 'b', by: TestUser, scopePath: string | null) => {
    const j = { id: randomUUID(), fileName: `${key === 'b' ? 'walkB' : 'walkA'}导入${key}.xlsx` };
    await ts.db.insertInto('import_jobs').values({ id: j.id, kind: 'members', status: 'rejected', file_name: j.fileName, file_sha256: '0'.repeat(64), file_size: 1, created_by: by.id, created_by_name: by.username, scope_path: scopePath, node: null, rows_total: 1, error_sample: null, error_report: new Uint8Array([80, 75, 3, 4]), message: null }).execute();
    return j;
  };
  jobs = { a: await job('a', users.aStaff, a.township.path), root: await job('root', users.rootAdmin, null), b: await job('b', users.bStaff, b.township.path) };
  // Development cases (发展党员): one admitted by A's village, one by B's branch.
  const devCase = async (orgId: number, name: string) =>
    (await ts.db.insertInto('dev_cases').values({ org_id: orgId, training_org_id: null, name, gender: 'male', birth_date: '1995-05-05', id_number_cipher: ts.cipher.encrypt(name), id_number_hash: ts.cipher.lookupHash(name), id_number_masked: '330402********0011', education: 'bachelor', category: 'farmer', work_unit: null, phone: null, applied_on: '2025-03-01', last_step: 'apply', last_step_on: '2025-03-01', member_id: null, probation_extension_months: null, closed_on: null, close_kind: null, close_reason: null }).returning('id').executeTakeFirstOrThrow()).id;
  devCases = { a: await devCase(a.village.id, '甲发展申请人'), b: await devCase(b.branch.id, 'walkB发展申请人') };
  // Democratic appraisal rounds (民主评议): one in A's village, one in B's branch.
  const round = async (orgId: number) => (await ts.db.insertInto('appraisal_rounds').values({ org_id: orgId, year: 2025, starts_on: '2026-01-05', ends_on: '2026-02-28', note: null, created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow()).id;
  rounds = { a: await round(a.village.id), b: await round(b.branch.id) };
  // Transfers (组织关系转接): within each side, from the branch to the village, letter issued. Mobile
  // members (流动党员): an outflow of a village member on each side.
  const transfer = async (side: typeof a, memberName: string, memberId: number) => {
    const t = await ts.db.insertInto('transfers').values({ kind: 'internal', scope_case: 'within_county', state: 'issued', member_id: memberId, member_name: memberName, from_org_id: side.branch.id, from_org_name: side.branch.name, to_org_id: side.village.id, to_org_name: side.village.name, to_org_address: null, reason: null, dues_paid_until: null, batch_id: null, first_issued_on: '2026-01-05', created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow();
    const content = { name: memberName, gender: 'male', birthDate: '1980-01-01', ethnicity: '汉族', status: 'full', idNumberMasked: null, fromOrgName: side.branch.name, toOrgName: side.village.name, toOrgAddress: null, duesPaidUntil: null };
    await ts.db.insertInto('transfer_letters').values({ transfer_id: t.id, issuer_org_id: side.township.id, issuer_name: side.township.name, year: 2026, seq: t.id, number: `walk〔2026〕第${t.id}号`, issued_on: '2026-01-05', valid_until: '2099-12-31', content: JSON.stringify(content) }).execute();
    return t.id;
  };
  transfers = { a: await transfer(a, a.members[2]!.name, a.members[2]!.id), b: await transfer(b, b.members[2]!.name, b.members[2]!.id) };
  const mobile = async (side: typeof a, m: (typeof a.members)[number]) =>
    (await ts.db.insertInto('mobile_records').values({ direction: 'outflow', member_id: m.id, org_id: side.village.id, person_name: m.name, phone: null, place: '外省某市', since: '2026-01-05', reason: null, host_org_name: null, home_org_name: side.village.name, certificate_no: null, created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow()).id;
  mobiles = { a: await mobile(a, a.members[1]!), b: await mobile(b, b.members[1]!) };
  // Commitments (四级承诺一评议): one by A's village, one by B's branch (no items: item ids could meet A's organization ids).
  const commitment = async (orgId: number) => (await ts.db.insertInto('commitments').values({ org_id: orgId, maker_type: 'org', member_id: null, year: 2026, title: 'walk 年度承诺', announced_on: null, announce_way: null, note: null, created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow()).id;
  commitments = { a: await commitment(a.village.id), b: await commitment(b.branch.id) };
  // Assessment (考核评价): a round launched by each township with a sheet for its village.
  const asm = async (side: typeof a) => {
    const std = await ts.db.selectFrom('assessment_standards').select('id').where('code', '=', 'five_good_village').executeTakeFirstOrThrow();
    const r = await ts.db.insertInto('assessment_rounds').values({ org_id: side.township.id, standard_id: std.id, cadence: 'quarter', title: 'walk 考核', period_from: '2026-07-01', period_to: '2026-09-30', due_on: '2026-10-15', created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow();
    const h = await ts.db.insertInto('assessment_sheets').values({ round_id: r.id, org_id: side.village.id }).returning('id').executeTakeFirstOrThrow();
    return { round: r.id, sheet: h.id };
  };
  const [asmA, asmB] = [await asm(a), await asm(b)];
  asmRounds = { a: asmA.round, b: asmB.round };
  asmSheets = { a: asmA.sheet, b: asmB.sheet };
  // Assessment targets (考核目标): one set by each township.
  const asmTarget = async (orgId: number) => (await ts.db.insertInto('assessment_targets').values({ org_id: orgId, standard_code: 'five_good_village', share_bp: 6500, deadline: '2027-12-31', title: 'walk 目标', source: 'walk', created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow()).id;
  asmTargets = { a: await asmTarget(a.township.id), b: await asmTarget(b.township.id) };
  // Organizational life (组织生活): a held member meeting of A's village and B's branch, with a text attachment.
  const meeting = async (orgId: number) => {
    const m = await ts.db.insertInto('orglife_meetings').values({ org_id: orgId, kind: 'member_meeting', state: 'held', topic: 'walk 支部党员大会', planned_on: '2026-03-10', held_on: '2026-03-10', minutes: 'walk 会议记录', created_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow();
    const f = await ts.db.insertInto('orglife_attachments').values({ meeting_id: m.id, file_name: 'walk.txt', content_type: 'text/plain', size: 4, sha256: '0'.repeat(64), data: new TextEncoder().encode('walk'), uploaded_by_name: 'walk' }).returning('id').executeTakeFirstOrThrow();
    return { meeting: m.id, file: f.id };
  };
  const [mA, mB] = [await meeting(a.village.id), await meeting(b.branch.id)];
  meetings = { a: mA.meeting, b: mB.meeting };
  meetingFiles = { a: mA.file, b: mB.file };
  outside = {
    org: [...a.orgs.map((o) => o.id), root.id],
    member: a.members.map((m) => m.id),
    user: [users.aStaff.id, users.aSec.id, users.aMember.id, users.rootAdmin.id],
    unit: [a.unit.id],
    alliance: [a.alliance.id],
    household: [a.household.id],
    importJob: [jobs.a.id, jobs.root.id],
    devCase: [devCases.a],
    appraisalRound: [rounds.a],
    transfer: [transfers.a],
    mobileRecord: [mobiles.a],
    commitment: [commitments.a],
    assessmentRound: [asmRounds.a],
    assessmentSheet: [asmSheets.a],
    assessmentTarget: [asmTargets.a],
    meeting: [meetings.a],
    meetingFile: [meetingFiles.a],
  };
  // In-scope ids for every B walker (the branch and its member lie inside each B scope).
  inside = { org: b.branch.id, member: b.members[2]!.id, user: users.bSec.id, unit: b.unit.id, alliance: b.alliance.id, household: b.household.id, importJob: jobs.b.id, devCase: devCases.b, appraisalRound: rounds.b, transfer: transfers.b, mobileRecord: mobiles.b, commitment: commitments.b, assessmentRound: asmRounds.b, assessmentSheet: asmSheets.b, assessmentTarget: asmTargets.b, meeting: meetings.b, meetingFile: meetingFiles.b };
  markers = [...secretMarkers(tree, [users.aStaff, users.aSec, users.aMember, users.rootAdmin]), root.name, root.code, jobs.a.fileName, jobs.root.fileName, '甲发展申请人'];
  // Live sessions of A's users: a walk that signed them out would show in the snapshot.
  aSessions = [await login(ts.app, users.aStaff.username, DEFAULT_PASSWORD), await login(ts.app, users.aSec.username, DEFAULT_PASSWORD)];
});

afterAll(async () => {
  await ts?.close();
});

/** Markers in a response, not counting the caller's own request URL echoed back (problem `instance`). */
function leaked(text: string, requestUrl?: string) {
  let t = text;
  if (requestUrl) for (const u of [requestUrl, decodeURIComponent(requestUrl)]) t = t.replaceAll(u, '');
  return markers.filter((m) => t.includes(m));
}

/** Everything except the caller's own user row and sessions, as comparable JSON. */
async function snapshot(callerId: number) {
  const { db } = ts;
  const [orgs, members, others, sessions, units, alliances, households, asmTargetRows] = await Promise.all([
    db.selectFrom('organizations').selectAll().orderBy('id').execute(),
    db.selectFrom('members').selectAll().orderBy('id').execute(),
    db.selectFrom('users').selectAll().where('id', '!=', callerId).orderBy('id').execute(),
    db.selectFrom('sessions').selectAll().where('user_id', '!=', callerId).orderBy('token_hash').execute(),
    db.selectFrom('units').selectAll().orderBy('id').execute(),
    sql`select a.*, (select json_agg(am order by am.unit_id) from alliance_members am where am.alliance_id = a.id) m from alliances a order by a.id`.execute(db).then((r) => r.rows),
    sql`select h.*, (select json_agg(mh order by mh.member_id) from member_households mh where mh.household_id = h.id) m from households h order by h.id`.execute(db).then((r) => r.rows),
    db.selectFrom('assessment_targets').selectAll().orderBy('id').execute(),
  ]);
  return JSON.parse(JSON.stringify({ orgs, members, others, sessions, units, alliances, households, asmTargetRows })) as unknown;
}

async function lastSeq() {
  const r = await sql<{ seq: number | null }>`select max(seq)::int as seq from audit_log`.execute(ts.db);
  return r.rows[0]?.seq ?? 0;
}

/** Query-string variants for list endpoints: each A marker as the free-text search. */
function searchVariants(e: Endpoint): Record<string, string>[] {
  const keys = schemaKeys(e.route.schema?.querystring).filter((k) => k === 'q' || k === 'actor');
  return keys.flatMap((k) => markers.map((m) => ({ [k]: m.slice(0, 30) })));
}

/** Outside id in one slot, inside ids elsewhere; then all slots outside at once. */
function* combinations(slots: Slot[]): Generator<(s: Slot) => EntityId> {
  for (const target of slots) {
    for (const id of outside[target.kind]) yield (s) => (s === target ? id : inside[s.kind]);
  }
  const n = Math.max(...slots.map((s) => outside[s.kind].length));
  for (let i = 0; i < n; i++) yield (s) => outside[s.kind][i % outside[s.kind].length]!;
}

interface Finding {
  call: string;
  problem: string;
}

async function send(client: Client, req: { method: string; url: string; body: unknown }) {
  return client.request({ method: req.method as 'GET', url: req.url, ...(req.body === undefined ? {} : { payload: req.body as object }) });
}

async function walk(caller: TestUser) {
  const main = await login(ts.app, caller.username, caller.password);
  const before = await snapshot(caller.id);
  const seqBefore = await lastSeq();
  const findings: Finding[] = [];
  let calls = 0;
  let listOk = 0;
  for (const e of protectedEndpoints(ts.routes)) {
    // Self-service routes may end or change the caller's session: each gets a session of its own.
    const client = SELF_SERVICE.has(e.key) ? await login(ts.app, caller.username, caller.password) : main;
    const slots = idSlots(e);
    const check = async (req: { method: string; url: string; body: unknown }, targeted: boolean) => {
      const res = await send(client, req);
      calls++;
      const call = `${req.method} ${req.url} ${req.body === undefined ? '' : JSON.stringify(req.body)}`;
      const found = leaked(res.body, req.url);
      if (found.length) findings.push({ call, problem: `${res.statusCode} leaks ${found.join(', ')}` });
      if (res.statusCode >= 500) findings.push({ call, problem: `server error ${res.statusCode} ${res.body}` });
      if (targeted && ![400, 403, 404].includes(res.statusCode)) findings.push({ call, problem: `answered ${res.statusCode} for an id outside the scope: ${res.body.slice(0, 300)}` });
      if (res.statusCode >= 400 && res.body) {
        const code = (res.json<{ code?: string }>().code ?? '') as string;
        if (SESSION_PROBLEMS.has(code)) findings.push({ call, problem: `stopped at sign-in (${code}): the walk proves nothing here` });
      }
      if (!targeted && res.statusCode === 200 && !UNSAFE.has(req.method)) listOk++;
    };
    if (slots.length === 0) {
      await check(buildRequest(e, [], () => 0), false);
      if (!UNSAFE.has(e.method)) for (const q of searchVariants(e)) await check(buildRequest(e, [], () => 0, q), false);
    } else {
      for (const value of combinations(slots)) await check(buildRequest(e, slots, value), true);
    }
  }
  const after = await snapshot(caller.id);
  const newAudit = await ts.db.selectFrom('audit_log').selectAll().where('seq', '>', seqBefore).orderBy('seq').execute();
  return { findings, calls, listOk, before, after, newAudit };
}

describe('route inventory', () => {
  it('collects every API route through the onRoute hook', () => {
    const keys = protectedEndpoints(ts.routes).map((e) => e.key);
    for (const k of ['GET /api/orgs/:id', 'GET /api/orgs/:id/children', 'POST /api/orgs', 'PATCH /api/orgs/:id', 'GET /api/members/:id', 'POST /api/members/:id/reveal-id-number', 'GET /api/users', 'POST /api/users', 'PATCH /api/users/:id', 'POST /api/users/:id/reset-password', 'GET /api/audit']) {
      expect(keys).toContain(k);
    }
    // Public routes are outside the walk and stay few.
    const pub = ts.routes.filter((r) => r.config?.public).map((r) => r.url);
    expect(new Set(pub)).toEqual(new Set(['/api/openapi.json', '/api/health', '/api/auth/login']));
  });

  it('every signed-in route declares a permission, except the self-service auth routes', () => {
    const missing = protectedEndpoints(ts.routes)
      .filter((e) => !e.route.config?.permission && !SELF_SERVICE.has(e.key))
      .map((e) => e.key);
    expect(missing).toEqual([]);
  });

  it('every POST/PUT/PATCH route carries config.example.body, so it joins the walk', () => {
    const missing = protectedEndpoints(ts.routes)
      .filter((e) => ['POST', 'PUT', 'PATCH'].includes(e.method) && e.route.config?.example?.body === undefined)
      .map((e) => e.key);
    expect(missing).toEqual([]);
  });
});

describe.each([
  { role: 'org_staff', who: 'bStaff' },
  { role: 'secretary', who: 'bSec' },
  { role: 'unit_contact', who: 'bContact' },
  { role: 'member', who: 'bMember' },
] as const)('a $role scoped to subtree B', ({ who }) => {
  it('gets 403/404/400 from every endpoint aimed at subtree A, sees none of it, and changes nothing', async () => {
    const caller = users[who];
    const r = await walk(caller);
    expect(r.findings).toEqual([]);
    expect(r.after).toEqual(r.before);
    // The only audit entries are the caller's own sign-ins / settings, about themselves.
    for (const row of r.newAudit) {
      expect({ actor: row.actor_id, entity: row.entity, entityId: row.entity_id }).toEqual({ actor: caller.id, entity: 'user', entityId: String(caller.id) });
    }
    expect(r.calls).toBeGreaterThan(50);
    if (who === 'bStaff') expect(r.listOk).toBeGreaterThan(10);
  });
});

describe('positive control: a user scoped to A makes the same calls', () => {
  it('list and self-service endpoints do show A to A (so the marker check can fail)', async () => {
    const c = await login(ts.app, users.aStaff.username, DEFAULT_PASSWORD);
    const ownA = await login(ts.app, users.aMember.username, DEFAULT_PASSWORD);
    const shown: Record<string, boolean> = {};
    // Reference data (rule tables) holds no organization's data: nothing of A to show.
    const lists = protectedEndpoints(ts.routes).filter((x) => x.method === 'GET' && idSlots(x).length === 0 && !x.route.config?.referenceData);
    for (const e of lists) {
      shown[e.key] = false;
      for (const q of [{}, ...searchVariants(e)]) {
        // A member's own pages (/api/me/…) are shown to A's member, not to staff without a member record.
        const res = await (e.url.startsWith('/api/me/') ? ownA : c).get(buildRequest(e, [], () => 0, q).url);
        if (res.statusCode === 200 && leaked(res.body).length) shown[e.key] = true;
      }
    }
    expect(Object.values(shown).length).toBeGreaterThan(3);
    expect(Object.entries(shown).filter(([, v]) => !v)).toEqual([]);
  });

  it('every read aimed at subtree A succeeds for A, GET details show the target, and no write fails with 5xx', async () => {
    const { a } = tree;
    const c = await login(ts.app, users.aStaff.username, DEFAULT_PASSWORD);
    const target = (s: Slot) =>
      s.kind === 'transfer' ? transfers.a : s.kind === 'mobileRecord' ? mobiles.a : s.kind === 'commitment' ? commitments.a : s.kind === 'assessmentRound' ? asmRounds.a : s.kind === 'assessmentSheet' ? asmSheets.a : s.kind === 'assessmentTarget' ? asmTargets.a : s.kind === 'meeting' ? meetings.a : s.kind === 'meetingFile' ? meetingFiles.a : s.kind === 'appraisalRound' ? rounds.a : s.kind === 'devCase' ? devCases.a : s.kind === 'member' ? a.members[0]!.id : s.kind === 'user' ? users.aSec.id : s.kind === 'unit' ? a.unit.id : s.kind === 'alliance' ? a.alliance.id : s.kind === 'household' ? a.household.id : s.kind === 'importJob' ? jobs.a.id : s.where === 'params' ? a.village.id : a.township.id;
    const results: string[] = [];
    let details = 0;
    // Reads first, so the details are checked before the writes rename or move their targets.
    const ordered = protectedEndpoints(ts.routes).sort((x, y) => Number(UNSAFE.has(x.method)) - Number(UNSAFE.has(y.method)));
    for (const e of ordered) {
      const slots = idSlots(e, { includeSchemaBody: false });
      if (slots.length === 0) continue;
      const req = buildRequest(e, slots, target);
      const res = await send(c, req);
      // Reads must succeed; writes carry domain rules of their own (a merge needs a sibling,
      // a dissolve an empty organization), so for them only a server error is a finding here.
      if (e.method === 'GET' ? res.statusCode >= 300 : res.statusCode >= 500) results.push(`${e.key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      // Detail reads name their target; sub-resource lists (events, posts, checks…) just answer 200.
      if (e.method === 'GET' && slots.some((s) => s.where === 'params') && (/\/:id$/.test(e.url) || e.url.endsWith('/children'))) {
        details++;
        // An attachment download is the file itself.
        const named: Record<string, string> = { member: a.members[0]!.name, unit: a.unit.name, alliance: a.alliance.name, household: a.household.name, meetingFile: 'walk' };
        const kind = slots.find((s) => s.where === 'params')!.kind;
        const expected = named[kind] ?? (e.url.endsWith('/children') ? a.branch.name : a.village.name);
        expect(res.body, e.key).toContain(expected);
      }
    }
    expect(results).toEqual([]);
    expect(details).toBeGreaterThanOrEqual(3);
    expect(aSessions.length).toBe(2);
  });
});
