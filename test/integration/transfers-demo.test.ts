// The demo data of transfers and mobile members: every situation is there on first start, and it
// obeys the same rules as the API (one place per member, is_mobile matching open outflows).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { todayCN } from '../../src/lib/dates.ts';
import { FieldCipher } from '../../src/lib/secrets.ts';
import { verifyAudit } from '../../src/modules/audit/audit.repository.ts';
import { seedMobileDemo } from '../../src/modules/mobile/mobile.demo.ts';
import { flagParams } from '../../src/modules/mobile/mobile.service.ts';
import { listRecords } from '../../src/modules/mobile/mobile.repository.ts';
import { listTransfers } from '../../src/modules/transfers/transfers.repository.ts';
import { shownState } from '../../src/modules/transfers/transfers.rules.ts';
import { seedTransfersDemo } from '../../src/modules/transfers/transfers.demo.ts';
import { seedRegion } from '../../src/seed/region.ts';
import { testDb, type TestDb } from '../helpers/db.ts';

let t: TestDb;
const cipher = new FieldCipher(randomBytes(32));
const ALL = { kind: 'all' } as const;

beforeAll(async () => {
  t = await testDb();
  await seedRegion(t.db, cipher, '330402', { members: 1200, seed: 11 });
  await seedTransfersDemo(t.db, cipher);
  await seedMobileDemo(t.db, cipher);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo transfers and mobile members', () => {
  it('shows a letter awaiting confirmation, one expiring, one expired, a confirmed one, one pending approval and a request', async () => {
    const today = todayCN();
    const { items } = await listTransfers(t.db, ALL, { side: 'all', today }, { offset: 0, limit: 50 });
    const states = items.map((r) => shownState(r.state, r.letter_valid_until, today)).sort();
    expect(states).toEqual(['confirmed', 'expired', 'issued', 'issued', 'pending', 'requested']);
    const confirmed = items.find((r) => r.state === 'confirmed')!;
    const m = await t.db.selectFrom('members').select('org_id').where('id', '=', confirmed.member_id!).executeTakeFirstOrThrow();
    expect(m.org_id).toBe(confirmed.to_org_id);
    const open = await sql<{ n: number }>`select count(*)::int as n from member_periods where member_id = ${confirmed.member_id} and valid_to is null`.execute(t.db);
    expect(open.rows[0]!.n).toBe(1);
    expect(items.find((r) => r.state === 'pending')!.waiting_for).toMatchObject({ role: 'county' });
  });

  it('has outflows in contact, out of contact and flagged, a return, and inflows; is_mobile matches open outflows', async () => {
    const p = await flagParams(t.db);
    const flagged = await listRecords(t.db, ALL, { direction: 'outflow', status: 'flagged' }, p, { offset: 0, limit: 50 });
    expect(flagged.total).toBeGreaterThanOrEqual(1);
    const open = await listRecords(t.db, ALL, { direction: 'outflow', status: 'open' }, p, { offset: 0, limit: 50 });
    expect(open.items.some((r) => r.contact_overdue && !r.flagged)).toBe(true);
    expect(open.items.some((r) => !r.contact_overdue)).toBe(true);
    expect((await listRecords(t.db, ALL, { direction: 'outflow', status: 'returned' }, p, { offset: 0, limit: 50 })).total).toBeGreaterThanOrEqual(1);
    expect((await listRecords(t.db, ALL, { direction: 'inflow', status: 'open' }, p, { offset: 0, limit: 50 })).total).toBe(2);
    const mismatch = await sql<{ n: number }>`
      select count(*)::int as n from members m where m.left_on is null and m.is_mobile <> exists (select 1 from mobile_records r where r.member_id = m.id and r.direction = 'outflow' and r.returned_on is null)`.execute(t.db);
    expect(mismatch.rows[0]!.n).toBe(0);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
