import type { IndicatorEvidence, IndicatorProvider } from '../assessment/indicator.types.ts';
import { arrearsOf, DuesRules } from './dues.calc.ts';
import * as repo from './dues.repository.ts';

/**
 * 党费按月交纳: of the subtree's members on the register on the period's last day who have a dues
 * account in the system, the share without arrears of more than `maxMonths` months on that day
 * (arrears as the dues module computes them: due months before the current month left unpaid).
 */
export const duesArrears: IndicatorProvider = {
  code: 'dues.arrears',
  name: '党费按月交纳（无长期欠交）',
  nameEn: 'Dues paid without long arrears',
  description:
    '统计考核期末在册、已在系统建立党费账户的党员：期末欠交月数不超过 N 个月的比例。欠交按党费模块计算（当月以前应交未交的月份；免交月份不计）。依据《关于中国共产党党费收缴、使用和管理的规定》：党员应按月交纳党费。',
  params: { maxMonths: { label: '允许的欠交月数（超过即计为欠交）', default: 2 } },
  async compute(db, org, period, params, opts) {
    const maxMonths = Number(params.maxMonths ?? 2);
    const [versions, all] = await Promise.all([repo.loadRuleVersions(db), repo.subtreeMembers(db, { kind: 'all' }, org.path, period.to, period.to)]);
    const members = all.filter((m) => m.joined_on <= period.to && (m.left_on === null || m.left_on > period.to));
    const rules = new DuesRules(versions);
    const facts = await repo.loadFacts(db, members);
    const bad: IndicatorEvidence[] = [];
    const good: IndicatorEvidence[] = [];
    let noAccount = 0;
    for (const m of members) {
      const f = facts.get(m.id)!;
      if (f.bases.length === 0) {
        noAccount++;
        continue;
      }
      const a = arrearsOf(rules, f, period.to);
      const n = a.months.length;
      const ok = n <= maxMonths;
      const label = n === 0 ? `${m.name}（${m.org_name}）：期末无欠交` : `${m.name}（${m.org_name}）：期末欠交 ${n} 个月（${a.months[0]!.month} 起）`;
      (ok ? good : bad).push({ kind: 'dues_account', id: m.id, label, date: period.to, link: `/dues?orgId=${m.org_id}&member=${m.id}`, ok });
    }
    const d = bad.length + good.length;
    const num = good.length;
    const limit = opts?.evidenceLimit ?? 200;
    const extra = noAccount ? `；另有 ${noAccount} 名党员尚未建立党费账户，未计入` : '';
    return {
      value: d ? num / d : null,
      display: d ? `期末 ${d} 名党员中 ${num} 名无超过 ${maxMonths} 个月的欠交（${Math.round((num * 100) / d)}%）${extra}` : `没有已建立党费账户的党员${extra}`,
      displayEn: d ? `${num} of ${d} members had no arrears over ${maxMonths} months at the period end` : 'No member with a dues account',
      ratio: d ? num / d : null,
      numerator: num,
      denominator: d,
      evidence: [...bad, ...good].slice(0, limit),
      evidenceTotal: d,
      note: d ? null : '本组织尚无党员在系统中建立党费账户',
    };
  },
};

export const duesIndicators: IndicatorProvider[] = [duesArrears];
