import { sql } from 'kysely';
import { SECRETARY_RATING } from '../../shared/enums.ts';
import type { IndicatorProvider, IndicatorResult } from '../assessment/indicator.types.ts';

type Rating = (typeof SECRETARY_RATING.values)[number];

/** Rating as a figure: 好 4, 较好 3, 一般 2, 差 1 (the order of the four grades, nothing more). */
export const RATING_SCORE: Record<Rating, number> = { good: 4, fairly_good: 3, average: 2, poor: 1 };

export const reportLink = (orgId: number, year: number) => `/secretary-reports/orgs/${orgId}?year=${year}`;

const none = (display: string, displayEn: string, note: string): IndicatorResult => ({ value: null, display, displayEn, ratio: null, numerator: null, denominator: null, evidence: [], evidenceTotal: 0, note });

/**
 * secretaries.rating — the rating the level above gave this organization's own secretary (not its
 * subtree's) in the latest rated 书记抓党建述职评议 for a year the period touches or the year before
 * it (a year's rating is given after that year ends). Score 好 4 / 较好 3 / 一般 2 / 差 1; the share of
 * full marks is (score − 1) / 3.
 */
export const secretaryRating: IndicatorProvider = {
  code: 'secretaries.rating',
  name: '书记抓党建述职评议等次',
  nameEn: 'Secretary’s yearly report rating',
  description: '本组织书记最近一次已评定的抓党建述职评议等次（评议年度在考核期内或考核期前一年）：好 4 分、较好 3 分、一般 2 分、差 1 分；得分比例 =（分值 − 1）÷ 3。依据：种子文件 001“建立县乡村党组织书记抓基层党建工作专项述职”、002“推行基层党委书记向县委全委会和本级全委会党建工作述职制度”。',
  async compute(db, org, period) {
    const fromYear = Number(period.from.slice(0, 4)) - 1;
    const toYear = Number(period.to.slice(0, 4));
    const rows = await db
      .selectFrom('sec_reports')
      .select(['id', 'year', 'holder_name', 'rating', 'rated_on'])
      .where('org_id', '=', org.id)
      .where('state', '=', 'rated')
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .orderBy('year', 'desc')
      .execute();
    const latest = rows[0];
    if (!latest?.rating) return none('没有已评定的述职评议', 'No rated yearly report', `${fromYear}–${toYear} 年度没有已评定的书记述职评议`);
    const rating = latest.rating as Rating;
    const score = RATING_SCORE[rating];
    const label = SECRETARY_RATING.table[rating];
    return {
      value: score,
      display: `${latest.year} 年度述职评议：${latest.holder_name}，评定为“${label.zh}”`,
      displayEn: `${latest.year} report of ${latest.holder_name}: rated “${label.en}”`,
      ratio: (score - 1) / 3,
      numerator: score,
      denominator: 4,
      evidence: rows.map((r) => ({ kind: 'secretary_report', id: r.id, label: `${r.year} 年度 ${r.holder_name} 述职评议：${SECRETARY_RATING.table[r.rating as Rating].zh}`, date: r.rated_on, link: reportLink(org.id, r.year), ok: r.rating === 'good' || r.rating === 'fairly_good' })),
      evidenceTotal: rows.length,
      note: null,
    };
  },
};

/**
 * secretaries.in_post — how many people hold this organization's 书记 post on the period's last day
 * (from the committee posts, org_posts); 1 is full marks, 0 means the post is vacant.
 */
export const secretaryInPost: IndicatorProvider = {
  code: 'secretaries.in_post',
  name: '书记在任',
  nameEn: 'Secretary in post',
  description: '考核期最后一天本组织（不含下级）在任书记人数，取自组织班子职务记录；0 表示书记缺职。',
  async compute(db, org, period) {
    const posts = await db
      .selectFrom('org_posts')
      .select(['id', 'holder_name', 'started_on', 'ended_on', sql<boolean>`started_on <= ${period.to}::date and (ended_on is null or ended_on >= ${period.to}::date)`.as('current')])
      .where('org_id', '=', org.id)
      .where('post', '=', 'secretary')
      .where('started_on', '<=', period.to)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', period.from)]))
      .orderBy('started_on')
      .execute();
    const current = posts.filter((p) => p.current).length;
    return {
      value: current,
      display: current ? `${period.to} 在任书记 ${current} 人` : `${period.to} 书记缺职`,
      displayEn: current ? `${current} secretary in post on ${period.to}` : `No secretary in post on ${period.to}`,
      ratio: current ? 1 : 0,
      numerator: current,
      denominator: 1,
      evidence: posts.map((p) => ({ kind: 'org_post', id: p.id, label: `书记 ${p.holder_name}：${p.started_on} 起${p.ended_on ? `至 ${p.ended_on}` : ''}`, date: p.started_on, link: `/orgs/${org.id}?tab=posts`, ok: p.current })),
      evidenceTotal: posts.length,
      note: posts.length ? null : '考核期内没有书记任职记录',
    };
  },
};

export const secretariesIndicators: IndicatorProvider[] = [secretaryRating, secretaryInPost];
