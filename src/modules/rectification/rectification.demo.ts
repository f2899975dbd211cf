import dayjs from 'dayjs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { seedSecretariesDemo } from '../secretaries/secretaries.demo.ts';

const LEADERS: [string, string][] = [
  ['周建国', '区委常委、组织部部长'],
  ['陈海峰', '镇党委书记'],
  ['沈丽华', '镇党委副书记'],
  ['朱伟明', '区委组织部副部长'],
  ['徐志强', '街道党工委书记'],
  ['钱晓东', '镇党委组织委员'],
];
const OWNERS = ['李建军', '王秀兰', '张国平', '刘春梅', '陈立新', '杨海燕'];
const TASKS = [
  '调整充实支部班子，选优配强支部书记',
  '规范“三会一课”，每月召开支部委员会、按季度召开党员大会',
  '召开专题组织生活会，查摆问题并逐条整改',
  '建立党员联系户制度，走访困难群众',
  '补齐组织生活记实台账',
];

/**
 * Demo 书记述职评议 (see secretaries.demo) and this year's 软弱涣散 list: organizations whose secretary
 * was rated 差 last year plus two villages listed by hand; two passed acceptance (one after a failed
 * review), the others still rectifying with some tasks done and one overdue. Deterministic and quick.
 */
export async function seedRectificationDemo(db: Kysely<DB>) {
  const sec = await seedSecretariesDemo(db);
  const today = todayCN();
  const year = Number(today.slice(0, 4));
  const poor = await sql<{ id: number; parent_id: number }>`
    select o.id, o.parent_id from sec_reports r join organizations o on o.id = r.org_id
    where r.year = ${year - 1} and r.rating = 'poor' order by o.id limit 4`.execute(db);
  const villages = await sql<{ id: number; parent_id: number }>`
    select o.id, o.parent_id from organizations o where o.level = 'village' and o.status = 'active' and o.parent_id is not null
      and not exists (select 1 from rect_entries e where e.org_id = o.id) order by o.id limit 2`.execute(db);
  const picks = [...poor.rows.map((r) => ({ ...r, manual: false })), ...villages.rows.map((r) => ({ ...r, manual: true }))];
  let entries = 0;
  await db.transaction().execute(async (trx) => {
    for (const [i, o] of picks.entries()) {
      const listedOn = `${year}-03-${String(10 + i).padStart(2, '0')}`;
      const reason = o.manual ? '村“两委”班子不团结，长期不开展组织生活，群众反映强烈（镇党委调研发现）' : `书记抓党建述职评议 ${year - 1} 年度评定为“差”；组织生活不正常`;
      const [leader, title] = LEADERS[i % LEADERS.length]!;
      const state = i < 2 ? 'closed' : 'listed';
      const closedOn = state === 'closed' ? `${year}-${i === 0 ? '09' : '10'}-20` : null;
      const { id } = await trx
        .insertInto('rect_entries')
        .values({ org_id: o.id, year, origin: 'manual', screening_id: null, reason, reasons: '[]', state, listed_on: listedOn, leader_name: leader, leader_title: title, closed_on: closedOn, created_by_name: '演示数据' })
        .returning('id')
        .executeTakeFirstOrThrow();
      entries++;
      const n = i === picks.length - 1 ? 0 : 2 + (i % 2);
      for (let k = 0; k < n; k++) {
        const deadline = dayjs(listedOn).add(3 + k * 2 + (i === 2 && k === 1 ? 3 : 0), 'month').format('YYYY-MM-DD');
        const done = state === 'closed' || (k === 0 && deadline < today) ? dayjs(deadline).subtract(5, 'day').format('YYYY-MM-DD') : null;
        const t = await trx
          .insertInto('rect_tasks')
          .values({ entry_id: id, content: TASKS[(i + k) % TASKS.length]!, owner_name: k === 0 ? OWNERS[i % OWNERS.length]! : leader, owner_post: k === 0 ? '支部书记' : title, owner_org_id: k === 0 ? o.id : o.parent_id, deadline, done_on: done && done <= today ? done : null, created_by_name: '演示数据' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('rect_task_notes').values({ task_id: t.id, noted_on: dayjs(listedOn).add(1 + k, 'month').format('YYYY-MM-DD'), text: k === 0 ? '已召开专题会议研究，制定整改方案' : '正在推进，已完成过半', by_name: '演示数据' }).execute();
      }
      if (i === 1) await trx.insertInto('rect_acceptances').values({ entry_id: id, reviewed_on: `${year}-08-30`, result: 'fail', comment: '组织生活仍不经常，台账不全，继续整顿', reviewer_name: '演示数据', reviewer_org_id: o.parent_id }).execute();
      if (closedOn) await trx.insertInto('rect_acceptances').values({ entry_id: id, reviewed_on: closedOn, result: 'pass', comment: '班子调整到位，组织生活恢复正常，同意销号', reviewer_name: '演示数据', reviewer_org_id: o.parent_id }).execute();
    }
  });
  return { entries, reports: sec.reports };
}
