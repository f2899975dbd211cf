import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { demoFocusTownships } from '../../seed/focus.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { assemble, computeAll, type ManualMap } from './assessment.compute.ts';
import * as repo from './assessment.repository.ts';
import { AppliesTo, Definition } from './assessment.schemas.ts';
import { periodOf } from './assessment.score.ts';

// Demo assessment: finished 2026 Q3 village rounds (sheets computed from the demo records, then
// self-checked, reviewed and made final), running Q4 rounds in mixed states, an H1 township round
// partly final, and the 五个好 targets of the rules table (deadline moved to 2027-12-31).

const EVIDENCE: Record<string, string[]> = {
  team: ['班子成员齐全，本季度召开班子会议 3 次，分工见会议纪要', '书记带头走访农户，班子团结；有 1 名委员长期外出务工', '班子调整后分工明确，书记述职评议结果为“较好”'],
  rules: ['四议两公开落实，本季度公开村务 2 次', '议事规则已修订并张贴公示', '党务公开栏更新不及时，已整改'],
  economy: ['村集体经济合作社完成土地流转项目，见合作社台账', '特色果蔬基地扩种，见产业项目验收材料', '集体经营性收入来源单一，正在谋划物业项目'],
  opinion: ['入户走访群众 40 户，意见已整理成册', '本季度无越级信访，群众满意度测评材料见附件', '有 2 件群众诉求尚在办理中'],
};

const hash = (n: number) => ((n * 2654435761) >>> 0) / 4294967296;

type Db = Kysely<DB> | Transaction<DB>;

/** Self-check scores by hand for the manual indicators: most organizations do well, some badly. */
function manualFor(def: ReturnType<typeof Definition.parse>, orgId: number, salt: number): ManualMap {
  const out: ManualMap = {};
  for (const ind of def.items.flatMap((i) => i.indicators)) {
    if (ind.type !== 'manual') continue;
    const r = hash(orgId * 31 + salt + ind.key.length);
    const share = r < 0.2 ? 0.5 : r < 0.45 ? 0.8 : 0.9 + (r - 0.45) * 0.18;
    const texts = EVIDENCE[ind.key] ?? ['见本组织工作台账'];
    out[ind.key] = { selfPoints: Math.round(ind.full * share * 2) / 2, evidence: texts[orgId % texts.length]!, links: [`/orgs/${orgId}`], reviewPoints: null, reviewReason: null };
  }
  return out;
}

async function fillSheets(db: Db, roundId: number, def: ReturnType<typeof Definition.parse>, period: { from: string; to: string }, stateOf: (i: number) => 'not_started' | 'submitted' | 'reviewed' | 'final', dates: { submitted: string; reviewed: string; final: string }) {
  const sheets = await db
    .selectFrom('assessment_sheets as h')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .select(['h.id', 'o.id as org_id', 'o.path', 'o.name', 'o.level', 'o.kind', 'o.domain'])
    .where('h.round_id', '=', roundId)
    .orderBy('o.path')
    .execute();
  for (const [i, s] of sheets.entries()) {
    const state = stateOf(i);
    if (state === 'not_started') continue;
    const computed = await computeAll(db as Kysely<DB>, def, { id: s.org_id, path: s.path, name: s.name, level: s.level, kind: s.kind, domain: s.domain }, period);
    const manual = manualFor(def, s.org_id, roundId);
    // The reviewer lowers one optimistic self-score now and then, with the reason.
    if (state !== 'submitted' && hash(s.org_id + roundId) < 0.25) {
      const k = Object.keys(manual)[0];
      if (k) manual[k] = { ...manual[k]!, reviewPoints: Math.max(0, (manual[k]!.selfPoints ?? 0) - 3), reviewReason: '依据材料不够充分，按实际情况扣分' };
    }
    const { result } = assemble(def, computed, manual, 'zh-CN');
    await repo.updateSheet(db, s.id, {
      state,
      manual: JSON.stringify(manual),
      computed: JSON.stringify(computed),
      computed_at: new Date(`${dates.submitted}T10:00:00+08:00`),
      total_points: result.points,
      total_full: result.full,
      total_pct: result.pct,
      passed: result.passed,
      stars: result.stars,
      submitted_on: dates.submitted,
      submitted_by_name: '支部书记',
      ...(state === 'reviewed' || state === 'final' ? { reviewed_on: dates.reviewed, reviewed_by_name: '乡镇组织委员', review_comment: '同意自查结果' } : {}),
      ...(state === 'final' ? { finalized_on: dates.final, finalized_by_name: '乡镇组织委员' } : {}),
    });
  }
}

async function launch(db: Db, org: { id: number; path: string }, code: string, cadence: 'quarter' | 'half_year', year: number, part: number, dueOn: string) {
  const std = await repo.latestStandard(db, code);
  if (!std) return null;
  const period = periodOf(cadence, year, part)!;
  const orgs = await repo.categoryOrgs(db, org.path, AppliesTo.parse(std.applies_to));
  if (orgs.length === 0) return null;
  const title = `${period.label}${std.name}${cadence === 'quarter' ? '季度自查' : '半年考评'}`;
  const id = await repo.insertRound(db, { org_id: org.id, standard_id: std.id, cadence, title, period_from: period.from, period_to: period.to, due_on: dueOn, created_by_name: '县委组织部' });
  await repo.insertSheets(
    db,
    id,
    orgs.map((o) => o.id),
  );
  return { id, def: Definition.parse(std.definition), period };
}

/**
 * The village rounds are launched by the two focus townships (src/seed/focus.ts), whose branches
 * the appraisal, posts and records demos cover in full, so the computed figures have records
 * behind them. The county's half-year township round is done by now: final, but for two sheets
 * reviewed and waiting to be made final.
 */
export async function seedAssessmentDemo(db: Kysely<DB>, _cipher: FieldCipher) {
  const county = await db.selectFrom('organizations').select(['id', 'path']).where('level', '=', 'county').where('status', '=', 'active').orderBy('id').executeTakeFirst();
  if (!county) return;
  const focus = (await demoFocusTownships(db)).filter((t) => t.path.startsWith(county.path + '.'));
  await db.transaction().execute(async (trx) => {
    for (const [k, t] of focus.entries()) {
      const q3 = await launch(trx, t, 'five_good_village', 'quarter', 2026, 3, '2026-10-15');
      if (q3) await fillSheets(trx, q3.id, q3.def, q3.period, () => 'final', { submitted: '2026-10-12', reviewed: '2026-10-22', final: '2026-10-28' });
      const q4 = await launch(trx, t, 'five_good_village', 'quarter', 2026, 4, '2027-01-15');
      if (q4) await fillSheets(trx, q4.id, q4.def, q4.period, (i) => ((i + k) % 4 === 0 ? 'reviewed' : (i + k) % 4 === 1 ? 'submitted' : 'not_started'), { submitted: '2026-11-28', reviewed: '2026-11-30', final: '' });
    }
    const h1 = await launch(trx, county, 'five_good_township', 'half_year', 2026, 1, '2026-07-15');
    if (h1) await fillSheets(trx, h1.id, h1.def, h1.period, (i) => (i % 6 === 5 ? 'reviewed' : 'final'), { submitted: '2026-07-10', reviewed: '2026-07-20', final: '2026-07-25' });
    const rules = await rulesInForce(trx, '2026-12-01');
    const p = (rules.get('assessment.five_good_targets')?.params ?? {}) as Record<string, number>;
    const source = rules.get('assessment.five_good_targets')?.source ?? '';
    const targets: [string, number | undefined, string][] = [
      ['five_good_township', p.townshipPct, '乡镇党委达到“五个好”'],
      ['five_good_village', p.villagePct, '村级党组织达到“五个好”'],
      ['five_good_department', p.departmentPct, '县直涉农部门和乡镇站所达到“五个好”'],
    ];
    for (const [code, pct, title] of targets) {
      if (pct) await repo.insertTarget(trx, { org_id: county.id, standard_code: code, share_bp: pct * 100, deadline: '2027-12-31', title: `到 2027 年底 ${pct}% 以上的${title}`, source, created_by_name: '县委组织部' });
    }
  });
}
