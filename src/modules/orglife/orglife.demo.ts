import dayjs from 'dayjs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import type { MeetingInsert } from './orglife.repository.ts';

/** Deterministic "random" in [0, n) from an id and a salt. */
const pick = (id: number, salt: number, n: number) => ((id * 2654435761 + salt * 40503) >>> 0) % n;

const TOPICS: Record<string, string[]> = {
  member_meeting: ['学习贯彻党的二十届四中全会精神', '讨论村级重大事项“四议两公开”', '讨论接收预备党员', '通报党费收缴和使用情况', '部署年度民主评议党员工作'],
  committee_meeting: ['研究本月党建重点工作', '研究发展党员计划', '研究困难党员帮扶名单', '研究人居环境整治分工', '研究“三会一课”安排和党员教育'],
  party_lecture: ['书记讲党课：牢记初心使命 推动乡村振兴', '党课：学习《中国共产党支部工作条例》', '党课：发扬红船精神 争做先锋表率', '党课：以党建引领基层治理'],
  theme_day: ['重温入党誓词、集中学习', '志愿服务：清理河道、关爱独居老人', '参观南湖革命纪念馆', '“党员联系户”走访', '学习“千万工程”经验', '垃圾分类宣传和网格巡查'],
  life_meeting: ['年度组织生活会：对照检查、开展批评和自我批评'],
};
const MINUTES = [
  '会议由支部书记主持。首先集中学习了有关文件精神，随后与会党员结合本职工作交流了学习体会。会议对下阶段工作作了安排：一是抓好党员教育管理；二是做好联系服务群众工作；三是按时足额交纳党费。',
  '书记通报了近期上级党委工作部署和本支部工作进展，与会党员围绕议题逐项讨论并形成一致意见，明确了责任人和完成时限。',
  '会议传达学习了上级文件，组织委员通报了党员参加组织生活情况，对请假党员安排会后补学。党员代表作了发言。',
];

type Profile = 'good' | 'patchy' | 'stopped' | 'none';
const profileOf = (id: number): Profile => {
  const r = pick(id, 11, 100);
  return r < 70 ? 'good' : r < 90 ? 'patchy' : r < 96 ? 'stopped' : 'none';
};

/**
 * Demo organizational life for this year in every branch of the region (or the first `branches` in
 * tree order; about 14,500 meetings and 360,000 attendance rows for the demo county, 10–20 s on
 * PGlite — a region where only some branches had records would flag all the others as missing
 * every meeting): most hold their meetings
 * on time, some skip months, a few stopped mid-year (flagged inactive), a few record nothing. Branches
 * with 7 or more members get a committee (secretary and two members, if none is registered) and so
 * monthly committee meetings. Attendance comes from the register, set-based, so it stays fast.
 */
export async function seedOrglifeDemo(db: Kysely<DB>, _cipher: FieldCipher, opts: { branches?: number; log?: (m: string) => void } = {}) {
  const t0 = Date.now();
  const step = (m: string) => opts.log?.(`${m} ${Date.now() - t0}ms`);
  const today = todayCN();
  const year = Number(today.slice(0, 4));
  const branches = await sql<{ id: number; members: number; posts: number }>`
    select o.id, (select count(*) from members m where m.org_id = o.id and m.left_on is null)::int as members,
      (select count(*) from org_posts p where p.org_id = o.id and p.ended_on is null)::int as posts
    from organizations o where o.kind in ('branch','joint_branch') and o.status = 'active' order by o.path limit ${opts.branches ?? 1_000_000}`.execute(db);
  let meetings = 0;
  await db.transaction().execute(async (trx) => {
    // A committee (secretary, organization and publicity members) for branches of 7 or more members without one.
    const needCommittee = branches.rows.filter((b) => b.members >= 7 && b.posts === 0).map((b) => b.id);
    if (needCommittee.length) {
      await sql`
        insert into org_posts (org_id, post, member_id, holder_name, started_on)
        select x.org_id, (array['secretary','organization','propaganda'])[x.rn], x.id, x.name, make_date(${year - 2}, 3, 1)
        from (select m.org_id, m.id, m.name, row_number() over (partition by m.org_id order by m.joined_on, m.id)::int as rn
              from members m where m.org_id = any(${sql.val(needCommittee)}::int[]) and m.left_on is null and m.full_member_on is not null) x
        where x.rn <= 3`.execute(trx);
    }
    const committee = new Set(branches.rows.filter((b) => b.members >= 7).map((b) => b.id));
    const rows: MeetingInsert[] = [];
    const lastMonth = Number(today.slice(5, 7));
    for (const b of branches.rows) {
      if (b.members === 0) continue;
      const profile = profileOf(b.id);
      if (profile === 'none') continue;
      const stopAfter = profile === 'stopped' ? 4 + pick(b.id, 3, 5) : 12;
      const add = (kind: string, month: number, day: number, salt: number) => {
        if (month > stopAfter) return;
        if (profile === 'patchy' && pick(b.id, salt * 31 + month, 100) < 30) return;
        const d = dayjs(`${year}-${String(month).padStart(2, '0')}-01`).add(day - 1, 'day').format('YYYY-MM-DD');
        if (d >= today) return;
        const topics = TOPICS[kind]!;
        rows.push({ org_id: b.id, kind, topic: topics[pick(b.id, month + salt, topics.length)]!, planned_on: d, starts_at: kind === 'theme_day' ? '09:00' : '19:30', place: '村党群服务中心会议室', notice: `定于 ${d} 召开，请全体党员准时参加，不能参加的请向支部书记请假。`, notice_sent_on: dayjs(d).subtract(3, 'day').format('YYYY-MM-DD'), created_by_name: '演示数据' });
      };
      for (let m = 1; m <= lastMonth; m++) {
        add('theme_day', m, 5 + pick(b.id, 1, 3), 1);
        if (committee.has(b.id)) add('committee_meeting', m, 2 + pick(b.id, 2, 3), 2);
        if (m % 3 === 2) {
          add('member_meeting', m, 10 + pick(b.id, 4, 8), 4);
          add('party_lecture', m, 18 + pick(b.id, 5, 6), 5);
        }
      }
      // The year's organizational-life meeting: in January for most; late starters still have December.
      if (pick(b.id, 6, 4) !== 0) add('life_meeting', 1, 20 + pick(b.id, 7, 8), 6);
    }
    step('posts');
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('orglife_meetings').values(rows.slice(i, i + 1000)).execute();
    step('meetings');
    meetings = rows.length;
    // Held: minutes, host; planned notices for the coming fortnight stay planned.
    await sql`
      update orglife_meetings set state = 'held', held_on = planned_on, host_name = '支部书记', recorder_name = '组织委员',
        minutes = (${sql.val(MINUTES)}::text[])[1 + id % ${MINUTES.length}]
      where created_by_name = '演示数据' and state = 'planned'`.execute(trx);
    // Attendance from the register on the day: committee members for committee meetings, members otherwise.
    const status = sql`case when mb.full_member_on is not null and mb.full_member_on <= mt.held_on then 'full' else 'probationary' end`;
    const mark = sql`(case when (mt.id::bigint * 7919 + mb.id::bigint * 104729) % 100 < (case when mt.id % 41 = 0 then 35 else 86 end) then 'present' when (mt.id::bigint * 7919 + mb.id::bigint * 104729) % 100 < 94 then 'leave' else 'absent' end)`;
    await sql`
      insert into orglife_attendance (meeting_id, member_id, member_status, status, reason)
      select mt.id, mb.id, ${status}, ${mark}, case when ${mark} = 'leave' then (array['外出务工','生病住院','家中有事','在外地学习'])[1 + mb.id % 4] end
      from orglife_meetings mt
      join member_periods p on p.org_id = mt.org_id and p.valid_from <= mt.held_on and (p.valid_to is null or p.valid_to > mt.held_on)
      join members mb on mb.id = p.member_id and mb.joined_on <= mt.held_on and (mb.left_on is null or mb.left_on > mt.held_on)
      where mt.created_by_name = '演示数据' and mt.kind <> 'committee_meeting'`.execute(trx);
    step('held + member attendance');
    await sql`
      insert into orglife_attendance (meeting_id, member_id, member_status, status, reason)
      select distinct mt.id, mb.id, ${status}, case when (mt.id + mb.id) % 12 = 0 then 'leave' else 'present' end, case when (mt.id + mb.id) % 12 = 0 then '外出开会' end
      from orglife_meetings mt
      join org_posts ps on ps.org_id = mt.org_id and ps.post <> 'group_leader' and ps.started_on <= mt.held_on and (ps.ended_on is null or ps.ended_on >= mt.held_on)
      join members mb on mb.id = ps.member_id
      where mt.created_by_name = '演示数据' and mt.kind = 'committee_meeting'`.execute(trx);
    step('committee attendance');
    // The quorum as the rule has it by default: more than half of those entitled present.
    await sql`
      update orglife_meetings mt set quorum_met = (select count(*) filter (where a.status = 'present') * 2 > count(*) from orglife_attendance a where a.meeting_id = mt.id)
      where mt.created_by_name = '演示数据' and mt.kind in ('member_meeting','committee_meeting','group_meeting','life_meeting')`.execute(trx);
    step('quorum');
    // A few notices for the coming days, with their invitation lists (status not yet recorded).
    const upcoming = branches.rows.filter((b) => b.members > 0 && profileOf(b.id) === 'good').slice(0, 12);
    for (const [i, b] of upcoming.entries()) {
      const d = dayjs(today).add(2 + (i % 10), 'day').format('YYYY-MM-DD');
      const kind = i % 3 === 0 ? 'member_meeting' : i % 3 === 1 ? 'party_lecture' : 'theme_day';
      const { id } = await trx.insertInto('orglife_meetings').values({ org_id: b.id, kind, topic: TOPICS[kind]![i % TOPICS[kind]!.length]!, planned_on: d, starts_at: '19:00', place: '村党群服务中心', notice: `定于 ${d} 19:00 召开${kind === 'party_lecture' ? '党课' : '会议'}，请准时参加。`, notice_sent_on: today, created_by_name: '演示通知' }).returning('id').executeTakeFirstOrThrow();
      await sql`
        insert into orglife_attendance (meeting_id, member_id, member_status)
        select ${id}, mb.id, case when mb.full_member_on is not null then 'full' else 'probationary' end
        from member_periods p join members mb on mb.id = p.member_id
        where p.org_id = ${b.id} and p.valid_to is null and mb.left_on is null`.execute(trx);
      meetings++;
    }
  });
  return { meetings };
}
