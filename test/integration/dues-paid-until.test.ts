// 党费交至: duesPaidUntil over base records, payments (incl. prepaid months) and exemptions; the demo dues.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../src/lib/secrets.ts';
import { todayCN } from '../../src/lib/dates.ts';
import { arrearsOf, DuesRules } from '../../src/modules/dues/dues.calc.ts';
import { seedDuesDemo } from '../../src/modules/dues/dues.demo.ts';
import { duesPaidUntil, loadFacts, loadRuleVersions, subtreeMembers } from '../../src/modules/dues/dues.repository.ts';
import { addMonth, monthOf } from '../../src/modules/dues/months.ts';
import { seedRegion } from '../../src/seed/region.ts';
import { testDb, type TestDb } from '../helpers/db.ts';
import { insertMember, insertOrg, type TestOrg } from '../helpers/factories.ts';

let t: TestDb;
let org: TestOrg;
let cipher: FieldCipher;
beforeAll(async () => {
  t = await testDb();
  cipher = new FieldCipher(randomBytes(32));
  org = await insertOrg({ db: t.db, cipher }, null, { code: 'DPU1', name: '中共党费测试支部委员会' });
});
afterAll(async () => {
  await t?.close();
});

async function member(joinedOn: string) {
  const m = await insertMember({ db: t.db, cipher }, org, { name: '党费测试' });
  await t.db.updateTable('members').set({ joined_on: joinedOn, full_member_on: null, status: 'probationary' }).where('id', '=', m.id).execute();
  return m.id;
}
const base = (memberId: number, month: string) => t.db.insertInto('dues_bases').values({ member_id: memberId, effective_month: month, category: 'farmer', base_fen: null, created_by_name: 't' }).execute();
async function pay(memberId: number, months: string[]) {
  const p = await t.db.insertInto('dues_payments').values({ member_id: memberId, org_id: org.id, paid_on: '2026-03-01', amount_fen: 20 * months.length, method: 'cash', created_by_name: 't' }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('dues_payment_months').values(months.map((month) => ({ member_id: memberId, month, payment_id: p.id, amount_fen: 20 }))).execute();
}

describe('duesPaidUntil', () => {
  it('is null without a base record or without a paid first month', async () => {
    const m = await member('2010-05-01');
    expect(await duesPaidUntil(t.db, m)).toBeNull();
    await base(m, '2026-01');
    expect(await duesPaidUntil(t.db, m)).toBeNull();
    await pay(m, ['2026-02']);
    expect(await duesPaidUntil(t.db, m)).toBeNull();
  });

  it('runs from the first due month without a gap; prepaid months count; exemptions fill gaps', async () => {
    const m = await member('2010-05-01');
    await base(m, '2026-01');
    await pay(m, ['2026-01', '2026-02']);
    expect(await duesPaidUntil(t.db, m)).toBe('2026-02');
    await pay(m, ['2026-04', '2026-05', '2026-06']);
    expect(await duesPaidUntil(t.db, m)).toBe('2026-02');
    await t.db.insertInto('dues_reliefs').values({ member_id: m, kind: 'exempt', from_month: '2026-03', to_month: '2026-03', reason: '大病', approved_by: '镇党委', approved_on: '2026-03-05', created_by_name: 't' }).execute();
    expect(await duesPaidUntil(t.db, m)).toBe('2026-06');
    await pay(m, ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(await duesPaidUntil(t.db, m)).toBe('2027-01');
  });

  it('starts at the month of admission when that is later than the first base', async () => {
    const m = await member('2026-03-20');
    await base(m, '2026-01');
    await pay(m, ['2026-03']);
    expect(await duesPaidUntil(t.db, m)).toBe('2026-03');
  });
});

describe('demo dues', () => {
  it('seeds bases and payments with a mix of paid-up, behind, prepaid and flagged members', async () => {
    const region = await seedRegion(t.db, cipher, '330402', { members: 600, seed: 11 });
    const r = await seedDuesDemo(t.db, cipher, { branches: 12 });
    expect(r.payments).toBeGreaterThan(50);
    const root = await t.db.selectFrom('organizations').select('path').where('name', '=', region.rootName).executeTakeFirstOrThrow();
    const today = todayCN();
    const members = (await subtreeMembers(t.db, { kind: 'all' }, root.path, today, today)).filter((m) => !m.left_on);
    const facts = await loadFacts(t.db, members);
    const rules = new DuesRules(await loadRuleVersions(t.db));
    const withBase = members.filter((m) => facts.get(m.id)!.bases.length > 0);
    expect(withBase.length).toBeGreaterThan(30);
    const runs = withBase.map((m) => arrearsOf(rules, facts.get(m.id)!, today));
    expect(runs.some((a) => a.flagged)).toBe(true);
    expect(runs.some((a) => a.months.length > 0 && !a.flagged)).toBe(true);
    expect(runs.filter((a) => a.months.length === 0).length).toBeGreaterThan(withBase.length / 2);
    const until = await Promise.all(withBase.map((m) => duesPaidUntil(t.db, m.id)));
    const cur = monthOf(today);
    expect(until.some((u) => u !== null && u > cur)).toBe(true); // prepaid
    expect(until.some((u) => u !== null && u < addMonth(cur, -5))).toBe(true); // six months behind
  });
});
