import { sql, type Kysely } from 'kysely';
import { demoFocusTownships } from '../../seed/focus.ts';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { insertParticipants, insertRound, membersOn } from './appraisal.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { excellentMax, ruleParam } from './appraisal.rules.ts';

const SELF = [
  '本年度认真学习党的二十大精神和党章党规，按时参加“三会一课”，带头参加村里人居环境整治；不足是理论学习不够系统。',
  '能按时交纳党费，参加主题党日活动；在帮扶困难群众方面做得还不够，今后多走访联系户。',
  '积极参与网格巡查和矛盾调解，带动两户村民发展特色种植；存在学用结合不够的问题。',
  '参加城乡结对共建活动，为社区老人义务理发十余次；政治理论学习还需加强。',
];
const MUTUAL = ['工作踏实，热心为群众办事', '带头作用明显，建议继续发挥技术特长', '组织生活参加较少，希望多参加支部活动', '能团结同志，服务意识强'];

/**
 * Demo appraisal rounds for last year in the first branches of the region and in every branch of
 * the two focus townships (src/seed/focus.ts): most published with
 * grades inside the one-third limit, some still at voting or self-assessment (overdue after the
 * first quarter), and a few of this year just opened. Deterministic: same data on every first start.
 */
export async function seedAppraisalDemo(db: Kysely<DB>, _cipher: FieldCipher, opts: { branches?: number } = {}) {
  const today = todayCN();
  const year = Number(today.slice(0, 4)) - 1;
  const focus = await demoFocusTownships(db);
  const candidates = db
    .selectFrom('organizations as o')
    .select(['o.id'])
    .where('o.kind', 'in', ['branch', 'joint_branch'])
    .where('o.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('members as m').select('m.id').whereRef('m.org_id', '=', 'o.id').where('m.left_on', 'is', null)))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('appraisal_rounds as r').select('r.id').whereRef('r.org_id', '=', 'o.id').where('r.year', '=', year))))
    .orderBy('o.id');
  // The first branches of the region (a mix of states), then every branch of the focus townships
  // (nearly all published on time, so their villages' 五个好 sheets have a year's appraisal behind them).
  const first = await candidates.limit(opts.branches ?? 24).execute();
  const inFocus = focus.length ? await candidates.where(sql<boolean>`o.path <@ any(${focus.map((t) => t.path)}::text[]::ltree[])`).execute() : [];
  const seen = new Set(first.map((b) => b.id));
  const branches = [...first.map((b) => ({ ...b, focus: false })), ...inFocus.filter((b) => !seen.has(b.id)).map((b) => ({ ...b, focus: true }))];
  let rounds = 0;
  await db.transaction().execute(async (trx) => {
    for (const [i, b] of branches.entries()) {
      const startsOn = `${year}-12-${String(5 + (i % 20)).padStart(2, '0')}`;
      const people = await membersOn(trx, b.id, startsOn);
      if (people.length < 3) continue;
      const state = b.focus ? (i % 9 === 4 ? 'voting' : 'published') : i % 6 === 4 ? 'voting' : i % 6 === 5 ? 'self_assessment' : 'published';
      const { id } = await insertRound(trx, { org_id: b.id, year, starts_on: startsOn, ends_on: `${year + 1}-01-31`, note: '结合年度组织生活会开展', created_by_name: '演示数据' });
      await insertParticipants(trx, id, people);
      rounds++;
      const selfOn = `${year}-12-${String(Math.min(28, 10 + (i % 18))).padStart(2, '0')}`;
      await sql`
        update appraisal_participants p set self_assessment = v.txt, self_assessed_on = ${selfOn}::date
        from unnest(${people.map((p) => p.member_id)}::int[], ${people.map((_, k) => SELF[(i + k) % SELF.length]!)}::text[]) as v(member_id, txt)
        where p.round_id = ${id} and p.member_id = v.member_id`.execute(trx);
      if (state === 'self_assessment') {
        await trx.updateTable('appraisal_rounds').set({ state }).where('id', '=', id).execute();
        continue;
      }
      await trx
        .insertInto('appraisal_mutual')
        .values(people.map((p, k) => ({ round_id: id, assessor_id: p.member_id, assessee_id: people[(k + 1) % people.length]!.member_id, grade: k % 4 === 0 ? 'excellent' : 'qualified', comment: MUTUAL[(i + k) % MUTUAL.length]! })))
        .execute();
      const voters = people.filter((p) => p.status === 'full').length;
      const rules = await rulesInForce(trx, startsOn);
      const max = excellentMax(people.length, ruleParam(rules, 'appraisal.excellent_max_share', 'numerator'), ruleParam(rules, 'appraisal.excellent_max_share', 'denominator'));
      const votes = people.flatMap((p, k) => {
        const excellent = k < max ? Math.ceil(voters * 0.6) : Math.floor(voters * 0.2);
        const basic = k === people.length - 1 && i % 3 === 0 ? Math.floor(voters * 0.3) : 0;
        return [
          { round_id: id, member_id: p.member_id, grade: 'excellent', votes: excellent },
          { round_id: id, member_id: p.member_id, grade: 'qualified', votes: Math.max(0, voters - excellent - basic) },
          { round_id: id, member_id: p.member_id, grade: 'basically_qualified', votes: basic },
          { round_id: id, member_id: p.member_id, grade: 'unqualified', votes: 0 },
        ];
      });
      await trx.insertInto('appraisal_votes').values(votes).execute();
      const publishedOn = `${year + 1}-01-${String(10 + (i % 15)).padStart(2, '0')}`;
      const graded = people.map((p, k) => {
        const grade = k < max ? 'excellent' : k === people.length - 1 && i % 3 === 0 ? 'basically_qualified' : k === people.length - 1 && i % 12 === 6 ? 'unqualified' : 'qualified';
        return {
          member_id: p.member_id,
          grade,
          reason: grade === 'excellent' ? '测评得票靠前，带头作用明显' : grade === 'unqualified' ? '全年无正当理由多次不参加组织生活' : grade === 'basically_qualified' ? '参加组织生活不够经常' : null,
          followUp: grade === 'unqualified' ? 'rectify' : null,
          due: grade === 'unqualified' && state === 'published' ? addMonths(publishedOn, 6) : null,
        };
      });
      await sql`
        update appraisal_participants p set grade = v.grade, grade_reason = v.reason, follow_up = v.follow_up, follow_up_due_on = v.due
        from unnest(${graded.map((g) => g.member_id)}::int[], ${graded.map((g) => g.grade)}::text[], ${graded.map((g) => g.reason)}::text[], ${graded.map((g) => g.followUp)}::text[], ${graded.map((g) => g.due)}::date[]) as v(member_id, grade, reason, follow_up, due)
        where p.round_id = ${id} and p.member_id = v.member_id`.execute(trx);
      await trx.updateTable('appraisal_rounds').set(state === 'published' ? { state, ballots: voters, published_on: publishedOn } : { state, ballots: voters }).where('id', '=', id).execute();
    }
  });
  return { rounds };
}
