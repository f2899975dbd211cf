import { sql } from 'kysely';
// Seeding a real county from the NBS division list: real township names, valid synthetic ID
// numbers, and the same data for the same seed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberProblem, maskIdNumber } from '../../src/lib/idcard.ts';
import { FieldCipher } from '../../src/lib/secrets.ts';
import { verifyAudit } from '../../src/modules/audit/audit.repository.ts';
import { townshipsOf } from '../../src/seed/division.ts';
import { seedRegion, type SeedRegionResult } from '../../src/seed/region.ts';
import { testDb, type TestDb } from '../helpers/db.ts';

let t: TestDb;
const cipher = new FieldCipher(randomBytes(32));
let first: SeedRegionResult;

/** What seeding decides: organization names/codes in plan order and members with their ID numbers. */
async function content() {
  const orgs = await t.db.selectFrom('organizations').select(['code', 'name', 'kind', 'level', 'division_code', 'sort_order']).orderBy('sort_order').execute();
  const members = await t.db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.name', 'm.gender', 'm.birth_date', 'm.id_number_cipher', 'm.status', 'm.joined_on', 'o.code as org_code']).orderBy('m.id').execute();
  return { orgs, members: members.map(({ id_number_cipher, ...m }) => ({ ...m, idNumber: cipher.decrypt(id_number_cipher) })) };
}

async function wipe() {
  await sql`truncate members, member_periods, organization_units, units, org_versions, org_events, organizations cascade`.execute(t.db);
}

beforeAll(async () => {
  t = await testDb();
  first = await seedRegion(t.db, cipher, '330402', { members: 500, seed: 7 });
});
afterAll(async () => {
  await t?.close();
});

describe('seedRegion 330402 (嘉兴市南湖区), 500 members', () => {
  it('builds the county tree with real township names', async () => {
    expect(first.rootName).toBe('中共嘉兴市南湖区委员会');
    expect(first.members).toBe(500);
    const orgs = await t.db.selectFrom('organizations').select(['name', 'level', 'parent_id', 'id']).execute();
    expect(orgs.length).toBe(first.organizations);
    expect(orgs.filter((o) => o.parent_id === null).map((o) => o.id)).toEqual([first.rootId]);
    const townships = orgs.filter((o) => o.level === 'township').map((o) => o.name);
    expect(townships).toContain('中共嘉兴市南湖区凤桥镇委员会');
    expect(townships.some((n) => n.includes('凤桥镇'))).toBe(true);
    // Every township/street of the district from the division list, and nothing invented.
    const real = await townshipsOf(['330402']);
    expect(real.length).toBeGreaterThan(5);
    expect(townships.length).toBe(real.length);
    for (const r of real) expect(townships.some((n) => n.includes(r.name)), r.name).toBe(true);
    expect(orgs.filter((o) => o.level === 'village').length).toBeGreaterThan(50);
    const count = await t.db.selectFrom('members').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(500);
  });

  it('gives every member a valid ID number matching birth date and gender, stored encrypted/masked/hashed', async () => {
    const rows = await t.db.selectFrom('members').select(['gender', 'birth_date', 'id_number_cipher', 'id_number_masked', 'id_number_hash']).execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const id = cipher.decrypt(r.id_number_cipher);
      expect(idNumberProblem(id, r.birth_date), id).toBeNull();
      expect(Number(id[16]) % 2 === 1 ? 'male' : 'female').toBe(r.gender);
      expect(id.startsWith('3304')).toBe(true);
      expect(r.id_number_masked).toBe(maskIdNumber(id));
      expect(r.id_number_hash).toBe(cipher.lookupHash(id));
      seen.add(id);
    }
    expect(seen.size).toBe(rows.length);
  });

  it('records one audit entry and keeps the chain valid', async () => {
    const rows = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.map((r) => r.action)).toEqual(['seed.region']);
    expect(rows[0]!.after).toMatchObject({ divisionCode: '330402', organizations: first.organizations, members: 500 });
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('is deterministic: the same seed gives the same names and numbers, another seed does not', async () => {
    const a = await content();
    await wipe();
    await seedRegion(t.db, cipher, '330402', { members: 500, seed: 7 });
    const b = await content();
    expect(b).toEqual(a);
    await wipe();
    await seedRegion(t.db, cipher, '330402', { members: 500, seed: 8 });
    const c = await content();
    const towns = (x: typeof a) => x.orgs.filter((o) => o.level === 'township').map((o) => o.name);
    expect(towns(c)).toEqual(towns(a)); // the real townships do not depend on the seed
    expect(c.members.map((m) => m.name)).not.toEqual(a.members.map((m) => m.name));
  });

  it('refuses an unknown division code', async () => {
    await expect(seedRegion(t.db, cipher, '999999', { members: 10 })).rejects.toThrow(/999999/);
  });
});
