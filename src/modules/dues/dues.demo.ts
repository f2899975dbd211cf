import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { DuesRules, monthDue, type DuesCategory } from './dues.calc.ts';
import * as repo from './dues.repository.ts';
import { addMonth, maxMonth, monthOf, monthRange } from './months.ts';

const CATEGORY: Record<string, DuesCategory> = { retired: 'retired', farmer: 'farmer', student: 'student', unemployed: 'unemployed' };
const METHODS = ['wechat', 'cash', 'payroll', 'alipay', 'bank'] as const;

/** Deterministic "random" in [0, n) from a member id and a salt. */
const pick = (id: number, salt: number, n: number) => ((id * 2654435761 + salt * 40503) >>> 0) % n;

/**
 * Demo dues for the members of the first branches: a base from January of last year (or the
 * month of admission), a pay rise for some, and payments by quarter or month — most up to date,
 * some a month or a few behind, a few prepaid six months ahead (one on behalf by a branch member),
 * one in seven branches with an approved exemption, and one in twenty members six months or more
 * behind (flagged for review). Deterministic.
 */
export async function seedDuesDemo(db: Kysely<DB>, _cipher: FieldCipher, opts: { branches?: number } = {}) {
  const today = todayCN();
  const cur = monthOf(today);
  const year = Number(cur.slice(0, 4));
  const start = `${year - 1}-01`;
  const rules = new DuesRules(await repo.loadRuleVersions(db));
  const branches = await db.selectFrom('organizations').select(['id', 'path']).where('kind', 'in', ['branch', 'joint_branch']).where('status', '=', 'active').orderBy('id').limit(opts.branches ?? 30).execute();
  let payments = 0;
  await db.transaction().execute(async (trx) => {
    for (const [i, b] of branches.entries()) {
      const members = await trx
        .selectFrom('members as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.name', 'm.org_id', 'o.name as org_name', 'o.path as org_path', 'm.status', 'm.joined_on', 'm.left_on', 'm.category'])
        .where('m.org_id', '=', b.id)
        .where('m.left_on', 'is', null)
        .orderBy('m.id')
        .execute();
      if (members.length === 0) continue;
      for (const [j, m] of members.entries()) {
        const category = CATEGORY[m.category] ?? 'employed';
        const first = maxMonth(monthOf(m.joined_on), start);
        const baseFen = category === 'employed' ? 260_000 + pick(m.id, 1, 90) * 10_000 + pick(m.id, 2, 100) : category === 'retired' ? 280_000 + pick(m.id, 3, 40) * 10_000 : null;
        await repo.insertBase(trx, { member_id: m.id, effective_month: first, category, base_fen: baseFen, note: '演示数据', created_by_name: '演示数据' });
        const raise = `${year}-07`;
        if (category === 'employed' && j % 5 === 0 && raise > first && raise <= cur) {
          await repo.insertBase(trx, { member_id: m.id, effective_month: raise, category, base_fen: Math.round((baseFen! * 108) / 100), note: '工资调整', created_by_name: '演示数据' });
        }
        if (i % 7 === 0 && j === 1) {
          await repo.insertRelief(trx, { member_id: m.id, kind: 'exempt', from_month: `${year}-03`, to_month: `${year}-05`, monthly_fen: null, reason: '因病住院，家庭生活困难', approved_by: '镇党委', approved_on: `${year}-03-06`, created_by_name: '演示数据' });
        }
      }
      const facts = await repo.loadFacts(trx, members);
      const pending: { row: Insertable<DB['dues_payments']>; months: { month: string; amountFen: number }[] }[] = [];
      for (const [j, m] of members.entries()) {
        const f = facts.get(m.id)!;
        const pattern = (i * 7 + j) % 20;
        // Paid through: most to last month or this month, a few behind, some prepaid six months ahead.
        const until = pattern === 0 ? addMonth(cur, -7) : pattern <= 2 ? addMonth(cur, -3 - (pattern - 1)) : pattern === 3 ? addMonth(cur, -2) : pattern === 6 ? addMonth(cur, 6) : pattern % 2 ? cur : addMonth(cur, -1);
        const due = monthRange(`${year - 1}-01`, until)
          .map((month) => monthDue(rules, f, month))
          .filter((d) => d !== null && d.status === 'unpaid');
        // One payment per quarter (every third member monthly); prepaid future months in one payment.
        const quarterly = j % 3 !== 0;
        const key = (month: string) => (month > cur ? 'ahead' : quarterly ? `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5)) - 1) / 3)}` : month);
        const chunks: NonNullable<(typeof due)[number]>[][] = [];
        for (const d of due) {
          const last = chunks.at(-1);
          if (last && key(last[0]!.month) === key(d!.month)) last.push(d!);
          else chunks.push([d!]);
        }
        for (const [k, c] of chunks.entries()) {
          const lastMonth = c.at(-1)!.month;
          const paidOn = lastMonth >= cur ? today : `${lastMonth}-${String(10 + pick(m.id, k, 15)).padStart(2, '0')}`;
          const amount = c.reduce((s, d) => s + d.dueFen, 0);
          const extra = j === 0 && k === chunks.length - 1 ? 10_000 : 0;
          const onBehalf = pattern === 6 && j > 0 && j % 2 === 1;
          pending.push({
            row: {
              member_id: m.id,
              org_id: m.org_id,
              paid_on: paidOn > today ? today : paidOn,
              amount_fen: amount + extra,
              extra_fen: extra,
              method: METHODS[pick(m.id, 7, METHODS.length)]!,
              payer_member_id: onBehalf ? members[0]!.id : null,
              payer_name: onBehalf ? members[0]!.name : null,
              receipt_no: `DF${year}${String(b.id).padStart(4, '0')}${String(payments + pending.length + 1).padStart(5, '0')}`,
              note: extra ? '自愿多交党费' : onBehalf ? '外出务工，由支部书记代交' : null,
              created_by_name: '演示数据',
            },
            months: c.map((d) => ({ month: d.month, amountFen: d.dueFen })),
          });
        }
      }
      // One insert per branch (RETURNING keeps the VALUES order), then all their months.
      if (pending.length === 0) continue;
      const ids = await trx.insertInto('dues_payments').values(pending.map((p) => p.row)).returning('id').execute();
      const months = pending.flatMap((p, k) => p.months.map((x) => ({ member_id: p.row.member_id, month: x.month, payment_id: ids[k]!.id, amount_fen: x.amountFen })));
      if (months.length) await trx.insertInto('dues_payment_months').values(months).execute();
      payments += pending.length;
    }
  });
  return { branches: branches.length, payments };
}
