// Demo transfers (deterministic): one of each situation a county sees — a letter waiting for the
// receiving branch, one confirmed, one expiring within days, one expired unconfirmed, a transfer
// out of the province waiting for the county organization department, and a member's request.
import dayjs from 'dayjs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { moveMembers } from '../organizations/history.repository.ts';
import * as repo from './transfers.repository.ts';
import { approvalSteps, scopeCaseOf, type ScopeCase } from './transfers.rules.ts';
import { issueLetter } from './transfers.workflow.ts';

const SYSTEM = { actor: { userId: null, username: 'system' }, requestId: null, ip: null };
const daysAgo = (today: string, n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');

interface Plan {
  to: 'branch' | 'outside';
  state: 'requested' | 'pending' | 'issued' | 'confirmed';
  issuedDaysAgo?: number;
  reason: string;
}

const PLANS: Plan[] = [
  { to: 'branch', state: 'issued', issuedDaysAgo: 12, reason: '工作调动' },
  { to: 'branch', state: 'confirmed', issuedDaysAgo: 40, reason: '婚嫁迁居' },
  { to: 'branch', state: 'issued', issuedDaysAgo: 80, reason: '随子女居住' },
  { to: 'branch', state: 'issued', issuedDaysAgo: 100, reason: '外出务工后返乡就业' },
  { to: 'outside', state: 'pending', reason: '毕业后到上海工作' },
  { to: 'branch', state: 'requested', reason: '搬迁到新小区居住' },
];

export async function seedTransfersDemo(db: Kysely<DB>, _cipher?: FieldCipher) {
  const today = todayCN();
  // Members of branches, spread over the county, on the roll and not away.
  const pool = await sql<{ id: number; name: string; org_id: number; org_name: string; path: string }>`
    select m.id, m.name, m.org_id, o.name as org_name, o.path::text as path from members m join organizations o on o.id = m.org_id
    where m.left_on is null and not m.is_mobile and o.kind = 'branch' and o.status = 'active'
      and not exists (select 1 from transfers t where t.member_id = m.id)
    order by m.id`.execute(db);
  const stride = Math.max(1, Math.floor(pool.rows.length / (PLANS.length + 1)));
  const picked = pool.rows.filter((_, i) => i % stride === Math.floor(stride / 3)).slice(0, PLANS.length);
  const targets = await sql<{ id: number; name: string; path: string }>`select id, name, path::text as path from organizations where kind = 'branch' and status = 'active' order by id`.execute(db);
  let made = 0;
  for (const [i, plan] of PLANS.entries()) {
    const m = picked[i];
    if (!m) break;
    const target = targets.rows.filter((o) => o.id !== m.org_id)[(i * 37) % Math.max(1, targets.rows.length - 1)];
    if (plan.to === 'branch' && !target) continue;
    await db.transaction().execute(async (trx) => {
      const fromChain = await repo.orgChain(trx, m.org_id);
      const c: ScopeCase = plan.to === 'outside' ? 'cross_province' : scopeCaseOf(fromChain, await repo.orgChain(trx, target!.id));
      const row = {
        kind: plan.to === 'outside' ? 'outgoing' : 'internal',
        scope_case: c,
        state: plan.state === 'requested' ? 'requested' : 'draft',
        member_id: m.id,
        member_name: m.name,
        from_org_id: m.org_id,
        from_org_name: m.org_name,
        to_org_id: plan.to === 'outside' ? null : target!.id,
        to_org_name: plan.to === 'outside' ? '中共上海市浦东新区张江镇委员会' : target!.name,
        to_org_address: plan.to === 'outside' ? '上海市浦东新区张江镇' : null,
        reason: plan.reason,
        dues_paid_until: addMonths(today, -1).slice(0, 7),
        batch_id: null,
        created_by_name: plan.state === 'requested' ? m.name : '演示数据',
      };
      const { id } = await repo.insertTransfer(trx, row);
      await repo.insertSteps(trx, id, approvalSteps(fromChain, c));
      if (plan.state === 'pending') await repo.updateTransfer(trx, id, { state: 'pending' });
      if (plan.state === 'issued' || plan.state === 'confirmed') {
        const issued = daysAgo(today, plan.issuedDaysAgo ?? 0);
        await issueLetter(trx, { id, ...row }, issued);
        if (plan.state === 'confirmed') {
          const on = daysAgo(today, (plan.issuedDaysAgo ?? 0) - 9);
          await moveMembers(trx, [m.org_id], target!.id, on, [m.id]);
          await repo.updateTransfer(trx, id, { state: 'confirmed', confirmed_on: on, confirmed_by_name: '演示数据' });
        }
      }
      await appendAudit(trx, SYSTEM, { action: 'transfer.demo', entity: 'transfer', entityId: id, scopePath: m.path, after: { ...row, state: plan.state } });
    });
    made++;
  }
  return made;
}
