// Member registry rules at their edges, partial-name search, cursor paging; tree operations with
// effective-dated history; setup checks from the rule table.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayCN } from '../../src/lib/dates.ts';
import { checkChar } from '../../src/lib/idcard.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let staff: Client;

/** A valid ID number for a birth date and gender (17th digit odd = male). */
function idFor(birth: string, gender: 'male' | 'female', seq = 12): string {
  const s = String(gender === 'male' ? seq * 2 + 1 : seq * 2).padStart(3, '0').slice(-3);
  const first17 = `330402${birth.replaceAll('-', '')}${s}`;
  return first17 + checkChar(first17);
}

const base = (over: Record<string, unknown> = {}) => ({
  orgId: tree.a.branch.id,
  name: '周登记',
  gender: 'male',
  idNumber: idFor('1990-03-15', 'male'),
  education: 'bachelor',
  category: 'worker',
  joinedOn: '2015-07-01',
  fullMemberOn: '2016-07-01',
  ...over,
});

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const u = await ts.makeUser('org_staff', tree.a.township.id);
  staff = await login(ts.app, u.username, u.password);
});
afterAll(async () => {
  await ts?.close();
});

const fields = (res: { json<T>(): T }) => res.json<Problem>().errors?.map((e) => e.field).sort();

describe('member registration rules', () => {
  it('registers a valid member with the ID number encrypted and shown masked', async () => {
    const res = await staff.post('/api/members', base({ idNumber: idFor('1988-02-29', 'female', 40), gender: 'female', name: '闰年生' }));
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json<{ id: number; birthDate: string; idNumberMasked: string; status: string }>();
    expect(m.birthDate).toBe('1988-02-29');
    expect(m.status).toBe('full');
    expect(m.idNumberMasked).toMatch(/^330402\*{8}\d{3}[\dX]$/);
    const row = await ts.db.selectFrom('members').select(['id_number_cipher']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.id_number_cipher).not.toContain('19880229');
  });

  it('rejects a wrong check character, a gender that contradicts the ID, and a birth date that differs', async () => {
    const good = idFor('1991-05-05', 'male', 41);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(fields(await staff.post('/api/members', base({ idNumber: wrongCheck })))).toEqual(['idNumber']);
    expect(fields(await staff.post('/api/members', base({ idNumber: good, gender: 'female' })))).toEqual(['gender']);
    const r = await staff.post('/api/members', base({ idNumber: good, birthDate: '1991-05-06' }));
    expect(fields(r)).toEqual(['birthDate']);
    expect(r.json<Problem>().detail).toContain('1991-05-05');
  });

  it('joining: 18th birthday exactly is allowed, one day before is not', async () => {
    const id = idFor('1996-06-10', 'male', 42);
    const under = await staff.post('/api/members', base({ idNumber: id, joinedOn: '2014-06-09', fullMemberOn: null }));
    expect(fields(under)).toEqual(['joinedOn']);
    const ok = await staff.post('/api/members', base({ idNumber: id, joinedOn: '2014-06-10', fullMemberOn: null, name: '刚成年' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ status: string }>().status).toBe('probationary');
  });

  it('full membership: exactly one year after joining is allowed, a day earlier is not; no future dates', async () => {
    const id = idFor('1985-01-20', 'female', 43);
    expect(fields(await staff.post('/api/members', base({ idNumber: id, gender: 'female', joinedOn: '2020-03-01', fullMemberOn: '2021-02-28' })))).toEqual(['fullMemberOn']);
    expect(fields(await staff.post('/api/members', base({ idNumber: id, gender: 'female', joinedOn: '2099-01-01', fullMemberOn: null })))).toEqual(['joinedOn']);
    const ok = await staff.post('/api/members', base({ idNumber: id, gender: 'female', joinedOn: '2020-03-01', fullMemberOn: '2021-03-01', name: '满一年' }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('an ID number already registered is refused, naming the holder, and nothing is written', async () => {
    const before = await ts.db.selectFrom('members').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const res = await staff.post('/api/members', base({ idNumber: tree.a.members[0]!.idNumber, gender: 'male', name: '重复者' }));
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().detail).toContain(tree.a.members[0]!.name);
    const after = await ts.db.selectFrom('members').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('an organization outside the scope is refused on the orgId field', async () => {
    expect(fields(await staff.post('/api/members', base({ orgId: tree.b.branch.id, idNumber: idFor('1979-09-09', 'male', 44) })))).toEqual(['orgId']);
  });

  it('update keeps the rules: changing gender against the ID is refused, a phone change is audited', async () => {
    const id = tree.a.members[0]!.id;
    expect(fields(await staff.patch(`/api/members/${id}`, { gender: 'female' }))).toEqual(['gender']);
    const ok = await staff.patch(`/api/members/${id}`, { phone: '13900001111' });
    expect(ok.statusCode, ok.body).toBe(200);
    const audit = await ts.db.selectFrom('audit_log').select(['action', 'after']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'member.update', after: { phone: '13900001111' } });
  });
});

describe('search and paging', () => {
  it('finds by one, two or three characters of the name, inside the scope only', async () => {
    await staff.post('/api/members', base({ name: '欧阳明月', idNumber: idFor('1980-08-08', 'female', 45), gender: 'female' }));
    const names = async (q: string, c = staff) => (await c.get(`/api/members?q=${encodeURIComponent(q)}&limit=200`)).json<{ items: { name: string }[] }>().items.map((m) => m.name);
    expect(await names('欧')).toContain('欧阳明月');
    expect(await names('明月')).toEqual(['欧阳明月']);
    expect(await names('阳明月')).toEqual(['欧阳明月']);
    expect(await names('月明')).toEqual([]);
    expect(await names(tree.b.members[0]!.name)).toEqual([]);
  });

  it('sorted by name with a cursor, pages join up without gaps or repeats', async () => {
    const all = (await staff.get('/api/members?sort=name&limit=200')).json<{ items: { id: number; name: string }[] }>().items;
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await staff.get(`/api/members?sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((m) => m.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await staff.get('/api/members?cursor=not-a-cursor')).statusCode).toBe(400);
  });

  it('finds a member by the full ID number through the keyed hash', async () => {
    const m = tree.a.members[1]!;
    const r = (await staff.get(`/api/members?idNumber=${m.idNumber}`)).json<{ items: { id: number }[] }>();
    expect(r.items.map((x) => x.id)).toEqual([m.id]);
  });
});

describe('tree operations keep history', () => {
  it('rename effective on a date keeps the old name for earlier dates', async () => {
    const org = await ts.insertOrg(tree.a.village, { code: `H-REN-${Date.now()}`, name: '中共旧名支部委员会', kind: 'branch', level: 'grid', domain: 'rural' });
    await ts.db.insertInto('org_versions').values({ org_id: org.id, valid_from: '2020-01-01', parent_id: tree.a.village.id, path: org.path, name: org.name, kind: 'branch', level: 'grid', domain: 'rural' }).execute();
    const res = await staff.patch(`/api/orgs/${org.id}`, { name: '中共新名支部委员会', effectiveOn: '2024-05-01' });
    expect(res.statusCode, res.body).toBe(200);
    const nameOn = async (d: string) =>
      (await sql<{ name: string }>`select name from org_versions where org_id = ${org.id} and valid_from <= ${d}::date and (valid_to is null or valid_to > ${d}::date)`.execute(ts.db)).rows.map((r) => r.name);
    expect(await nameOn('2024-04-30')).toEqual(['中共旧名支部委员会']);
    expect(await nameOn('2024-05-01')).toEqual(['中共新名支部委员会']);
    const before = await staff.patch(`/api/orgs/${org.id}`, { name: '中共再改支部委员会', effectiveOn: '2024-04-01' });
    expect(before.statusCode).toBe(400);
    expect(before.json<Problem>().errors?.[0]?.field).toBe('effectiveOn');
    const events = (await staff.get(`/api/orgs/${org.id}/events`)).json<{ items: { kind: string; summary: string }[] }>().items;
    expect(events[0]).toMatchObject({ kind: 'rename' });
    expect(events[0]!.summary).toContain('中共新名支部委员会');
  });

  it('merge moves members and closes their periods at the date; the source is dissolved; dissolve refuses a non-empty organization', async () => {
    const t = Date.now();
    const target = await ts.insertOrg(tree.a.village, { code: `H-MT-${t}`, name: '中共合并目标支部委员会', kind: 'branch', level: 'grid', domain: 'rural' });
    const source = await ts.insertOrg(tree.a.village, { code: `H-MS-${t}`, name: '中共被合并支部委员会', kind: 'branch', level: 'grid', domain: 'rural' });
    const m = await ts.insertMember(source, { name: '随迁人', region6: '330402', gender: 'male' });
    await ts.db.insertInto('member_periods').values({ member_id: m.id, org_id: source.id, valid_from: '2019-01-01' }).execute();
    expect((await staff.post(`/api/orgs/${source.id}/dissolve`, {})).statusCode).toBe(409);
    const res = await staff.post(`/api/orgs/${target.id}/merge`, { sourceIds: [source.id], effectiveOn: '2025-01-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ directMemberCount: number }>().directMemberCount).toBe(1);
    const periods = await ts.db.selectFrom('member_periods').select(['org_id', 'valid_from', 'valid_to']).where('member_id', '=', m.id).orderBy('valid_from').execute();
    expect(periods).toEqual([
      { org_id: source.id, valid_from: '2019-01-01', valid_to: '2025-01-01' },
      { org_id: target.id, valid_from: '2025-01-01', valid_to: null },
    ]);
    const src = await staff.get(`/api/orgs/${source.id}`);
    expect(src.json()).toMatchObject({ status: 'dissolved', dissolvedOn: '2025-01-01' });
    const kids = (await staff.get(`/api/orgs/${tree.a.village.id}/children`)).json<{ items: { id: number }[] }>().items.map((k) => k.id);
    expect(kids).not.toContain(source.id);
  });

  it('split moves only the listed members into the new organization', async () => {
    const t = Date.now();
    const src = await ts.insertOrg(tree.a.village, { code: `H-SP-${t}`, name: '中共待拆分支部委员会', kind: 'branch', level: 'grid', domain: 'rural' });
    const m1 = await ts.insertMember(src, { name: '留下人', region6: '330402', gender: 'male' });
    const m2 = await ts.insertMember(src, { name: '分出人', region6: '330402', gender: 'female' });
    const res = await staff.post(`/api/orgs/${src.id}/split`, { parts: [{ code: `H-SPN-${t}`, name: '中共新设支部委员会', kind: 'branch', memberIds: [m2.id] }] });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json<{ created: { id: number; parentId: number; directMemberCount: number }[] }>().created[0]!;
    expect(created).toMatchObject({ parentId: tree.a.village.id, directMemberCount: 1 });
    const orgOf = async (id: number) => (await ts.db.selectFrom('members').select('org_id').where('id', '=', id).executeTakeFirstOrThrow()).org_id;
    expect([await orgOf(m1.id), await orgOf(m2.id)]).toEqual([src.id, created.id]);
    const wrong = await staff.post(`/api/orgs/${src.id}/split`, { parts: [{ code: `H-SPX-${t}`, name: '中共错误支部委员会', kind: 'branch', memberIds: [tree.a.members[0]!.id] }] });
    expect(wrong.statusCode).toBe(400);
    expect(await ts.db.selectFrom('organizations').select('id').where('code', '=', `H-SPX-${t}`).executeTakeFirst()).toBeUndefined();
  });
});

describe('setup checks', () => {
  it('warn about a branch with fewer than 3 full members and a term that expires within 90 days, citing the rule', async () => {
    const org = await ts.insertOrg(tree.a.village, { code: `H-CK-${Date.now()}`, name: '中共检查支部委员会', kind: 'branch', level: 'grid', domain: 'rural' });
    await ts.insertMember(org, { name: '孤单人', region6: '330402', gender: 'male' });
    const started = addMonths(todayCN(), -36 + 2); // branch term 3 years: ends in ~2 months
    expect((await staff.put(`/api/orgs/${org.id}/term`, { startedOn: started })).statusCode).toBe(200);
    const r = (await staff.get(`/api/orgs/${org.id}/checks`)).json<{ items: { rule: string; source: string; message: string }[]; termEndsOn: string }>();
    const rules = r.items.map((i) => i.rule);
    expect(rules).toContain('setup.branch_min_full');
    expect(rules).toContain('term.warn_days');
    expect(r.items.find((i) => i.rule === 'setup.branch_min_full')!.source).toContain('支部工作条例');
    expect(r.termEndsOn).toBe(addMonths(started, 36));
  });

  it('a new rule version changes the threshold from its effective date (admin only)', async () => {
    const admin = await ts.makeUser('admin', tree.root.id);
    const a = await login(ts.app, admin.username, admin.password);
    expect((await staff.post('/api/rules/setup.branch_min_full/versions', { effectiveFrom: '2020-01-01', params: { min: 1 }, source: '测试' })).statusCode).toBe(403);
    const res = await a.post('/api/rules/setup.branch_min_full/versions', { effectiveFrom: '2020-01-01', params: { min: 1 }, source: '测试用新规则' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ version: number }>().version).toBe(2);
    const org = await ts.insertOrg(tree.a.village, { code: `H-CK2-${Date.now()}`, name: '中共新规支部委员会', kind: 'branch', level: 'grid', domain: 'rural' });
    await ts.insertMember(org, { name: '一人支部', region6: '330402', gender: 'female' });
    const r = (await staff.get(`/api/orgs/${org.id}/checks`)).json<{ items: { rule: string }[] }>();
    expect(r.items.map((i) => i.rule)).not.toContain('setup.branch_min_full');
  });
});
