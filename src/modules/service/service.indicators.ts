import type { IndicatorEvidence, IndicatorProvider, IndicatorResult } from '../assessment/indicator.types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { assignmentsInPeriod, membersOn } from './service.repository.ts';
import { reviewInPeriod, ruleReviewMonths } from './service.rules.ts';

// Indicators computed from posts and 记实 records (decision 0018). Each result lists the records
// behind it with links into /service, so a score can be clicked through to the people and records.

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—');

function result(numerator: number, denominator: number, display: string, displayEn: string, evidence: IndicatorEvidence[], limit: number, note: string | null = null): IndicatorResult {
  return {
    value: denominator ? numerator / denominator : null,
    display,
    displayEn,
    ratio: denominator ? numerator / denominator : null,
    numerator,
    denominator,
    evidence: evidence.slice(0, limit),
    evidenceTotal: evidence.length,
    note: denominator ? null : note,
  };
}

/** 设岗覆盖率: members without office who hold a post on the period's last day ÷ members without office. */
const postCoverage: IndicatorProvider = {
  code: 'service.post_coverage',
  name: '无职党员设岗覆盖率',
  nameEn: 'Posts for members without office',
  description: '期末当天在册、未担任党组织职务（书记、委员、党小组长等）的党员中，在“设岗定责”岗位上的比例。依据：种子材料 002 推行“无职党员设岗定责”制度。',
  async compute(db, org, period, _params, opts) {
    const rows = (await membersOn(db, org.path, period.to)).filter((r) => !r.office);
    const posted = rows.filter((r) => r.posts);
    const evidence = rows.map((r) => ({ kind: 'member_post', id: r.member_id, label: r.posts ? `${r.name}（${r.org_name}）：${r.posts}` : `${r.name}（${r.org_name}）：未设岗`, date: period.to, link: `/service?orgId=${r.org_id}&tab=posts`, ok: !!r.posts }));
    evidence.sort((a, b) => Number(a.ok) - Number(b.ok));
    return result(posted.length, rows.length, `${rows.length} 名无职党员中 ${posted.length} 名已设岗（${pct(posted.length, rows.length)}）`, `${posted.length} of ${rows.length} members without office hold a post (${pct(posted.length, rows.length)})`, evidence, opts?.evidenceLimit ?? 200, '期末没有未担任职务的在册党员');
  },
};

/** 履职评议: assignments whose review fell due in the period and were reviewed in it. */
const postReview: IndicatorProvider = {
  code: 'service.post_review',
  name: '设岗党员履职评议',
  nameEn: 'Post reviews done on time',
  description: '期间内到了评议时间（上次评议或上岗后满规则 service.review_interval 规定的月数，岗位可单独设定）的岗位安排中，在期间内完成评议的比例。',
  async compute(db, org, period, _params, opts) {
    const { months } = ruleReviewMonths(await rulesInForce(db, period.to));
    const rows = await assignmentsInPeriod(db, org.path, period.from, period.to);
    const evidence: IndicatorEvidence[] = [];
    for (const a of rows) {
      const r = reviewInPeriod({ starts_on: a.starts_on, ends_on: a.ends_on, reviews: a.reviews ?? [] }, a.review_months ?? months, period.from, period.to);
      if (!r.due) continue;
      evidence.push({ kind: 'service_assignment', id: a.id, label: `${a.member_name}（${a.post_name}）：${r.done ? '已评议' : `应于 ${r.dueOn} 前评议，未评议`}`, date: r.dueOn, link: `/service?orgId=${a.org_id}&tab=posts&assignment=${a.id}`, ok: r.done });
    }
    evidence.sort((a, b) => Number(a.ok) - Number(b.ok));
    const done = evidence.filter((e) => e.ok).length;
    return result(done, evidence.length, `应评议 ${evidence.length} 人次，已评议 ${done} 人次（${pct(done, evidence.length)}）`, `${done} of ${evidence.length} due post reviews done (${pct(done, evidence.length)})`, evidence, opts?.evidenceLimit ?? 200, '期间内没有到期的履职评议');
  },
};

/** 记实: the share of members (on the roll at the period end) with at least N records in the period. */
const records: IndicatorProvider = {
  code: 'service.records',
  name: '党员联系服务群众记实',
  nameEn: 'Members recording service to the public',
  description: '期末在册党员中，期间内“记实卡”记录不少于 N 条的党员比例（N 由考核标准设定）。依据：种子材料 002 推行党组织和党员联系服务群众“记实卡”制度。',
  params: { minRecords: { label: '每名党员期间内至少记实条数', default: 2 } },
  async compute(db, org, period, params, opts) {
    const n = Math.max(1, Number(params.minRecords ?? 2) || 2);
    const rows = await membersOn(db, org.path, period.to, period);
    const ok = rows.filter((r) => r.records >= n).length;
    const evidence = rows.map((r) => ({ kind: 'member_records', id: r.member_id, label: `${r.name}（${r.org_name}）：${r.records} 条记实`, date: null, link: `/service?orgId=${r.org_id}&tab=records&memberId=${r.member_id}&from=${period.from}&to=${period.to}`, ok: r.records >= n }));
    evidence.sort((a, b) => Number(a.ok) - Number(b.ok));
    return result(ok, rows.length, `${rows.length} 名党员中 ${ok} 名记实不少于 ${n} 条（${pct(ok, rows.length)}）`, `${ok} of ${rows.length} members have at least ${n} records (${pct(ok, rows.length)})`, evidence, opts?.evidenceLimit ?? 200, '期末没有在册党员');
  },
};

export const serviceIndicators: IndicatorProvider[] = [postCoverage, postReview, records];
