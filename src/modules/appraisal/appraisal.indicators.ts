import { sql } from 'kysely';
import { APPRAISAL_STATE } from '../../shared/enums.ts';
import type { IndicatorEvidence, IndicatorProvider } from '../assessment/indicator.types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { roundDeadline, ruleParam, type AppraisalState } from './appraisal.rules.ts';

/**
 * 民主评议党员按期完成: of the organizations in the subtree that hold members directly on the
 * period's last day (branches and the like), the share whose appraisal round for the year was
 * published by its deadline (appraisal.deadline rule). The year is the latest whose deadline has
 * passed by the period's end, unless the standard sets one.
 */
export const appraisalDone: IndicatorProvider = {
  code: 'appraisal.done',
  name: '民主评议党员按期完成',
  nameEn: 'Democratic appraisal published on time',
  description:
    '统计本组织（及下属）直接管理党员的各党组织：该年度民主评议是否在完成期限内公布结果。年度默认为考核期末已过完成期限的最近一个年度；完成期限按规则“appraisal.deadline”（中组部《关于对党员进行民主评议的意见》：每年一次，次年第一季度末前完成）。',
  params: { year: { label: '评议年度（0 = 考核期末已过完成期限的最近年度）', default: 0 } },
  async compute(db, org, period, params, opts) {
    const rules = await rulesInForce(db, period.to);
    const months = ruleParam(rules, 'appraisal.deadline', 'monthsAfterYearEnd');
    let year = Number(params.year) || 0;
    if (!year) {
      year = Number(period.to.slice(0, 4));
      while (roundDeadline(year, months) > period.to) year--;
    }
    const deadline = roundDeadline(year, months);
    const rows = await sql<{ id: number; name: string; round_id: number | null; state: string | null; published_on: string | null }>`
      select o.id, o.name, r.id as round_id, r.state, r.published_on::text as published_on
      from organizations o
      left join appraisal_rounds r on r.org_id = o.id and r.year = ${year}
      where o.path <@ ${org.path}::ltree and o.status = 'active'
        and exists (select 1 from members m where m.org_id = o.id and m.joined_on <= ${period.to}::date and (m.left_on is null or m.left_on > ${period.to}::date))
      order by o.path`.execute(db);
    const evidence: IndicatorEvidence[] = rows.rows.map((r) => {
      const ok = r.published_on !== null && r.published_on <= deadline;
      const state = r.state ? APPRAISAL_STATE.table[r.state as AppraisalState]?.zh ?? r.state : '未开展';
      const when = r.published_on ? `，${r.published_on} 公布${ok ? '' : '（超过期限）'}` : `（期限 ${deadline}）`;
      return { kind: r.round_id ? 'appraisal_round' : 'organization', id: r.round_id ?? r.id, label: `${r.name}：${year}年度民主评议${state}${when}`, date: r.published_on, link: r.round_id ? `/appraisal/rounds/${r.round_id}` : `/appraisal?orgId=${r.id}`, ok };
    });
    const n = evidence.filter((e) => e.ok).length;
    const d = evidence.length;
    const limit = opts?.evidenceLimit ?? 200;
    const sorted = [...evidence.filter((e) => !e.ok), ...evidence.filter((e) => e.ok)];
    return {
      value: d ? n / d : null,
      display: d ? `${year}年度：${d} 个党组织中 ${n} 个按期（${deadline} 前）公布评议结果（${Math.round((n * 100) / d)}%）` : '没有直接管理党员的党组织',
      displayEn: d ? `${year}: ${n} of ${d} organizations published their appraisal by ${deadline}` : 'No organization holding members',
      ratio: d ? n / d : null,
      numerator: n,
      denominator: d,
      evidence: sorted.slice(0, limit),
      evidenceTotal: d,
      note: d ? null : '本组织及下属没有直接管理党员的党组织',
    };
  },
};

export const appraisalIndicators: IndicatorProvider[] = [appraisalDone];
