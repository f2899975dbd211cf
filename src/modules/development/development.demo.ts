import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import { maskIdNumber } from '../../lib/idcard.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { chineseName, fakeIdNumber, prng } from '../../seed/synthetic.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { admitMember, convertMember } from './admission.ts';
import { findCase } from './development.repository.ts';
import { STEPS, stepIndex } from './steps.ts';

const SYSTEM = { actor: { userId: null, username: 'system' }, requestId: null, ip: null };
const ALL = { kind: 'all' } as const;

/** Days after the application on which each step is done in the demo (all within the rules). */
const OFFSETS: Record<string, number> = {
  apply: 0, talk: 15, activist: 45, activist_filing: 50, contacts: 55, cultivation: 300, target: 412, target_filing: 416, introducers: 420, political_review: 430,
  training: 440, committee_review: 450, pre_review: 458, application_form: 465, branch_meeting: 475, committee_talk: 485, approval: 535, record_filing: 540, assignment: 545, oath: 555, probation_education: 700,
};

/** Where each demo case stands: applied this many days ago, and (optionally) a step left undone though due. */
const PATTERNS: { daysAgo: number; hold?: string }[] = [
  { daysAgo: 8 }, // new applicant, talk due within the month
  { daysAgo: 50, hold: 'talk' }, // talk overdue
  { daysAgo: 200 }, // activist in cultivation
  { daysAgo: 430, hold: 'target' }, // a year as activist done: may become a development target
  { daysAgo: 445 }, // development target, political review under way
  { daysAgo: 600, hold: 'approval' }, // branch meeting done, approval overdue
  { daysAgo: 700 }, // probationary member
  { daysAgo: 830 }, // probation ends within weeks
  { daysAgo: 1000 }, // full member, case archived
];

function planDates(applied: string): Record<string, string> {
  const d: Record<string, string> = Object.fromEntries(Object.entries(OFFSETS).map(([s, n]) => [s, dayjs(applied).add(n, 'day').format('YYYY-MM-DD')]));
  d.full_application = dayjs(addMonths(d.branch_meeting!, 12)).subtract(10, 'day').format('YYYY-MM-DD');
  d.full_meeting = dayjs(addMonths(d.branch_meeting!, 12)).add(5, 'day').format('YYYY-MM-DD');
  d.full_approval = dayjs(d.full_meeting).add(25, 'day').format('YYYY-MM-DD');
  d.archive = dayjs(d.full_approval).add(10, 'day').format('YYYY-MM-DD');
  return d;
}

/**
 * Demo development cases for the first branches: three per branch at different stages, some on
 * time and some overdue; admitted ones are on the register as 预备 or 正式. Deterministic.
 */
export async function seedDevelopmentDemo(db: Kysely<DB>, cipher: FieldCipher, opts: { branches?: number } = {}) {
  const today = todayCN();
  const rng = prng(20261201);
  const branches = await db.selectFrom('organizations').select(['id', 'name', 'established_on']).where('kind', 'in', ['branch', 'joint_branch']).where('status', '=', 'active').orderBy('id').limit(opts.branches ?? 12).execute();
  let cases = 0;
  let serial = 900;
  await db.transaction().execute(async (trx) => {
    for (const [bi, b] of branches.entries()) {
      const full = await trx.selectFrom('members').select(['id', 'name']).where('org_id', '=', b.id).where('status', '=', 'full').where('left_on', 'is', null).orderBy('id').limit(30).execute();
      if (full.length < 3) continue;
      for (let k = 0; k < 3; k++) {
        const pattern = PATTERNS[(bi * 3 + k) % PATTERNS.length]!;
        const applied = dayjs(today).subtract(pattern.daysAgo, 'day').format('YYYY-MM-DD');
        const gender = rng.next() < 0.5 ? 'male' : 'female';
        const league = rng.next() < 0.4;
        const birth = dayjs(applied).subtract(league ? 20 + Math.floor(rng.next() * 6) : 24 + Math.floor(rng.next() * 16), 'year').subtract(Math.floor(rng.next() * 300), 'day').format('YYYY-MM-DD');
        let idNumber = fakeIdNumber('330402', birth, gender, serial);
        while (await trx.selectFrom('members').select('id').where('id_number_hash', '=', cipher.lookupHash(idNumber)).executeTakeFirst()) idNumber = fakeIdNumber('330402', birth, gender, (serial += 2));
        serial += 2;
        const dates = planDates(applied);
        const done = STEPS.filter((s) => dates[s]! <= today && (!pattern.hold || stepIndex(s) < stepIndex(pattern.hold)));
        const last = done.at(-1)!;
        const { id } = await trx
          .insertInto('dev_cases')
          .values({
            org_id: b.id, training_org_id: null, name: chineseName(rng, gender), gender, birth_date: birth, id_number_cipher: cipher.encrypt(idNumber), id_number_hash: cipher.lookupHash(idNumber), id_number_masked: maskIdNumber(idNumber),
            education: league ? 'bachelor' : rng.next() < 0.5 ? 'high_school' : 'college', category: league ? 'worker' : 'farmer', is_league_member: league, work_unit: null, phone: `139${String(10000000 + Math.floor(rng.next() * 89999999))}`,
            applied_on: applied, last_step: last, last_step_on: dates[last]!, member_id: null, probation_extension_months: null, closed_on: null, close_kind: null, close_reason: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const entitled = Math.max(full.length, 3);
        for (const s of done) {
          const meeting = s === 'branch_meeting' || s === 'full_meeting';
          await trx
            .insertInto('dev_steps')
            .values({
              case_id: id, step: s, done_on: dates[s]!, recorded_by: null, recorded_by_name: `${b.name.replace(/^中共/, '').replace(/委员会$/, '')}组织委员`,
              documents: JSON.stringify([{ name: s === 'apply' ? '入党申请书' : s === 'application_form' ? '入党志愿书' : s === 'political_review' ? '政治审查报告' : '工作记录' }]),
              votes: meeting ? JSON.stringify({ entitled, present: entitled - 1, for: entitled - 1, against: 0, abstain: 0 }) : null,
              introducers: s === 'introducers' ? JSON.stringify(full.slice(0, 2).map((m) => ({ id: m.id, name: m.name }))) : null,
              approver: s === 'approval' || s === 'full_approval' ? '中共嘉兴市南湖区委员会' : null,
              note: null,
              details: s === 'training' ? JSON.stringify({ trainingDays: 3 }) : s === 'activist' && league ? JSON.stringify({ leagueRecommended: true }) : null,
            })
            .execute();
        }
        if (stepIndex(last) >= stepIndex('approval')) {
          const row = (await findCase(trx, ALL, id))!;
          const memberId = await admitMember(trx, SYSTEM, row, dates.branch_meeting!, b.established_on);
          const admitted = { ...row, member_id: memberId };
          if (stepIndex(last) >= stepIndex('full_approval')) await convertMember(trx, SYSTEM, admitted, addMonths(dates.branch_meeting!, 12));
          await trx.updateTable('dev_cases').set({ member_id: memberId, status: last === 'archive' ? 'completed' : 'open' }).where('id', '=', id).execute();
        }
        await appendAudit(trx, SYSTEM, { action: 'development.create', entity: 'development_case', entityId: id, scopePath: null, after: { demo: true, last_step: last } });
        cases++;
      }
    }
  });
  return { cases };
}
