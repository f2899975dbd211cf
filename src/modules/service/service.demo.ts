import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, ServiceRecordTable } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { demoFocusTownships } from '../../seed/focus.ts';

// Demo posts and 记实 records for 2026 in rural branches spread over the townships: some branches
// have nearly every member without office on a post, reviewed on time, and several records each;
// some have half and overdue reviews; some have almost nothing — so the charts have a story.

const POSTS: [string, string][] = [
  ['政策宣传岗', '宣传党的方针政策和惠农政策，每月入户宣讲不少于 4 户，收集群众意见建议'],
  ['环境卫生监督岗', '督促责任区农户落实“门前三包”，每周巡查一次村庄环境，发现问题及时报告'],
  ['矛盾调解岗', '及时掌握邻里、土地、婚姻家庭纠纷苗头，协助村调委会调解，重大矛盾当日上报'],
  ['治安巡逻岗', '参加夜间义务巡逻，关注独居老人和留守儿童安全，协助做好防火防汛'],
  ['帮扶岗', '结对联系困难户 1～2 户，帮助解决生产生活实际困难，每月走访不少于 2 次'],
];
const WHOM = ['五保户沈阿婆', '低保户陆大伯', '独居老人钱奶奶', '留守儿童小杰家', '残疾人徐师傅', '种粮大户褚家', '新居民王师傅一家', '退役军人蒋叔', '困难户朱婶', '村民顾家'];
const MATTERS: Record<string, [string, string][]> = {
  visit: [['走访了解冬季取暖和用药情况', '已反映给村委会，协调送去电暖器'], ['上门了解家庭收入和就业意愿', '推荐到镇上食品厂务工']],
  errand: [['代办医保缴费和慢病报销材料', '已办结，报销款到账'], ['帮助网上预约老年证', '已领取']],
  assistance: [['帮助联系农技员指导大棚葡萄管理', '挂果率明显提高'], ['帮助销售滞销西瓜 800 斤', '已全部售出']],
  mediation: [['调解邻里宅基地界址纠纷', '双方签字认可，矛盾化解'], ['调解赡养费纠纷', '子女按月支付赡养费']],
  volunteer: [['参加“五水共治”河道清理', '清理河道 300 米'], ['参加防汛值守', '值守两晚，无险情']],
  publicity: [['宣讲农村宅基地新政策', '发放资料 20 份'], ['宣传防范电信诈骗', '帮助 3 户安装反诈 App']],
};
const KINDS = Object.keys(MATTERS);

/** A small deterministic generator, so every first start gets the same demo. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pad = (n: number) => String(n).padStart(2, '0');

export async function seedServiceDemo(db: Kysely<DB>, _cipher: FieldCipher, opts: { branches?: number } = {}) {
  const today = todayCN();
  const year = Number(today.slice(0, 4));
  const rand = rng(20261201);
  const day = (fromMonth: number, toMonth: number) => {
    const m = fromMonth + Math.floor(rand() * (toMonth - fromMonth + 1));
    const d = `${year}-${pad(m)}-${pad(1 + Math.floor(rand() * 28))}`;
    return d > today ? today : d;
  };
  const all = await db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.path'])
    .where('o.kind', 'in', ['branch', 'general_branch'])
    .where('o.domain', '=', 'rural')
    .where('o.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('members as m').select('m.id').whereRef('m.org_id', '=', 'o.id').where('m.left_on', 'is', null)))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('service_posts as p').select('p.id').whereRef('p.org_id', '=', 'o.id'))))
    .orderBy('o.path')
    .execute();
  const want = opts.branches ?? 36;
  const step = Math.max(1, Math.floor(all.length / want));
  // A spread over the region, plus every branch of the focus townships (src/seed/focus.ts), whose
  // villages the assessment demo scores from these posts and records.
  const focus = (await demoFocusTownships(db)).map((t) => t.path);
  const inFocus = (o: { path: string }) => focus.some((f) => o.path === f || o.path.startsWith(f + '.'));
  const chosen = all.filter((o, i) => (i % step === 0 && i / step < want) || inFocus(o));
  let posts = 0;
  let assigned = 0;
  let recordCount = 0;
  await db.transaction().execute(async (trx) => {
    for (const [i, o] of chosen.entries()) {
      // 0–1: doing well, 2: half way, 3: hardly started (in the focus townships most do well).
      const tier = inFocus(o) ? (i % 7 === 3 ? 3 : i % 5 === 2 ? 2 : 0) : i % 4 === 3 ? 3 : i % 4 === 2 ? 2 : 0;
      const members = (
        await sql<{ id: number; office: boolean }>`
          select m.id, exists (select 1 from org_posts op where op.member_id = m.id and op.started_on <= ${today}::date and (op.ended_on is null or op.ended_on > ${today}::date)) as office
          from members m where m.org_id = ${o.id} and m.left_on is null and m.joined_on <= ${`${year}-01-01`}::date order by m.id`.execute(trx)
      ).rows;
      const free = members.filter((m) => !m.office);
      const nPosts = tier === 3 ? 2 : 3 + (i % 3);
      const postRows = await trx
        .insertInto('service_posts')
        .values(POSTS.slice(0, nPosts).map(([name, duties]) => ({ org_id: o.id, name, duties, review_months: null, created_by_name: '演示数据' })))
        .returning('id')
        .execute();
      posts += postRows.length;
      const share = tier === 0 ? 0.9 : tier === 2 ? 0.5 : 0.12;
      const onPost = free.slice(0, Math.round(free.length * share));
      if (onPost.length) {
        const rows = onPost.map((m, k) => ({ post_id: postRows[k % postRows.length]!.id, member_id: m.id, starts_on: tier === 0 ? `${year - 1}-${pad(3 + (k % 6))}-01` : `${year}-${pad(2 + (k % 4))}-15`, ends_on: null, note: null, created_by_name: '演示数据' }));
        const ids = await trx.insertInto('service_assignments').values(rows).returning(['id', 'starts_on']).execute();
        assigned += ids.length;
        // Doing well: reviewed at the half year (next one falls due around now); half way: one review last year at most.
        const reviews = ids.flatMap((a, k) => {
          if (tier === 3) return [];
          if (tier === 2) return k % 2 ? [] : [{ assignment_id: a.id, reviewed_on: addMonths(a.starts_on, 1), grade: 'competent', comment: '能按岗位职责开展工作', reviewer_name: '演示数据' }];
          // Reviewed at the half year (the next falls due in late December) or in the autumn (due in spring).
          const mid = k % 3 === 0 ? `${year}-09-${pad(10 + (k % 15))}` : `${year}-06-${pad(20 + (k % 10))}`;
          const grade = k % 5 === 0 ? 'excellent' : k % 11 === 7 ? 'basically_competent' : 'competent';
          const early = addMonths(a.starts_on, 6) <= `${year}-01-15` ? [{ assignment_id: a.id, reviewed_on: addMonths(a.starts_on, 6), grade: 'competent', comment: '履职较好', reviewer_name: '演示数据' }] : [];
          return [...early, { assignment_id: a.id, reviewed_on: k % 7 === 3 ? `${year}-05-${pad(10 + (k % 15))}` : mid, grade, comment: grade === 'excellent' ? '入户宣讲到位，群众评价高' : '能按岗位职责开展工作', reviewer_name: '演示数据' }];
        });
        if (reviews.length) await trx.insertInto('service_reviews').values(reviews).execute();
      }
      // Records: most members of a good branch several, of a weak one few or none.
      const recs: Insertable<ServiceRecordTable>[] = members.flatMap((m, k) => {
        // A good branch's members record about one contact a month (most reach two a quarter).
        const n = tier === 0 ? 6 + Math.floor(rand() * 7) : tier === 2 ? Math.floor(rand() * 4) : rand() < 0.15 ? 1 : 0;
        return Array.from({ length: n }, (_, j) => {
          const kind = KINDS[(k + j + i) % KINDS.length]!;
          const [matter, result] = MATTERS[kind]![(k + j) % 2]!;
          return { org_id: o.id, member_id: m.id, occurred_on: day(1, 11), kind, whom: WHOM[(k * 3 + j) % WHOM.length]!, matter, result, minutes: 60 * (1 + ((k + j) % 3)), entered_by: (k + j) % 6 === 0 ? 'self' : 'staff', created_by_name: '演示数据' };
        });
      });
      // Organization records (the branch as a whole): a volunteer day or two.
      if (tier !== 3) recs.push({ org_id: o.id, member_id: null, occurred_on: day(3, 10), kind: 'volunteer', whom: '全村群众', matter: '主题党日志愿服务：清理村道垃圾、义诊', result: '参加党员 20 余人，服务群众 100 余人次', minutes: 180, entered_by: 'staff', created_by_name: '演示数据' });
      for (let k = 0; k < recs.length; k += 500) await trx.insertInto('service_records').values(recs.slice(k, k + 500)).execute();
      recordCount += recs.length;
    }
  });
  return { posts, assigned, records: recordCount };
}
