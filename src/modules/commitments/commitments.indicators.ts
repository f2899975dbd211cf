// 四级承诺一评议 as assessment indicators: fulfillment of organizations' and members' commitments
// and the satisfaction of the evaluations, computed from the items and ballots, with the records behind them.
import { todayCN } from '../../lib/dates.ts';
import type { IndicatorEvidence, IndicatorProvider, IndicatorResult } from '../assessment/indicator.types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { pct, rate, satisfaction, standing, targetsFrom, type ItemStanding } from './commitments.rules.ts';
import { ballotsByCommitment, evidenceItems, subtreeCounts } from './fulfillment.repository.ts';

const WORDS: Record<ItemStanding, string> = { kept: '按期兑现', late: '逾期完成', not_done: '未兑现', overdue: '逾期未完成', pending: '未到期', excluded: '已撤销，不计' };

function fulfillmentProvider(makerType: 'org' | 'member'): IndicatorProvider {
  const who = makerType === 'org' ? '党组织' : '党员';
  return {
    code: makerType === 'org' ? 'commitments.org_fulfillment' : 'commitments.member_fulfillment',
    name: `${who}承诺兑现率`,
    nameEn: makerType === 'org' ? 'Organization commitments kept' : 'Member commitments kept',
    description: `本组织及下属的${who}承诺中，完成期限在考核期内的事项：按期兑现（完成日期不晚于期限）的项数 ÷ 应兑现项数。应兑现 = 已办结（已兑现、未兑现）或已过期限的事项；尚未到期的不计，经批准撤销的不计但列出；逾期完成算未按期兑现。目标见规则“commitment.targets”（种子材料 002：党组织承诺兑现率 95% 以上，党员承诺兑现率 90% 以上）。`,
    async compute(db, org, period, _params, opts): Promise<IndicatorResult> {
      const today = todayCN();
      const targets = targetsFrom(await rulesInForce(db, period.to));
      const target = makerType === 'org' ? targets.orgPercent : targets.memberPercent;
      const c = await subtreeCounts(db, org.path, makerType, period.from, period.to, today);
      const rows = await evidenceItems(db, org.path, makerType, period.from, period.to, today, opts?.evidenceLimit ?? 200);
      const evidence: IndicatorEvidence[] = rows.map((r) => {
        const s = standing(r, today);
        const whose = r.member_name ? `${r.member_name}（${r.org_name}）` : r.org_name;
        const done = r.done_on ? `，${r.done_on} 完成` : '';
        return { kind: 'commitment_item', id: r.id, label: `${whose}：${r.content}（期限 ${r.deadline}${done}）— ${WORDS[s]}`, date: r.done_on ?? r.deadline, link: `/commitments/${r.commitment_id}`, ok: s === 'kept' ? true : s === 'excluded' ? null : false };
      });
      const value = rate(c.kept, c.due);
      const rest = [c.pending ? `另有 ${c.pending} 项未到期` : '', c.withdrawn ? `${c.withdrawn} 项已撤销` : ''].filter(Boolean).join('，');
      return {
        value,
        display: c.due ? `应兑现 ${c.due} 项，按期兑现 ${c.kept} 项（${pct(value)}，目标 ${target}%）${rest ? `；${rest}` : ''}` : `考核期内没有应兑现的${who}承诺事项${rest ? `（${rest}）` : ''}`,
        displayEn: c.due ? `${c.kept} of ${c.due} items kept on time (${pct(value)}, target ${target}%)` : 'No items due in the period',
        ratio: value,
        numerator: c.kept,
        denominator: c.due,
        evidence,
        evidenceTotal: c.due + c.withdrawn,
        note: c.due ? null : `考核期内没有完成期限已到的${who}承诺事项，无法计算兑现率`,
      };
    },
  };
}

export const orgFulfillment = fulfillmentProvider('org');
export const memberFulfillment = fulfillmentProvider('member');

export const satisfactionIndicator: IndicatorProvider = {
  code: 'commitments.satisfaction',
  name: '承诺评议满意度',
  nameEn: 'Satisfaction in commitment evaluations',
  description: '考核期内召开的承诺评议（党员评议和群众代表评议）中，（满意 + 基本满意）票数 ÷ 总票数，统计本组织及下属的全部承诺。每项承诺列为一条依据：满意和基本满意票过半为肯定。',
  async compute(db, org, period, _params, opts): Promise<IndicatorResult> {
    const rows = await ballotsByCommitment(db, org.path, period.from, period.to);
    const t = rows.reduce((s, r) => ({ satisfied: s.satisfied + r.satisfied, basic: s.basic + r.basic, dissatisfied: s.dissatisfied + r.dissatisfied }), { satisfied: 0, basic: 0, dissatisfied: 0 });
    const total = t.satisfied + t.basic + t.dissatisfied;
    const value = satisfaction(t);
    const evidence: IndicatorEvidence[] = rows.map((r) => {
      const whose = r.member_name ? `${r.member_name}（${r.org_name}）` : r.org_name;
      return { kind: 'commitment_evaluation', id: r.commitment_id, label: `${whose}《${r.title}》评议：满意 ${r.satisfied}、基本满意 ${r.basic}、不满意 ${r.dissatisfied}`, date: r.last_held_on, link: `/commitments/${r.commitment_id}`, ok: r.satisfied + r.basic > r.dissatisfied };
    });
    const sorted = [...evidence.filter((e) => !e.ok), ...evidence.filter((e) => e.ok)];
    return {
      value,
      display: total ? `${rows.length} 项承诺的评议共 ${total} 票：满意 ${t.satisfied}、基本满意 ${t.basic}、不满意 ${t.dissatisfied}（满意度 ${pct(value)}）` : '考核期内没有承诺评议记录',
      displayEn: total ? `${total} ballots on ${rows.length} commitments: satisfaction ${pct(value)}` : 'No evaluations in the period',
      ratio: value,
      numerator: t.satisfied + t.basic,
      denominator: total,
      evidence: sorted.slice(0, opts?.evidenceLimit ?? 200),
      evidenceTotal: rows.length,
      note: total ? null : '考核期内没有召开承诺评议，或评议结果尚未登记',
    };
  },
};

export const commitmentsIndicators: IndicatorProvider[] = [orgFulfillment, memberFulfillment, satisfactionIndicator];
