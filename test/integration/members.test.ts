// Members: scoped lists, masked ID numbers everywhere, and the audited, permission-guarded reveal.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { idNumberProblem } from '../../src/lib/idcard.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface Summary {
  id: number;
  orgId: number;
  name: string;
  idNumberMasked: string;
  birthDate: string;
}

let ts: TestServer;
let tree: OrgTree;
let admin: Client;
let staffA: Client;
let secA: Client;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const a = await ts.makeUser('admin', tree.root.id);
  const s = await ts.makeUser('org_staff', tree.a.township.id);
  const sec = await ts.makeUser('secretary', tree.a.village.id);
  [admin, staffA, secA] = [await login(ts.app, a.username, a.password), await login(ts.app, s.username, s.password), await login(ts.app, sec.username, sec.password)];
});
afterAll(async () => {
  await ts?.close();
});

const lastSeq = async () => Number((await sql<{ s: number | null }>`select max(seq)::int as s from audit_log`.execute(ts.db)).rows[0]!.s ?? 0);
const ids = (xs: { id: number }[]) => xs.map((x) => x.id).sort((p, q) => p - q);

describe('list', () => {
  it('shows the members of the caller’s subtree only', async () => {
    const mine = (await staffA.get('/api/members')).json<{ items: Summary[] }>().items;
    expect(ids(mine)).toEqual(ids(tree.a.members));
    const all = (await admin.get('/api/members?limit=200')).json<{ items: Summary[] }>().items;
    expect(ids(all)).toEqual(ids([...tree.a.members, ...tree.b.members]));
  });

  it('filters by organization subtree (404 outside the scope) and by name', async () => {
    const branch = (await staffA.get(`/api/members?orgId=${tree.a.branch.id}`)).json<{ items: Summary[] }>().items;
    expect(ids(branch)).toEqual(ids(tree.a.members.filter((m) => m.orgId === tree.a.branch.id)));
    const outside = await staffA.get(`/api/members?orgId=${tree.b.village.id}`);
    expect(outside.statusCode).toBe(404);
    const byName = (await staffA.get(`/api/members?q=${encodeURIComponent(tree.a.members[1]!.name)}`)).json<{ items: Summary[] }>().items;
    expect(byName.map((m) => m.name)).toEqual([tree.a.members[1]!.name]);
    expect((await staffA.get(`/api/members?q=${encodeURIComponent(tree.b.members[1]!.name)}`)).json<{ items: Summary[] }>().items).toEqual([]);
  });

  it('pages by id with nextCursor', async () => {
    const p1 = (await staffA.get('/api/members?limit=3')).json<{ items: Summary[]; nextCursor: string | null }>();
    expect(p1.items.length).toBe(3);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await staffA.get(`/api/members?limit=3&cursor=${p1.nextCursor}`)).json<{ items: Summary[]; nextCursor: string | null }>();
    expect(p2.items.length).toBe(1);
    expect(p2.nextCursor).toBeNull();
    expect(ids([...p1.items, ...p2.items])).toEqual(ids(tree.a.members));
  });

  it('pages a subtree of several organizations in id order both ways, with a filter, each member once', async () => {
    // Interleave ids across the village and the branch so that per-organization order ≠ id order.
    for (let i = 0; i < 9; i++) await ts.insertMember(i % 2 ? tree.a.village : tree.a.branch, { name: `翻页${i}`, gender: i % 3 ? 'male' : 'female' });
    const walk = async (query: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const r: { items: Summary[]; nextCursor: string | null } = (await staffA.get(`/api/members?limit=4${query}${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...r.items.map((m) => m.id));
        cursor = r.nextCursor;
      } while (cursor);
      return seen;
    };
    const expected = async (gender?: string) =>
      (await sql<{ id: number }>`select m.id from members m join organizations o on o.id = m.org_id
        where o.path <@ (select path from organizations where id = ${tree.a.township.id}) and m.left_on is null ${gender ? sql`and m.gender = ${gender}` : sql``} order by m.id`.execute(ts.db)).rows.map((r) => r.id);
    const all = await expected();
    expect(all.length).toBe(13);
    expect(await walk('')).toEqual(all);
    expect(await walk('&order=desc')).toEqual([...all].reverse());
    expect(await walk('&gender=female')).toEqual(await expected('female'));
    expect(await walk(`&orgId=${tree.a.branch.id}&order=desc`)).toEqual(
      (await sql<{ id: number }>`select id from members where org_id = ${tree.a.branch.id} and left_on is null order by id desc`.execute(ts.db)).rows.map((r) => r.id),
    );
    // Gone again, so the other tests see the factory members only.
    await sql`delete from members where name like '翻页%'`.execute(ts.db);
  });

  it('a member-role user sees only their own record', async () => {
    const self = tree.a.members[2]!;
    const u = await ts.makeUser('member', self.orgId, undefined, { memberId: self.id });
    const c = await login(ts.app, u.username, u.password);
    expect(ids((await c.get('/api/members')).json<{ items: Summary[] }>().items)).toEqual([self.id]);
    const sameOrg = tree.a.members.find((m) => m.orgId === self.orgId && m.id !== self.id)!;
    expect((await c.get(`/api/members/${sameOrg.id}`)).statusCode).toBe(404);
    // Their own full number is theirs to see.
    const own = await c.post(`/api/members/${self.id}/reveal-id-number`, {});
    expect(own.statusCode).toBe(200);
    expect(own.json<{ idNumber: string }>().idNumber).toBe(self.idNumber);
    expect((await c.post(`/api/members/${sameOrg.id}/reveal-id-number`, {})).statusCode).toBe(404);
  });
});

describe('ethnicity and work unit filters', () => {
  let staffB: Client;
  beforeAll(async () => {
    const b = await ts.makeUser('org_staff', tree.b.township.id);
    staffB = await login(ts.app, b.username, b.password);
    const [a0, a1, a2] = tree.a.members;
    const set = (id: number, v: { ethnicity?: string; work_unit?: string | null }) => ts.db.updateTable('members').set(v).where('id', '=', id).execute();
    await set(a0!.id, { ethnicity: '回族', work_unit: '松甲村_农业%合作社' });
    await set(a1!.id, { ethnicity: '回族', work_unit: '甲溪镇卫生院' });
    await set(a2!.id, { work_unit: '松甲村xy农业合作社' });
    // B has a Hui member too, and the same work unit text: a B user must see only B's.
    await set(tree.b.members[0]!.id, { ethnicity: '回族', work_unit: '松乙村农业合作社' });
  });
  const list = async (c: Client, query: string) => (await c.get(`/api/members?limit=200&${query}`)).json<{ items: Summary[] }>().items;
  const enc = encodeURIComponent;

  it('ethnicity matches exactly, inside the scope', async () => {
    const [a0, a1] = tree.a.members;
    expect(ids(await list(staffA, `ethnicity=${enc('回族')}`))).toEqual(ids([a0!, a1!]));
    expect(ids(await list(staffA, `ethnicity=${enc('回')}`))).toEqual([]); // exact, not partial
    expect(ids(await list(staffA, `ethnicity=${enc('汉族')}`))).toEqual(ids(tree.a.members.slice(2)));
    expect(await list(staffA, `ethnicity=${enc('满族')}`)).toEqual([]);
    // The sibling subtree's user sees only their own Hui member, none of A's.
    expect(ids(await list(staffB, `ethnicity=${enc('回族')}`))).toEqual([tree.b.members[0]!.id]);
    expect(await list(staffB, `ethnicity=${enc('回族')}&q=${enc(tree.a.members[0]!.name)}`)).toEqual([]);
  });

  it('work unit matches a trimmed substring, with LIKE characters taken literally', async () => {
    const [a0, a1, a2] = tree.a.members;
    expect(ids(await list(staffA, `workUnit=${enc('  合作社 ')}`))).toEqual(ids([a0!, a2!]));
    expect(ids(await list(staffA, `workUnit=${enc('卫生院')}`))).toEqual([a1!.id]);
    expect(ids(await list(staffA, `workUnit=${enc('村_农')}`))).toEqual([a0!.id]); // `_` is no wildcard
    expect(ids(await list(staffA, `workUnit=${enc('%')}`))).toEqual([a0!.id]); // nor is `%`
    expect(await list(staffA, `workUnit=${enc('供销社')}`)).toEqual([]);
    expect(ids(await list(staffA, `workUnit=${enc('合作社')}&ethnicity=${enc('回族')}`))).toEqual([a0!.id]);
    // B's user: only B's cooperative, and nothing for A's text.
    expect(ids(await list(staffB, `workUnit=${enc('合作社')}`))).toEqual([tree.b.members[0]!.id]);
    expect(await list(staffB, `workUnit=${enc('甲溪镇卫生院')}`)).toEqual([]);
    expect(await list(staffB, `workUnit=${enc('松甲村')}`)).toEqual([]);
    expect((await staffA.get(`/api/members?workUnit=${enc('   ')}`)).statusCode).toBe(400);
  });

  it('the Excel export applies both filters', async () => {
    const names = async (c: Client, query: string) => {
      const res = await c.get(`/api/exports/members.xlsx?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const col = (ws.getRow(1).values as unknown[]).indexOf('姓名');
      expect(col).toBeGreaterThan(0);
      const out: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) out.push(String((row.values as unknown[])[col]));
      });
      return out.sort();
    };
    const [a0, a1, a2] = tree.a.members;
    expect(await names(staffA, `ethnicity=${enc('回族')}`)).toEqual([a0!.name, a1!.name].sort());
    expect(await names(staffA, `workUnit=${enc('合作社')}`)).toEqual([a0!.name, a2!.name].sort());
    expect(await names(staffB, `workUnit=${enc('松甲村')}`)).toEqual([]);
    expect(await names(staffB, `ethnicity=${enc('回族')}`)).toEqual([tree.b.members[0]!.name]);
  });
});

describe('ID numbers', () => {
  it('lists and details show only the masked number', async () => {
    const m = tree.a.members[0]!;
    const list = await staffA.get('/api/members');
    const detail = await staffA.get(`/api/members/${m.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<Summary>()).toMatchObject({ id: m.id, name: m.name, idNumberMasked: m.idNumberMasked, birthDate: m.birthDate });
    expect(m.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    for (const x of tree.a.members) {
      expect(list.body).not.toContain(x.idNumber);
      expect(list.body).toContain(x.idNumberMasked);
    }
    expect(detail.body).not.toContain(m.idNumber);
    expect(detail.body).not.toContain(m.idNumber.slice(6, 14)); // not even the birth-date digits in sequence
  });

  it('stores the number encrypted, never in clear', async () => {
    const m = tree.a.members[0]!;
    const row = await ts.db.selectFrom('members').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(m.idNumber);
    expect(ts.cipher.decrypt(row.id_number_cipher)).toBe(m.idNumber);
    expect(idNumberProblem(m.idNumber, m.birthDate)).toBeNull();
  });

  it('a secretary lacks member.revealId: 403, and no audit row', async () => {
    const m = tree.a.members[0]!;
    const before = await lastSeq();
    const res = await secA.post(`/api/members/${m.id}/reveal-id-number`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>()).toMatchObject({ code: 'forbidden', title: '没有权限执行此操作' });
    expect(res.body).not.toContain(m.idNumber);
    expect(await lastSeq()).toBe(before);
  });

  it('org staff in scope get the real number, and the reveal is audited', async () => {
    const m = tree.a.members[3]!;
    const before = await lastSeq();
    const res = await staffA.post(`/api/members/${m.id}/reveal-id-number`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: m.idNumber });
    const rows = await ts.db.selectFrom('audit_log').selectAll().where('seq', '>', before).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'member.revealIdNumber', entity: 'member', entity_id: String(m.id), actor_id: staffA.me.id, request_id: res.headers['x-request-id'] });
    // The audit entry itself does not hold the number.
    expect(JSON.stringify(rows[0])).not.toContain(m.idNumber);
  });

  it('outside the scope the reveal is 404, even for org staff', async () => {
    const before = await lastSeq();
    const res = await staffA.post(`/api/members/${tree.b.members[0]!.id}/reveal-id-number`, {});
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(tree.b.members[0]!.idNumber);
    expect(await lastSeq()).toBe(before);
  });
});
