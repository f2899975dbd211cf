import { sql, type Kysely } from 'kysely';

// Version 1 of the organization setup and term rules, with their sources. Later changes are new
// versions (a data change), never edits of these rows.
const RULES: { code: string; params: unknown; source: string; note: string }[] = [
  { code: 'setup.branch_min_full', params: { min: 3 }, source: '《中国共产党支部工作条例（试行）》第六条：有正式党员3人以上的，应当成立党支部', note: '党支部正式党员少于 3 人' },
  { code: 'setup.branch_max_members', params: { max: 50 }, source: '《中国共产党支部工作条例（试行）》第六条：党支部党员人数一般不超过50人', note: '党支部党员超过 50 人' },
  { code: 'setup.committee_required', params: { minFull: 7, minPosts: 3 }, source: '《中国共产党支部工作条例（试行）》第十二条：有正式党员7人以上的党支部，应当设立党支部委员会', note: '正式党员 7 人以上未设支部委员会' },
  { code: 'setup.committee_size', params: { min: 3, max: 5, hardMax: 7 }, source: '《中国共产党支部工作条例（试行）》第十二条：支部委员会由3至5人组成，一般不超过7人', note: '支部委员会人数' },
  { code: 'setup.general_branch_size', params: { min: 50, max: 100 }, source: '《中国共产党支部工作条例（试行）》第七条：党员人数超过50人的……经批准可以设立党的总支部委员会', note: '党员 50–100 人可设党总支' },
  { code: 'setup.committee_size_party', params: { min: 100 }, source: '《中国共产党章程》第三十条；党员100人以上的基层单位，经上级党组织批准可以成立党的基层委员会', note: '党员 100 人以上可设基层党委' },
  { code: 'setup.joint_branch_max_units', params: { max: 5 }, source: '《中国共产党支部工作条例（试行）》第六条：联合党支部覆盖单位一般不超过5个', note: '联合党支部覆盖单位超过 5 个' },
  { code: 'setup.unit_without_org', params: { minMembers: 3 }, source: '《中国共产党章程》第三十条：企业、农村、机关、学校……凡是有正式党员三人以上的，都应当成立党的基层组织', note: '单位有 3 名以上党员而未建党组织' },
  { code: 'term.years', params: { village: 5, community: 5, committee: 5, working_committee: 5, general_branch: 3, branch: 3, joint_branch: 3, temporary_branch: 1, group: 3 }, source: '《中国共产党章程》第三十条（基层委员会每届任期3年至5年，总支部、支部委员会每届任期2年或3年）；《中国共产党农村基层组织工作条例》第十九条（村党组织每届任期5年）', note: '各类组织每届任期（年）' },
  { code: 'term.warn_days', params: { days: 90 }, source: '本系统设置：任期届满前 90 天提醒换届', note: '换届提醒提前天数' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const r of RULES) {
    await sql`insert into rules (code, version, effective_from, params, source, note) values (${r.code}, 1, '2018-01-01', ${JSON.stringify(r.params)}::jsonb, ${r.source}, ${r.note})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from rules where version = 1 and code = any(${RULES.map((r) => r.code)}::text[])`.execute(db);
}
