import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';

const TEXT = [
  '一年来，我认真履行抓基层党建第一责任人职责，坚持每月召开支部委员会研究党建工作，带头讲党课两次；推动党员联系户全覆盖，协调解决群众反映的道路、灌溉问题 6 件。不足是发展年轻党员力度不够，明年重点做好后备力量培养。',
  '本年度围绕“五个好”目标抓班子带队伍，规范“三会一课”和主题党日，组织党员参加城乡结对共建活动；村集体经济有所增长。存在问题：流动党员管理不够经常，部分党员参加组织生活不够积极，下一步建立微信联系群，按月通报。',
  '履职情况：落实“四议两公开”，重大事项全部经党员大会审议；带领党员开展人居环境整治和防汛值守。差距：理论学习不够系统，记实台账更新不及时。下步打算：完善党员积分管理，每季度向镇党委报告一次工作。',
];

/**
 * Demo secretaries for villages and branches lacking one, then 书记抓党建述职评议 for last year (all rated by the level above) and this year (most rated in
 * November, some submitted, some still drafts), for every secretary on record; ratings mostly 好/较好,
 * a few 一般 and 差 so the chart and the rectification screening have something to show. Set-based SQL.
 */
export async function seedSecretariesDemo(db: Kysely<DB>) {
  const year = Number(todayCN().slice(0, 4));
  const today = todayCN();
  // Villages and branches without a secretary on record get one (their longest-standing full member),
  // except one in 25, left vacant so that the 书记缺职 criterion has something to find.
  await sql`
    insert into org_posts (org_id, post, member_id, holder_name, started_on)
    select o.id, 'secretary', m.id, m.name, make_date(${year - 3}, 4, 1)
    from organizations o
    cross join lateral (
      select x.id, x.name from members x join organizations xo on xo.id = x.org_id
      where xo.path <@ o.path and x.left_on is null and x.full_member_on is not null order by x.joined_on, x.id limit 1) m
    where o.status = 'active' and o.id % 25 <> 0 and (o.level = 'village' or o.kind in ('general_branch','branch','joint_branch'))
      and not exists (select 1 from org_posts p where p.org_id = o.id and p.post = 'secretary' and p.ended_on is null)`.execute(db);
  for (const y of [year - 1, year]) {
    const ratedOn = y < year ? `${year}-01-15` : today > `${year}-11-28` ? `${year}-11-28` : today;
    await sql`
      with s as (
        select distinct on (p.org_id) p.org_id, p.id as post_id, p.member_id, p.holder_name, o.parent_id, o.id,
          (o.id * 7 + ${y} + o.id / 10) % 20 as r, case when ${y} < ${year} then 0 else o.id % 10 end as st
        from org_posts p join organizations o on o.id = p.org_id
        where p.post = 'secretary' and o.status = 'active' and o.parent_id is not null and p.started_on <= make_date(${y}, 12, 31) and (p.ended_on is null or p.ended_on >= make_date(${y}, 12, 31))
        order by p.org_id, p.started_on desc
      ), g as (
        select s.*, case when r < 10 then 'good' when r < 16 then 'fairly_good' when r < 19 then 'average' else 'poor' end as rating, 12 + s.id % 9 as voters from s
      )
      insert into sec_reports (org_id, year, post_id, member_id, holder_name, state, report_text, submitted_on, rating, rating_comment, rated_on, rated_by_name, rated_by_org_id, votes_good, votes_fairly_good, votes_average, votes_poor, created_by_name)
      select g.org_id, ${y}, g.post_id, g.member_id, g.holder_name,
        case when g.st < 6 then 'rated' when g.st < 8 then 'submitted' else 'draft' end,
        (${sql.val(TEXT)}::text[])[1 + g.id % 3],
        case when g.st < 8 then (${ratedOn}::date - 10) end,
        case when g.st < 6 then g.rating end,
        case when g.st < 6 then case g.rating when 'good' then '抓党建责任落实到位，组织生活规范，群众满意度高' when 'fairly_good' then '工作较扎实，党员教育管理还需加强' when 'average' then '组织生活不够经常，记实台账不完整，需加强' else '班子作用发挥不好，组织生活长期不正常，建议列入整顿' end end,
        case when g.st < 6 then ${ratedOn}::date end,
        case when g.st < 6 then '上级党组织（演示）' end,
        case when g.st < 6 then g.parent_id end,
        case when g.st < 6 then case g.rating when 'good' then g.voters - 3 when 'fairly_good' then 4 else 1 end end,
        case when g.st < 6 then case g.rating when 'fairly_good' then g.voters - 6 else 2 end end,
        case when g.st < 6 then case g.rating when 'average' then g.voters - 5 when 'poor' then 3 when 'fairly_good' then 2 else 1 end end,
        case when g.st < 6 then case g.rating when 'poor' then g.voters - 6 when 'average' then 2 else 0 end end,
        '演示数据'
      from g`.execute(db);
  }
  const n = await db.selectFrom('sec_reports').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { reports: Number(n.n) };
}
