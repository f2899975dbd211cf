// Member accounts: an account with the member role signs in as one member record, in the caller's
// scope, still on the register, and not already another enabled account's; it takes that member's
// organization. Linking and unlinking are audited and end the account's sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTree, TestUser } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let staffA: Client;
let staffUser: TestUser;

interface UserItem { id: number; role: string; orgId: number; memberId: number | null; memberName: string | null }

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  staffUser = await ts.makeUser('org_staff', tree.a.township.id);
  staffA = await login(ts.app, staffUser.username, staffUser.password);
});
afterAll(async () => {
  await ts?.close();
});

const fieldOf = (p: Problem) => p.errors?.map((e) => e.field) ?? [];

describe('member accounts', () => {
  it('refuses a member account without a member record, naming the field', async () => {
    const res = await staffA.post('/api/users', { username: 'nolink', displayName: '无关联', role: 'member', orgId: tree.a.branch.id });
    expect(res.statusCode).toBe(400);
    const p = res.json<Problem>();
    expect(p.detail).toContain('关联一名党员');
    expect(fieldOf(p)).toContain('memberId');
    expect(await ts.db.selectFrom('users').select('id').where('username', '=', 'nolink').executeTakeFirst()).toBeUndefined();
  });

  it('links the member, moves the account to the member’s own organization, shows the name and audits it', async () => {
    const m = tree.a.members[0]!; // on the village, not the branch the form named
    const res = await staffA.post('/api/users', { username: 'jia-mingyuan', displayName: m.name, role: 'member', orgId: tree.a.branch.id, memberId: m.id });
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json<{ user: UserItem }>().user;
    expect(u).toMatchObject({ role: 'member', memberId: m.id, memberName: m.name, orgId: tree.a.village.id });
    const audit = await ts.db.selectFrom('audit_log').select(['after']).where('action', '=', 'user.create').where('entity_id', '=', String(u.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ memberId: m.id });
  });

  it('refuses a second enabled account for the same member, naming the first', async () => {
    const m = tree.a.members[0]!;
    const res = await staffA.post('/api/users', { username: 'jia-again', displayName: m.name, role: 'member', orgId: tree.a.village.id, memberId: m.id });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toContain('jia-mingyuan');
  });

  it('refuses a member outside the caller’s scope as not found, and one who has left the register', async () => {
    const other = tree.b.members[0]!;
    const out = await staffA.post('/api/users', { username: 'yi-link', displayName: other.name, role: 'member', orgId: tree.a.branch.id, memberId: other.id });
    expect(out.statusCode).toBe(404);
    expect(out.body).not.toContain(other.name);

    const gone = tree.a.members[3]!;
    await ts.db.updateTable('members').set({ left_on: '2026-01-05' }).where('id', '=', gone.id).execute();
    try {
      const res = await staffA.post('/api/users', { username: 'gone-link', displayName: gone.name, role: 'member', orgId: tree.a.branch.id, memberId: gone.id });
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().detail).toContain('不在册');
    } finally {
      await ts.db.updateTable('members').set({ left_on: null }).where('id', '=', gone.id).execute();
    }
  });

  it('links an existing account by PATCH, ends its sessions, and will not unlink a member account', async () => {
    const m = tree.a.members[2]!;
    const plain = await ts.makeUser('member', tree.a.branch.id, undefined, { memberId: null });
    const session = await login(ts.app, plain.username, plain.password);
    const linked = await staffA.patch(`/api/users/${plain.id}`, { memberId: m.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json<UserItem>()).toMatchObject({ memberId: m.id, memberName: m.name, orgId: tree.a.branch.id });
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);

    const unlink = await staffA.patch(`/api/users/${plain.id}`, { memberId: null });
    expect(unlink.statusCode).toBe(400);
    expect(fieldOf(unlink.json<Problem>())).toContain('memberId');

    // A secretary may be linked to their own record, and unlinked again.
    const sec = await ts.makeUser('secretary', tree.a.branch.id);
    expect((await staffA.patch(`/api/users/${sec.id}`, { memberId: tree.a.members[1]!.id })).statusCode).toBe(200);
    const off = await staffA.patch(`/api/users/${sec.id}`, { memberId: null });
    expect(off.statusCode).toBe(200);
    expect(off.json<UserItem>().memberId).toBeNull();
  });
});
