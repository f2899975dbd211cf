import { sql, type Insertable, type Kysely } from 'kysely';
import type { ContactPointVisitTable, DB, DemonstrationPointTable, RecognitionNominationTable } from '../../db/schema.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';

/** Nominations close at the end of November, or a month from today when the demo is loaded later in the year (so the demo campaign is open). */
function nominateUntil(year: number): string {
  const inAMonth = addMonths(todayCN(), 1);
  return [`${year}-11-30`, inAMonth].sort()[1]!;
}
import { insertRecord } from '../status/status.repository.ts';

const REASONS: Record<string, string[]> = {
  flag_committee: ['镇党委班子团结有力，“富民能人党建”做出特色，村级组织活动场所全部达标', '党建引领乡村振兴成效明显，软弱涣散村全部整顿转化'],
  model_branch: ['支部“三会一课”规范，带领群众发展特色种植，集体经济年收入增长三成', '党员设岗定责全覆盖，网格服务群众及时，群众满意度高', '创新“党建+合作社”模式，带动农户增收'],
  red_star: ['带头发展大棚蔬菜，帮带困难户五户脱贫', '长期义务调解邻里纠纷，群众称为“老娘舅”', '疫情防控和防汛抢险中冲锋在前'],
  five_good_org: ['班子好、队伍好、机制好、业绩好、反映好，村务公开规范'],
};
const LEADERS = [
  ['沈国良', '区委书记'],
  ['陆建明', '区委副书记、区长'],
  ['朱慧芳', '区委常委、组织部部长'],
  ['徐卫东', '区委常委、宣传部部长'],
  ['顾志强', '区人大常委会主任'],
] as const;
const TOWN_LEADERS = [['镇党委书记'], ['镇党委副书记']] as const;
const SURNAMES = '王李张刘陈杨黄吴周徐孙马朱胡郭何';
const VISITS = ['调研村集体经济发展，帮助理清产业思路', '参加支部主题党日，讲专题党课', '走访困难党员和低保户，协调解决饮水问题', '指导村“两委”换届准备工作', '督导软弱涣散整顿，现场推进整改'];
const THEMES = ['富民能人党建', '党建引领乡村振兴', '网格党建', '“党建+合作社”', '村务公开和民主管理', '城乡结对共建'];

/**
 * Demo recognition for this year in the region's county: an open campaign with nominations in every
 * state (the 标杆支部 bar most of the way to 30, 旗帜党委 at its minimum of 3, red-star members
 * approved onto their records), leaders' contact points with visits, and demonstration points —
 * some townships complete, some with gaps. Deterministic.
 */
export async function seedRecognitionDemo(db: Kysely<DB>, _cipher: FieldCipher) {
  const today = todayCN();
  const year = Number(today.slice(0, 4));
  const county = await db.selectFrom('organizations').select(['id', 'name', 'path']).where('level', '=', 'county').where('status', '=', 'active').orderBy(sql`nlevel(path)`).orderBy('id').executeTakeFirst();
  if (!county) return { nominations: 0, contactPoints: 0 };
  if (await db.selectFrom('recognition_campaigns').select('id').where('awarding_org_id', '=', county.id).where('year', '=', year).executeTakeFirst()) return { nominations: 0, contactPoints: 0 };
  const towns = await db.selectFrom('organizations').select(['id', 'name', 'path']).where('level', '=', 'township').where('status', '=', 'active').where(sql<boolean>`path <@ ${county.path}::ltree`).orderBy('sort_order').orderBy('id').execute();
  const villages = await db.selectFrom('organizations').select(['id', 'name', 'path', 'kind']).where('level', '=', 'village').where('status', '=', 'active').where(sql<boolean>`path <@ ${county.path}::ltree`).orderBy('id').execute();
  const branches = await db.selectFrom('organizations').select(['id', 'name', 'path']).where('kind', 'in', ['branch', 'joint_branch']).where('status', '=', 'active').where(sql<boolean>`path <@ ${county.path}::ltree`).orderBy('id').limit(400).execute();
  const members = await db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.org_id', 'm.joined_on'])
    .where('m.left_on', 'is', null)
    .where('m.full_member_on', '<=', `${year - 1}-01-01`)
    .where('o.level', 'in', ['village', 'grid'])
    .where(sql<boolean>`m.id % 97 = 3`)
    .orderBy('m.id')
    .limit(40)
    .execute();
  const villagesOf = (t: { path: string }) => villages.filter((v) => v.path.startsWith(t.path + '.'));
  let nominations = 0;
  let contactPoints = 0;
  await db.transaction().execute(async (trx) => {
    const { id: campaignId } = await trx.insertInto('recognition_campaigns').values({ awarding_org_id: county.id, year, nominate_until: nominateUntil(year), note: `${year}年度“三树”活动暨评先评优`, created_by_name: '演示数据' }).returning('id').executeTakeFirstOrThrow();
    const rows: Insertable<RecognitionNominationTable>[] = [];
    const visits: Insertable<ContactPointVisitTable>[] = [];
    const demos: Insertable<DemonstrationPointTable>[] = [];
    const add = async (kind: string, orgId: number, memberId: number | null, i: number, state: string) => {
      const nominatedOn = `${year}-${String(9 + (i % 3)).padStart(2, '0')}-${String(3 + (i % 20)).padStart(2, '0')}`;
      const on = nominatedOn <= today ? nominatedOn : today;
      const reviewed = state !== 'nominated';
      const approvedOn = on < today ? (`${year}-11-${String(10 + (i % 15)).padStart(2, '0')}` <= today ? `${year}-11-${String(10 + (i % 15)).padStart(2, '0')}` : today) : today;
      let statusRecordId: number | null = null;
      if (state === 'approved' && memberId) {
        statusRecordId = (await insertRecord(trx, { member_id: memberId, kind: 'award', subtype: kind === 'red_star' ? 'red_star' : 'other', effective_on: approvedOn, doc_number: null, issuer: county.name, reason: `${year}年度红星党员`, award_level: 'county', amount_fen: null, period_months: null, ends_on: null, relates_to_id: null, org_id: orgId, rule_code: `recognition.quota.${kind}`, rule_version: 1, note: '评先评优（演示数据）', recorded_by_name: '演示数据' })).id;
      }
      const reasons = REASONS[kind]!;
      rows.push({
          campaign_id: campaignId,
          year,
          kind,
          org_id: orgId,
          nominee_member_id: memberId,
          nominated_by_org_id: orgId,
          nominated_by_name: '演示数据',
          nominated_on: on,
          reasons: reasons[i % reasons.length]!,
          state,
          review_note: reviewed ? (state === 'rejected' ? '近三年有信访问题未化解，暂不推荐' : '材料齐全，事迹属实') : null,
          reviewed_on: reviewed ? approvedOn : null,
          reviewed_by_name: reviewed ? '区委组织部' : null,
          approved_on: state === 'approved' ? approvedOn : null,
          approved_by_name: state === 'approved' ? '区委组织部' : null,
          closed_reason: state === 'rejected' ? '近三年有信访问题未化解，暂不推荐' : null,
          closed_on: state === 'rejected' ? approvedOn : null,
          closed_by_name: state === 'rejected' ? '区委组织部' : null,
          status_record_id: statusRecordId,
      });
      nominations++;
    };
    for (const [i, t] of towns.slice(0, 4).entries()) await add('flag_committee', t.id, null, i, i < 3 ? 'approved' : 'reviewed');
    for (const [i, b] of branches.filter((_, k) => k % 7 === 0).slice(0, 26).entries()) await add('model_branch', b.id, null, i, i < 21 ? 'approved' : i === 21 ? 'rejected' : i < 24 ? 'reviewed' : 'nominated');
    for (const [i, m] of members.entries()) await add('red_star', m.org_id, m.id, i, i < 28 ? 'approved' : i < 34 ? 'reviewed' : 'nominated');
    for (const [i, v] of villages.filter((_, k) => k % 9 === 4).slice(0, 7).entries()) await add('five_good_org', v.id, null, i, i < 4 ? 'approved' : 'nominated');

    // Contact points: county leaders and each township's secretary and deputy take a village; the
    // last townships are left bare so the overview shows its gaps.
    const covered = towns.slice(0, Math.max(1, towns.length - 2));
    let k = 0;
    for (const [ti, t] of covered.entries()) {
      const vs = villagesOf(t);
      if (vs.length === 0) continue;
      const leaders: [string, string][] = [];
      if (ti < LEADERS.length) leaders.push([LEADERS[ti]![0], LEADERS[ti]![1]]);
      for (const [j, [post]] of TOWN_LEADERS.entries()) if (ti % 3 !== 2 || j === 0) leaders.push([`${SURNAMES[(ti * 2 + j) % SURNAMES.length]}${'建伟海丽明军'[(ti + j) % 6]}${'华平强芳'[(ti * 3 + j) % 4]}`, `${t.name.replace(/^中共/, '').replace(/委员会$/, '')}${post.replace(/^镇/, '')}`]);
      for (const [j, [name, post]] of leaders.entries()) {
        const v = vs[(j * 3) % vs.length]!;
        const { id } = await trx.insertInto('contact_points').values({ org_id: v.id, leader_user_id: null, leader_name: name, leader_post: post, started_on: `${year - (j === 0 ? 1 : 0)}-0${1 + (k % 3)}-15`, note: null, created_by_name: '演示数据' }).returning('id').executeTakeFirstOrThrow();
        contactPoints++;
        const n = (k % 4) + (ti === 0 ? 2 : 0);
        for (let x = 0; x < n; x++) {
          const d = `${year}-${String(Math.min(11, 4 + x * 2 + (k % 2))).padStart(2, '0')}-${String(5 + ((k + x) % 20)).padStart(2, '0')}`;
          if (d <= today) visits.push({ contact_point_id: id, visited_on: d, content: VISITS[(k + x) % VISITS.length]!, recorded_by_name: '演示数据' });
        }
        k++;
      }
      // Demonstration points: 3–5 in most townships, one short of the rule in every third.
      const want = ti % 3 === 1 ? 1 : 3 + (ti % 3);
      for (const [j, v] of vs.slice(0, want).entries()) {
        demos.push({ township_id: t.id, org_id: v.id, theme: THEMES[(ti + j) % THEMES.length]!, since: `${year - 1 + (j % 2)}-0${3 + j}-01`, note: null, created_by_name: '演示数据' });
      }
    }
    if (rows.length) await trx.insertInto('recognition_nominations').values(rows).execute();
    if (visits.length) await trx.insertInto('contact_point_visits').values(visits).execute();
    if (demos.length) await trx.insertInto('demonstration_points').values(demos).execute();
  });
  return { nominations, contactPoints };
}
