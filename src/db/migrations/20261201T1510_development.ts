import { sql, type Kysely } from 'kysely';

// Development of members (发展党员): one case per applicant from application to full membership,
// one dated row per step with its evidence, and the time limits of the rules as versioned data.

const SOURCE = '《中国共产党发展党员工作细则》（中办发〔2014〕29号）';
const RULES: { code: string; params: Record<string, number>; source: string; note: string }[] = [
  { code: 'dev.min_age', params: { years: 18 }, source: `《中国共产党章程》第一条；${SOURCE}第五条：年满十八岁的……可以申请加入中国共产党`, note: '申请入党须年满 18 周岁' },
  { code: 'dev.talk_within', params: { months: 1 }, source: `${SOURCE}第七条：党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话`, note: '收到入党申请书后一个月内谈话' },
  { code: 'dev.league_recommend', params: { underAge: 28 }, source: `${SOURCE}第九条：28周岁以下的入党申请人，一般应当从团员中推荐（团组织推优）`, note: '28 周岁以下团员须经团组织推优' },
  { code: 'dev.activist_min', params: { months: 12 }, source: `${SOURCE}第十五条：对入党积极分子经过一年以上培养教育和考察`, note: '入党积极分子培养考察满一年方可确定为发展对象' },
  { code: 'dev.introducers', params: { count: 2 }, source: `《中国共产党章程》第五条；${SOURCE}第十八条：发展对象应当有两名正式党员作入党介绍人`, note: '两名正式党员作入党介绍人' },
  { code: 'dev.political_review_valid', params: { months: 12 }, source: `${SOURCE}第十九条至第二十一条（政治审查）；各地实施细则：政审结论超过一年的应当重新审查`, note: '政治审查结论一年内有效' },
  { code: 'dev.training_min', params: { days: 3, hours: 24 }, source: `${SOURCE}第二十二条：集中培训时间一般不少于3天（或不少于24个学时）`, note: '集中培训不少于 3 天或 24 学时' },
  { code: 'dev.meeting_quorum', params: { morePercent: 50 }, source: `${SOURCE}第二十五条：到会有表决权的正式党员必须超过应到会有表决权正式党员的半数`, note: '支部大会到会人数须过半' },
  { code: 'dev.meeting_majority', params: { morePercent: 50 }, source: `${SOURCE}第二十五条：赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议`, note: '赞成票须超过应到会有表决权正式党员的半数' },
  { code: 'dev.approval_within', params: { months: 3, specialMonths: 6 }, source: `${SOURCE}第二十八条：上级党委……应当在三个月内审批；遇有特殊情况可以适当延长审批时间，但不得超过六个月`, note: '上级党委三个月内审批（特殊情况不超过六个月）' },
  { code: 'dev.probation', params: { months: 12, extendMinMonths: 6, extendMaxMonths: 12, maxExtensions: 1 }, source: `《中国共产党章程》第七条；${SOURCE}第三十一条、第三十四条：预备期为一年，自支部大会通过之日算起；可以延长一次预备期，延长时间不能少于半年，最长不超过一年`, note: '预备期一年，可延长一次 6–12 个月' },
  { code: 'dev.full_approval_within', params: { months: 3 }, source: `${SOURCE}第三十六条：上级党委审批预备党员转正，应当在三个月内审批`, note: '转正决议三个月内审批' },
];

/** members.left_reason codes before this migration (20261123T1500_org_system). */
const LEFT_REASONS = ['death', 'removed', 'expelled', 'withdrew', 'lapsed', 'transferred_out'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dev_cases (
      id serial primary key,
      org_id int not null references organizations(id) deferrable initially immediate,
      training_org_id int references organizations(id) deferrable initially immediate,
      name text not null,
      gender text not null check (gender in ('male', 'female')),
      ethnicity text not null default '汉族',
      birth_date date not null,
      id_number_cipher text not null,
      id_number_hash text not null,
      id_number_masked text not null,
      education text not null,
      category text not null,
      household text not null default 'rural',
      is_league_member boolean not null default false,
      work_unit text,
      phone text,
      applied_on date not null,
      status text not null default 'open' check (status in ('open', 'completed', 'closed')),
      last_step text not null,
      last_step_on date not null,
      member_id int references members(id) deferrable initially immediate,
      probation_extension_months int check (probation_extension_months between 1 and 24),
      closed_on date,
      close_kind text,
      close_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'closed') = (closed_on is not null))
    )`.execute(db);
  // One open case per person (by the keyed hash of the ID number).
  await sql`create unique index dev_cases_open_person on dev_cases (id_number_hash) where status = 'open'`.execute(db);
  await sql`create index dev_cases_org on dev_cases (org_id)`.execute(db);
  await sql`create index dev_cases_training_org on dev_cases (training_org_id) where training_org_id is not null`.execute(db);
  await sql`create index dev_cases_member on dev_cases (member_id) where member_id is not null`.execute(db);
  await sql`
    create table dev_steps (
      id serial primary key,
      case_id int not null references dev_cases(id) on delete cascade deferrable initially immediate,
      step text not null,
      done_on date not null,
      recorded_by int references users(id) deferrable initially immediate,
      recorded_by_name text not null,
      documents jsonb not null default '[]'::jsonb,
      votes jsonb,
      introducers jsonb,
      approver text,
      note text,
      details jsonb,
      created_at timestamptz not null default now(),
      unique (case_id, step)
    )`.execute(db);
  // A probationary member whose probation is cancelled (取消预备党员资格) leaves the register with that reason.
  await sql`alter table members drop constraint if exists members_left_reason_check`.execute(db);
  await sql`alter table members add constraint members_left_reason_check check (left_reason in (${sql.join(LEFT_REASONS.map((r) => sql.lit(r)))}, 'probation_cancelled'))`.execute(db);
  for (const r of RULES) {
    await sql`insert into rules (code, version, effective_from, params, source, note) values (${r.code}, 1, '2014-06-11', ${JSON.stringify(r.params)}::jsonb, ${r.source}, ${r.note})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update members set left_reason = 'removed' where left_reason = 'probation_cancelled'`.execute(db);
  await sql`alter table members drop constraint if exists members_left_reason_check`.execute(db);
  await sql`alter table members add constraint members_left_reason_check check (left_reason in (${sql.join(LEFT_REASONS.map((r) => sql.lit(r)))}))`.execute(db);
  await sql`delete from rules where code = any(${RULES.map((r) => r.code)}::text[])`.execute(db);
  await sql`drop table if exists dev_steps`.execute(db);
  await sql`drop table if exists dev_cases`.execute(db);
}
