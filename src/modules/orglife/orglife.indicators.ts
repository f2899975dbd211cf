import type { IndicatorEvidence, IndicatorProvider, IndicatorResult } from '../assessment/indicator.types.ts';
import { todayCN } from '../../lib/dates.ts';
import type { Scope } from '../../server/context.ts';
import { ORGLIFE_KIND } from '../../shared/enums.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { computeSlots } from './orglife.compliance.ts';
import * as repo from './orglife.repository.ts';
import { ruleParam, slotLabel, type MeetingKind } from './orglife.rules.ts';

// Indicators computed from the meeting records (decision 0016). Both read the assessed
// organization's subtree; a score links to the meetings and to the compliance page.

const ALL: Scope = { kind: 'all' };
const pct = (n: number, d: number) => `${Math.round((n / d) * 100)}%`;
const kindZh = (k: string) => ORGLIFE_KIND.table[k as MeetingKind]?.zh ?? k;

function limited(evidence: IndicatorEvidence[], limit: number | undefined) {
  return { evidence: evidence.slice(0, limit ?? 200), evidenceTotal: evidence.length };
}

/** Share of the required meeting slots (organization × kind × period) that were held, across the subtree. */
export const complianceIndicator: IndicatorProvider = {
  code: 'orglife.compliance',
  name: '“三会一课”等组织生活按期召开率',
  nameEn: 'Organizational life held as required',
  description:
    '按规则 orglife.frequency（《中国共产党支部工作条例（试行）》：党员大会每季度、支委会每月、党小组会每月、党课每季度、主题党日每月、组织生活会每年）逐个组织、逐类会议、逐个周期核对：周期内有已召开的会议（须过半数到会的会议须达到法定人数）即为按期召开；评价期内已结束而未召开的周期计为未按期；尚未结束的周期未召开的不计入。数值 = 按期召开的周期数 ÷（按期 + 未按期）。',
  async compute(db, org, period, _params, opts): Promise<IndicatorResult> {
    const today = todayCN();
    const c = await computeSlots(db, ALL, org.path, period, today);
    const met = c.slots.filter((s) => s.status === 'met');
    const missed = c.slots.filter((s) => s.status === 'missed');
    const meetings = await repo.meetingsByIds(db, [...new Set(met.flatMap((s) => s.meeting_ids))]);
    const evidence: IndicatorEvidence[] = [
      ...meetings.map((m) => ({ kind: 'meeting', id: m.id, label: `${m.held_on} ${m.org_name} ${kindZh(m.kind)}：${m.topic}`, date: m.held_on, link: `/orglife/meetings/${m.id}`, ok: true })),
      ...missed.map((s) => ({
        kind: 'meeting_missed',
        id: `${s.org_id}:${s.kind}:${s.slot_from}`,
        label: `${s.org_name} ${slotLabel(s.periodMonths, s.slot_from)}未召开${kindZh(s.kind)}`,
        date: s.slot_to,
        link: `/orglife?orgId=${s.org_id}&span=${s.slot_from.slice(0, 4)}`,
        ok: false,
      })),
    ];
    const d = met.length + missed.length;
    if (d === 0) {
      const note = c.slots.length === 0 ? '本组织及下级没有须按规定频次召开会议的党支部或党小组' : '评价期内尚无已结束的周期';
      return { value: null, display: '—', displayEn: '—', ratio: null, numerator: 0, denominator: 0, ...limited(evidence, opts?.evidenceLimit), note };
    }
    return {
      value: met.length / d,
      display: `应召开 ${d} 次中按期召开 ${met.length} 次（${pct(met.length, d)}）`,
      displayEn: `${met.length} of ${d} required meetings held on time (${pct(met.length, d)})`,
      ratio: met.length / d,
      numerator: met.length,
      denominator: d,
      ...limited(evidence, opts?.evidenceLimit),
      note: c.slots.some((s) => s.status === 'open') ? '尚未结束的周期暂不计入' : null,
    };
  },
};

/** Share of the subtree's branches with no stretch longer than the rule's days without a held meeting in the period. */
export const activityIndicator: IndicatorProvider = {
  code: 'orglife.activity',
  name: '组织生活经常性（无连续 30 天以上空档）',
  nameEn: 'Regular organizational life (no gap over 30 days)',
  description:
    '逐个党支部查看评价期内已召开的各类组织生活：相邻两次之间（期初前最后一次或成立日期起，到期末或今天）的间隔不超过规则 orglife.activity 的天数（本系统设置 30 天）即为正常。数值 = 无超长空档的支部数 ÷ 支部数；依据中列出每个支部最近一次活动日期和最长间隔。',
  async compute(db, org, period, _params, opts): Promise<IndicatorResult> {
    const today = todayCN();
    const asOf = period.to < today ? period.to : today;
    const days = ruleParam(await rulesInForce(db, asOf), 'orglife.activity', 'inactiveDays');
    const rows = await repo.activityRows(db, ALL, org.path, period.from, asOf);
    const evidence: IndicatorEvidence[] = rows.map((r) => ({
      kind: 'org_activity',
      id: r.org_id,
      label: `${r.org_name}：最长间隔 ${r.max_gap} 天，期内召开 ${r.held} 次，最近一次 ${r.last_held_on ?? '无记录'}`,
      date: r.last_held_on,
      link: `/orglife?orgId=${r.org_id}`,
      ok: r.max_gap <= days,
    }));
    if (rows.length === 0) return { value: null, display: '—', displayEn: '—', ratio: null, numerator: 0, denominator: 0, evidence: [], evidenceTotal: 0, note: '本组织及下级没有党支部' };
    const ok = evidence.filter((e) => e.ok).length;
    return {
      value: ok / rows.length,
      display: `${rows.length} 个党支部中 ${ok} 个没有超过 ${days} 天的空档（${pct(ok, rows.length)}）`,
      displayEn: `${ok} of ${rows.length} branches with no gap over ${days} days (${pct(ok, rows.length)})`,
      ratio: ok / rows.length,
      numerator: ok,
      denominator: rows.length,
      ...limited(evidence.sort((a, b) => Number(a.ok) - Number(b.ok)), opts?.evidenceLimit),
      note: null,
    };
  },
};

export const orglifeIndicators: IndicatorProvider[] = [complianceIndicator, activityIndicator];
