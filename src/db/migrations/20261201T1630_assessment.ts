import { sql, type Kysely } from 'kysely';

// Assessment (考核评价, decision 0019): standards as versioned data (五个好 for village
// organizations, township committees and agriculture-related departments), rounds with their
// period, one sheet per assessed organization (computed indicators snapshotted with their
// evidence on submission; manual indicators scored with evidence), and targets ("≥65% of village
// organizations reach 五个好 by …"). A round points at one standard version, so editing a
// standard (a new version) never changes a running round.

const SEED_002 = '中共××县委《关于深化“三级联创”活动、创建农村基层组织建设先进县的实施意见》（种子文档 002）';

const RULES: { code: string; params: Record<string, number>; source: string; note: string }[] = [
  {
    code: 'assessment.cadence',
    params: { villageMonths: 3, townshipMonths: 6, countyMonths: 12 },
    source: `${SEED_002}：各乡镇党委、县直涉农部门要坚持每季度对创建活动进行一次自查，每半年进行一次小结，年终进行一次总评`,
    note: '考核周期（月）：村级组织按季度自查上报，乡镇党委半年小结考评，县委年终总评',
  },
  {
    code: 'assessment.five_good_targets',
    params: { byYear: 2009, townshipPct: 85, villagePct: 65, departmentPct: 60 },
    source: `${SEED_002}：到2009年，全县有85%以上的乡镇党委、65%以上的村级党组织、60%以上的县直涉农部门和乡镇站所达到“五个好”标准`,
    note: '“五个好”创建目标：达到标准的组织占同类组织的最低百分比（演示数据按 2027 年底设置目标行）',
  },
];

type Scoring = { kind: 'linear' } | { kind: 'threshold'; min: number } | { kind: 'steps'; steps: { min: number; share: number }[] };
type Ind =
  | { key: string; name: string; nameEn: string; type: 'computed'; provider: string; params: Record<string, number | string>; full: number; scoring: Scoring }
  | { key: string; name: string; nameEn: string; type: 'manual'; full: number; guide: string };
const c = (key: string, name: string, nameEn: string, provider: string, full: number, scoring: Scoring = { kind: 'linear' }, params: Record<string, number | string> = {}): Ind => ({ key, name, nameEn, type: 'computed', provider, params, full, scoring });
const m = (key: string, name: string, nameEn: string, full: number, guide: string): Ind => ({ key, name, nameEn, type: 'manual', full, guide });
const steps = (...s: [number, number][]): Scoring => ({ kind: 'steps', steps: s.map(([min, share]) => ({ min, share })) });

const PASS = { itemMinPct: 60, totalMinPct: 85 };
const STARS = [
  { stars: 1, minPct: 60 },
  { stars: 2, minPct: 70 },
  { stars: 3, minPct: 80 },
  { stars: 4, minPct: 90 },
  { stars: 5, minPct: 95 },
];

/** The five items (五个好) with the indicators of each organization kind. */
function fiveGood(kind: 'village' | 'township' | 'department') {
  const perf = kind === 'department' ? ['服务“三农”业绩好', 'Good service to agriculture'] : ['小康建设业绩好', 'Good development results'];
  const people = kind === 'department' ? ['农民群众反映好', 'Good standing with farmers'] : ['农民群众反映好', 'Good standing with the people'];
  return {
    items: [
      {
        key: 'leadership',
        name: '领导班子好',
        nameEn: 'Good leadership team',
        indicators: [
          m('team', '班子团结、分工明确、书记履职', 'Team unity and the secretary’s performance', 10, '班子成员齐全、团结协作；书记履行第一责任人职责。请写明依据（如班子会议纪要、述职评议结果）并附链接。'),
          c('org_commit', '组织承诺兑现', 'Organization commitments fulfilled', 'commitments.org_fulfillment', 10, steps([0.95, 1], [0.85, 0.7], [0.7, 0.4])),
        ],
      },
      {
        key: 'members',
        name: '党员干部队伍好',
        nameEn: 'Good body of members and cadres',
        indicators: [
          c('appraisal', '民主评议党员按期完成', 'Democratic appraisal done on time', 'appraisal.done', 6, { kind: 'linear' }),
          c('dues', '党费按月交纳（无欠交三个月以上）', 'Dues paid (no arrears over two months)', 'dues.arrears', 6, steps([0.95, 1], [0.9, 0.8], [0.8, 0.5]), { maxMonths: 2 }),
          ...(kind === 'department' ? [] : [c('development', '发展党员各步骤按期完成', 'Member development steps on time', 'development.on_time', 4, { kind: 'linear' })]),
          c('member_commit', '党员承诺兑现', 'Members’ commitments fulfilled', 'commitments.member_fulfillment', kind === 'department' ? 8 : 4, steps([0.9, 1], [0.8, 0.7], [0.6, 0.4])),
        ],
      },
      {
        key: 'mechanism',
        name: '工作机制好',
        nameEn: 'Good working mechanisms',
        indicators: [
          c('orglife', '“三会一课”等组织生活按规定开展', 'Organizational life held as required', 'orglife.compliance', 12, steps([1, 1], [0.9, 0.8], [0.75, 0.6], [0.5, 0.3])),
          c('posts', '无职党员设岗定责', 'Posts for members without office', 'service.post_coverage', 4, { kind: 'linear' }),
          m('rules', '制度健全、“四议两公开”等落实', 'Rules in place and applied', 4, '议事规则、党务村务公开等制度落实情况，写明依据并附链接。'),
        ],
      },
      {
        key: 'performance',
        name: perf[0]!,
        nameEn: perf[1]!,
        indicators: [
          m('economy', kind === 'department' ? '服务基层、帮扶项目成效' : '集体经济和产业发展', kind === 'department' ? 'Support projects and their results' : 'Collective economy and industries', 12, '写明当期主要成效（如村集体收入、产业项目、帮扶项目）的依据材料并附链接；系统已有的数字由系统计算，不在此填写。'),
          c('service', '党员联系服务群众记实', 'Records of serving the public', 'service.records', 8, { kind: 'linear' }),
        ],
      },
      {
        key: 'people',
        name: people[0]!,
        nameEn: people[1]!,
        indicators: [
          c('satisfaction', '群众评议承诺满意度', 'Public evaluation of commitments', 'commitments.satisfaction', 12, steps([0.9, 1], [0.8, 0.8], [0.7, 0.5])),
          m('opinion', '群众满意度测评与信访情况', 'Public opinion and petitions', 8, '写明满意度测评、走访或信访情况的依据材料并附链接。'),
        ],
      },
    ],
    pass: PASS,
    stars: STARS,
  };
}

const STANDARDS = [
  { code: 'five_good_village', name: '村级党组织“五个好”', nameEn: 'Five-good village organizations', categoryLabel: '村级党组织', appliesTo: { levels: ['village'] }, definition: fiveGood('village') },
  { code: 'five_good_township', name: '乡镇党委“五个好”', nameEn: 'Five-good township committees', categoryLabel: '乡镇党委', appliesTo: { levels: ['township'], kinds: ['committee', 'working_committee'] }, definition: fiveGood('township') },
  {
    code: 'five_good_department',
    name: '县直涉农部门“五个好”',
    nameEn: 'Five-good agriculture-related departments',
    categoryLabel: '县直涉农部门和乡镇站所',
    appliesTo: { levels: ['unit'], domains: ['organ', 'institution'], kinds: ['branch', 'general_branch', 'committee'], nameKeywords: ['农', '林', '水利', '畜牧', '粮', '供销', '扶贫', '乡村振兴', '自然资源'] },
    definition: fiveGood('department'),
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_standards (
      id integer generated by default as identity primary key,
      code text not null check (code ~ '^[a-z][a-z0-9_]{1,60}$'),
      version integer not null check (version >= 1),
      name text not null,
      name_en text not null,
      category_label text not null,
      applies_to jsonb not null,
      definition jsonb not null,
      source text not null,
      created_by_name text not null,
      created_at timestamptz not null default now(),
      constraint assessment_standards_version unique (code, version)
    )`.execute(db);

  await sql`
    create table assessment_rounds (
      id integer generated by default as identity primary key,
      org_id integer not null references organizations(id) deferrable initially immediate,
      standard_id integer not null references assessment_standards(id) deferrable initially immediate,
      cadence text not null check (cadence in ('quarter','half_year','year')),
      title text not null,
      period_from date not null,
      period_to date not null,
      due_on date not null,
      created_by_name text not null,
      created_at timestamptz not null default now(),
      constraint assessment_rounds_period check (period_to >= period_from),
      constraint assessment_rounds_once unique (org_id, standard_id, period_from, period_to)
    )`.execute(db);
  await sql`create index assessment_rounds_org on assessment_rounds (org_id)`.execute(db);

  await sql`
    create table assessment_sheets (
      id integer generated by default as identity primary key,
      round_id integer not null references assessment_rounds(id) on delete cascade deferrable initially immediate,
      org_id integer not null references organizations(id) deferrable initially immediate,
      state text not null default 'not_started' check (state in ('not_started','returned','submitted','reviewed','final')),
      -- manual indicators: {key: {selfPoints, evidence, links, reviewPoints, reviewReason}}
      manual jsonb not null default '{}'::jsonb,
      -- computed indicators with their evidence as of computed_at: {key: IndicatorResult + points}
      computed jsonb,
      computed_at timestamptz,
      recomputed_by_name text,
      total_points numeric(8,2),
      total_full numeric(8,2),
      total_pct numeric(6,2),
      passed boolean,
      stars integer check (stars between 0 and 5),
      submitted_on date,
      submitted_by_name text,
      reviewed_on date,
      reviewed_by_name text,
      review_comment text,
      returned_reason text,
      finalized_on date,
      finalized_by_name text,
      updated_at timestamptz not null default now(),
      constraint assessment_sheets_once unique (round_id, org_id),
      constraint assessment_sheets_snapshot check (state in ('not_started','returned') or computed is not null)
    )`.execute(db);
  await sql`create index assessment_sheets_org on assessment_sheets (org_id, state)`.execute(db);

  await sql`
    create table assessment_targets (
      id integer generated by default as identity primary key,
      org_id integer not null references organizations(id) deferrable initially immediate,
      standard_code text not null,
      share_bp integer not null check (share_bp between 1 and 10000),
      deadline date not null,
      title text not null,
      source text not null,
      created_by_name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  for (const r of RULES) {
    await sql`insert into rules (code, version, effective_from, params, source, note) values (${r.code}, 1, '2008-01-01', ${JSON.stringify(r.params)}::jsonb, ${r.source}, ${r.note})`.execute(db);
  }
  for (const s of STANDARDS) {
    await sql`insert into assessment_standards (code, version, name, name_en, category_label, applies_to, definition, source, created_by_name)
      values (${s.code}, 1, ${s.name}, ${s.nameEn}, ${s.categoryLabel}, ${JSON.stringify(s.appliesTo)}::jsonb, ${JSON.stringify(s.definition)}::jsonb,
        ${`${SEED_002}：对照“五个好”的标准要求，切实加强乡镇党委、村级党组织和县直涉农部门、乡镇站所党组织建设。五项内容按中组部“五个好”创建要求（领导班子好、党员干部队伍好、工作机制好、小康建设业绩好、农民群众反映好）；指标、分值和达标线为本系统默认值，可由县委组织部修改（形成新版本）`}, '系统')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from rules where code = any(${RULES.map((r) => r.code)}::text[])`.execute(db);
  await sql`drop table if exists assessment_targets, assessment_sheets, assessment_rounds, assessment_standards cascade`.execute(db);
}
