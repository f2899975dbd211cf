import { sql } from 'kysely';
import { addMonths } from '../../lib/dates.ts';
import type { IndicatorEvidence, IndicatorProvider } from '../assessment/indicator.types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { param, probationEnd, stepLabel, type DoneDates, type StepCode } from './steps.ts';

/** The steps with a deadline, and how the deadline follows from the dates already recorded. */
function deadlines(rules: Awaited<ReturnType<typeof rulesInForce>>, appliedOn: string, done: DoneDates, extension: number | null): { step: StepCode; dueOn: string }[] {
  const out: { step: StepCode; dueOn: string }[] = [{ step: 'talk', dueOn: addMonths(appliedOn, param(rules, 'dev.talk_within', 'months')) }];
  if (done.branch_meeting) out.push({ step: 'approval', dueOn: addMonths(done.branch_meeting, param(rules, 'dev.approval_within', 'months')) });
  const end = probationEnd(rules, done, extension);
  if (end) out.push({ step: 'full_meeting', dueOn: end });
  if (done.full_meeting) out.push({ step: 'full_approval', dueOn: addMonths(done.full_meeting, param(rules, 'dev.full_approval_within', 'months')) });
  return out;
}

/**
 * 发展党员按期: the development steps of the subtree's cases whose deadline (from the rules of the
 * 发展党员工作细则) falls in the period — talk within a month of the application, approval within
 * three months of the branch meeting, full-membership meeting by the end of probation, its approval
 * within three months — and the share done by the deadline.
 */
export const developmentOnTime: IndicatorProvider = {
  code: 'development.on_time',
  name: '发展党员各步骤按期完成',
  nameEn: 'Member development steps on time',
  description:
    '统计本组织（及下属）发展党员工作中期限落在考核期内的步骤：收到入党申请书后一个月内谈话、支部大会通过后三个月内上级审批、预备期满按期讨论转正、转正后三个月内审批，按期完成的比例。期限按《中国共产党发展党员工作细则》（规则 dev.*）。',
  async compute(db, org, period, _params, opts) {
    const rules = await rulesInForce(db, period.to);
    const cases = await sql<{ id: number; name: string; org_name: string; applied_on: string; status: string; closed_on: string | null; ext: number | null }>`
      select c.id, c.name, o.name as org_name, c.applied_on::text as applied_on, c.status, c.closed_on::text as closed_on, c.probation_extension_months as ext
      from dev_cases c join organizations o on o.id = c.org_id
      where o.path <@ ${org.path}::ltree and c.applied_on <= ${period.to}::date
      order by c.id`.execute(db);
    const ids = cases.rows.map((c) => c.id);
    const steps = ids.length ? (await sql<{ case_id: number; step: string; done_on: string }>`select case_id, step, done_on::text as done_on from dev_steps where case_id = any(${sql.val(ids)}::int[])`.execute(db)).rows : [];
    const byCase = new Map<number, DoneDates>();
    for (const s of steps) byCase.set(s.case_id, { ...byCase.get(s.case_id), [s.step]: s.done_on });
    const evidence: IndicatorEvidence[] = [];
    for (const c of cases.rows) {
      const done = byCase.get(c.id) ?? {};
      for (const d of deadlines(rules, c.applied_on, done, c.ext)) {
        if (d.dueOn < period.from || d.dueOn > period.to) continue;
        const at = done[d.step];
        if (!at && c.closed_on && c.closed_on <= d.dueOn) continue;
        const ok = !!at && at <= d.dueOn;
        const what = at ? `${at} 完成${ok ? '' : '（超期）'}` : '未完成（已超期）';
        evidence.push({ kind: 'dev_step', id: `${c.id}:${d.step}`, label: `${c.name}（${c.org_name}）：${stepLabel(d.step).zh}，期限 ${d.dueOn}，${what}`, date: at ?? d.dueOn, link: `/development/${c.id}`, ok });
      }
    }
    const n = evidence.filter((e) => e.ok).length;
    const total = evidence.length;
    const limit = opts?.evidenceLimit ?? 200;
    return {
      value: total ? n / total : null,
      display: total ? `期内到期的 ${total} 个发展步骤中 ${n} 个按期完成（${Math.round((n * 100) / total)}%）` : '本期没有到期的发展党员步骤',
      displayEn: total ? `${n} of ${total} development steps due in the period were done on time` : 'No development step fell due in the period',
      ratio: total ? n / total : null,
      numerator: n,
      denominator: total,
      evidence: [...evidence.filter((e) => !e.ok), ...evidence.filter((e) => e.ok)].slice(0, limit),
      evidenceTotal: total,
      note: total ? null : '本期没有到期的发展党员步骤',
    };
  },
};

export const developmentIndicators: IndicatorProvider[] = [developmentOnTime];
