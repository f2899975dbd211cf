import type { Insertable } from 'kysely';
import type { MemberTable } from '../db/schema.ts';
import { maskIdNumber } from '../lib/idcard.ts';
import type { FieldCipher } from '../lib/secrets.ts';
import { chineseName, fakeIdNumber, isoDate, type Rng } from './synthetic.ts';

export interface MemberSlot {
  orgId: number;
  count: number;
  profile: 'rural' | 'community' | 'organ' | 'enterprise' | 'school';
  /** Division code used as the ID numbers' region prefix. */
  region6: string;
}

// Fixed reference date so the demo data is the same whenever it is generated.
const REF_YEAR = 2026;
const REF = '2026-10-01';

const CATEGORY: Record<MemberSlot['profile'], readonly (readonly [string, number])[]> = {
  rural: [['farmer', 60], ['retired', 15], ['self_employed', 12], ['worker', 8], ['unemployed', 3], ['student', 2]],
  community: [['retired', 40], ['worker', 30], ['self_employed', 15], ['professional', 10], ['unemployed', 5]],
  organ: [['civil_servant', 85], ['retired', 15]],
  enterprise: [['worker', 80], ['professional', 20]],
  school: [['professional', 80], ['student', 15], ['retired', 5]],
};
const EDU_BY_PROFILE: Record<MemberSlot['profile'], readonly (readonly [string, number])[]> = {
  rural: [['middle_school', 45], ['high_school', 25], ['secondary', 12], ['college', 10], ['bachelor', 8]],
  community: [['middle_school', 20], ['high_school', 25], ['secondary', 10], ['college', 20], ['bachelor', 22], ['postgraduate', 3]],
  organ: [['college', 10], ['bachelor', 65], ['postgraduate', 25]],
  enterprise: [['high_school', 15], ['secondary', 15], ['college', 30], ['bachelor', 35], ['postgraduate', 5]],
  school: [['bachelor', 60], ['postgraduate', 35], ['college', 5]],
};
const ETHNIC: readonly (readonly [string, number])[] = [['汉族', 980], ['回族', 5], ['满族', 4], ['土家族', 4], ['壮族', 4], ['苗族', 3]];

/** Deterministic synthetic members for the slots, yielded in insert batches. */
export function* synthesizeMembers(rng: Rng, cipher: FieldCipher, slots: MemberSlot[], batchSize: number): Generator<Insertable<MemberTable>[]> {
  const used = new Set<string>();
  let serial = 0;
  let batch: Insertable<MemberTable>[] = [];
  for (const slot of slots) {
    for (let k = 0; k < slot.count; k++) {
      const gender = rng.next() < (slot.profile === 'school' ? 0.45 : 0.72) ? 'male' : 'female';
      const minAge = slot.profile === 'school' ? 20 : 22;
      const age = slot.profile === 'organ' || slot.profile === 'enterprise' ? rng.int(23, 60) : rng.int(minAge, 88);
      const by = REF_YEAR - age;
      const birth = isoDate(by, rng.int(1, 12), rng.int(1, 28));
      let id = fakeIdNumber(slot.region6, birth, gender, serial++);
      while (used.has(id)) id = fakeIdNumber(slot.region6, birth, gender, (serial += 2));
      used.add(id);
      const joinYear = Math.min(REF_YEAR, by + rng.int(19, Math.max(19, Math.min(age, 45))));
      const joined = joinYear >= REF_YEAR ? isoDate(REF_YEAR, rng.int(1, 9), rng.int(1, 28)) : isoDate(joinYear, rng.int(1, 12), rng.int(1, 28));
      const probationary = joined > isoDate(REF_YEAR - 1, 10, 1) && joined <= REF;
      const full = probationary ? null : `${Number(joined.slice(0, 4)) + 1}${joined.slice(4)}`;
      const category = age >= 62 && slot.profile !== 'organ' ? 'retired' : rng.weighted(CATEGORY[slot.profile]);
      const education = category === 'student' ? 'bachelor' : rng.weighted(EDU_BY_PROFILE[slot.profile]);
      batch.push({
        org_id: slot.orgId,
        name: chineseName(rng, gender),
        gender,
        ethnicity: rng.weighted(ETHNIC),
        birth_date: birth,
        id_number_cipher: cipher.encrypt(id),
        id_number_hash: cipher.lookupHash(id),
        id_number_masked: maskIdNumber(id),
        education,
        category,
        work_unit: null,
        post: null,
        joined_on: joined,
        full_member_on: full,
        status: probationary ? 'probationary' : 'full',
        phone: `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
        household: slot.profile === 'rural' ? 'rural' : 'urban',
        address: null,
        is_mobile: slot.profile === 'rural' && rng.next() < 0.04,
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
