import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { endMembership, insertRecord, openPeriodStart } from './status.repository.ts';
import { leftReason, ruleCodeFor } from './status.rules.ts';

type Plan = { kind: string; subtype: string; effective_on: string; doc_number?: string; issuer?: string; reason?: string; award_level?: string; amount_fen?: number; period_months?: number; ends_on?: string; note?: string };

/**
 * Demo status records for the first branches' members: 七一 awards, festival visits and hardship
 * support, retired village cadre allowances (some ending within a month), a warning, a 留党察看
 * ending soon, and one death per few branches (membership ended on its date). Deterministic.
 */
export async function seedStatusDemo(db: Kysely<DB>, _cipher: FieldCipher, opts: { branches?: number } = {}) {
  const today = todayCN();
  const year = Number(today.slice(0, 4));
  const soon = dayjs(today).add(20, 'day').format('YYYY-MM-DD');
  const branches = await db.selectFrom('organizations').select(['id']).where('kind', 'in', ['branch', 'joint_branch']).where('status', '=', 'active').orderBy('id').limit(opts.branches ?? 24).execute();
  let records = 0;
  await db.transaction().execute(async (trx) => {
    for (const [i, b] of branches.entries()) {
      const members = await trx.selectFrom('members').select(['id', 'org_id', 'joined_on', 'birth_date']).where('org_id', '=', b.id).where('left_on', 'is', null).orderBy('birth_date').orderBy('id').execute();
      if (members.length < 4) continue;
      const [oldest, second, third, ...rest] = members;
      const youngest = rest.at(-1) ?? third!;
      const plans: [typeof oldest, Plan][] = [
        [youngest, { kind: 'award', subtype: i % 3 === 0 ? 'excellent_member' : 'red_star', effective_on: `${year - 1}-07-01`, award_level: i % 4 === 0 ? 'county' : 'township', issuer: i % 4 === 0 ? '中共南湖区委' : '镇党委', doc_number: `南委〔${year - 1}〕${30 + i}号`, reason: '在乡村振兴和基层治理中发挥先锋模范作用' }],
        [oldest!, { kind: 'care', subtype: 'old_member', effective_on: `${year}-01-${String(15 + (i % 10)).padStart(2, '0')}`, amount_fen: 50_000, issuer: '镇党委', note: '春节走访慰问老党员' }],
        [second!, { kind: 'care', subtype: i % 2 ? 'illness' : 'hardship', effective_on: `${year}-0${3 + (i % 6)}-12`, amount_fen: 100_000 + (i % 5) * 20_000, issuer: '区委组织部党内关爱基金', reason: i % 2 ? '住院治疗，家庭负担重' : '家庭收入低于当地低保标准' }],
      ];
      if (i % 2 === 0) plans.push([third!, { kind: 'allowance', subtype: 'retired_village_cadre', effective_on: `${year}-01-01`, ends_on: i % 4 === 0 ? soon : `${year}-12-31`, amount_fen: 40_000 + (i % 3) * 10_000, issuer: '区委组织部', doc_number: `南组〔${year}〕${8 + i}号`, note: '任村党组织书记满两届' }]);
      if (i % 8 === 3) plans.push([third!, { kind: 'discipline', subtype: 'warning', effective_on: `${year}-05-20`, issuer: '镇纪委', doc_number: `镇纪〔${year}〕${i}号`, reason: '违规操办婚丧喜庆事宜' }]);
      if (i % 12 === 5) {
        const start = dayjs(soon).subtract(12, 'month').format('YYYY-MM-DD');
        plans.push([second!, { kind: 'discipline', subtype: 'probation', effective_on: start, period_months: 12, ends_on: addMonths(start, 12), issuer: '区纪委', doc_number: `区纪〔${year - 1}〕${i}号`, reason: '违反群众纪律，优亲厚友' }]);
      }
      if (i % 5 === 1) plans.push([oldest!, { kind: 'death', subtype: 'death', effective_on: `${year}-0${2 + (i % 7)}-0${1 + (i % 8)}`, reason: '因病逝世', issuer: '村党组织' }]);
      for (const [m, p] of plans) {
        if (p.effective_on < m!.joined_on || p.effective_on > today) continue;
        const ending = leftReason(p.kind, p.subtype);
        if (ending && p.effective_on <= ((await openPeriodStart(trx, m!.id)) ?? '9999-12-31')) continue;
        const code = ruleCodeFor(p.kind, p.subtype);
        const rule = code ? (await rulesInForce(trx, p.effective_on)).get(code) : undefined;
        await insertRecord(trx, {
          member_id: m!.id,
          kind: p.kind,
          subtype: p.subtype,
          effective_on: p.effective_on,
          doc_number: p.doc_number ?? null,
          issuer: p.issuer ?? null,
          reason: p.reason ?? null,
          award_level: p.award_level ?? null,
          amount_fen: p.amount_fen ?? null,
          period_months: p.period_months ?? null,
          ends_on: p.ends_on ?? null,
          relates_to_id: null,
          org_id: m!.org_id,
          rule_code: rule?.code ?? null,
          rule_version: rule?.version ?? null,
          note: p.note ?? null,
          recorded_by_name: '演示数据',
        });
        records++;
        if (ending) await endMembership(trx, m!.id, p.effective_on, ending);
      }
    }
  });
  return { records };
}
