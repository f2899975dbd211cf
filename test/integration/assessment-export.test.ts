// A round's results as a workbook: one row per organization in the caller's view with every
// indicator's points, the total and 达标 as on the sheet; a sheet not yet submitted shows its state
// and no scores; a user of the sibling subtree gets 404.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { RoundDetail, SheetDetail } from '../../src/modules/assessment/assessment.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let county: Client;
let township: Client;
let village: Client;
let townshipB: Client;
let round: z.infer<typeof RoundDetail>;

const definition = {
  items: [
    { key: 'members', name: '党员干部队伍好', indicators: [{ key: 'appraisal', name: '民主评议按期完成', type: 'computed', provider: 'appraisal.done', full: 10, scoring: { kind: 'linear' } }] },
    { key: 'people', name: '群众反映好', indicators: [{ key: 'opinion', name: '群众满意度', type: 'manual', full: 10, guide: '附测评材料' }] },
  ],
  pass: { itemMinPct: 0, totalMinPct: 40 },
  stars: [{ stars: 1, minPct: 40 }],
};

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  // A second village under township A, which will not self-check.
  await ts.insertOrg(tree.a.township, { code: `TA-EXPORT-V2`, name: '中共甲溪镇柳甲村委员会', kind: 'general_branch', level: 'village', domain: 'rural' });
  const u = async (role: 'org_staff' | 'secretary', orgId: number) => {
    const x = await ts.makeUser(role, orgId);
    return login(ts.app, x.username, x.password);
  };
  county = await u('org_staff', tree.root.id);
  township = await u('org_staff', tree.a.township.id);
  village = await u('secretary', tree.a.village.id);
  townshipB = await u('org_staff', tree.b.township.id);
  const std = await county.post('/api/assessment-standards', { code: 'export_village', name: '导出测试标准', categoryLabel: '村级党组织', appliesTo: { levels: ['village'] }, definition, source: '测试依据' });
  expect(std.statusCode, std.body).toBe(201);
  const res = await township.post('/api/assessment-rounds', { orgId: tree.a.township.id, standardId: std.json<{ id: number }>().id, cadence: 'quarter', year: 2026, part: 3 });
  expect(res.statusCode, res.body).toBe(201);
  round = res.json<z.infer<typeof RoundDetail>>();
  const sheetId = round.sheetList.find((s) => s.orgId === tree.a.village.id)!.id;
  expect((await village.put(`/api/assessment-sheets/${sheetId}/manual`, { entries: [{ key: 'opinion', points: 8.5, evidence: '群众满意度测评 88%' }] })).statusCode).toBe(200);
  expect((await village.post(`/api/assessment-sheets/${sheetId}/submit`, {})).statusCode).toBe(200);
});
afterAll(async () => {
  await ts?.close();
});

async function workbook(c: Client) {
  const res = await c.get(`/api/assessment-rounds/${round.id}/export`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`考核结果_${round.title}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
const values = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

describe('round export', () => {
  it('lists every organization with its indicator points, total and 达标 as on its sheet; an unsubmitted one with its state only', async () => {
    const wb = await workbook(township);
    const ws = wb.getWorksheet('考核结果')!;
    expect(values(ws, 1).slice(0, 4)).toEqual(['序号', '组织', '状态', '党员干部队伍好']);
    expect(values(ws, 2)[3]).toBe('民主评议按期完成（10分，按记录计算）');
    expect(ws.rowCount).toBe(2 + round.sheetList.length);
    const rows = [3, 4].map((r) => values(ws, r));
    const done = rows.find((r) => r[1] === tree.a.village.name)!;
    const sheet = (await township.get(`/api/assessment-sheets/${round.sheetList.find((s) => s.orgId === tree.a.village.id)!.id}`)).json<z.infer<typeof SheetDetail>>();
    expect(done[2]).toBe('已提交自查');
    // appraisal points | item rate | opinion points | item rate | total | full | rate | 达标 | stars
    const appraisal = sheet.items[0]!.indicators[0]!.points;
    const res = sheet.result;
    expect(done.slice(3, 12)).toEqual([appraisal, sheet.items[0]!.pct! / 100, 8.5, 0.85, res.points, res.full, res.pct! / 100, res.passed ? '达标' : '未达标', res.stars || undefined]);
    const waiting = rows.find((r) => r[1] === '中共甲溪镇柳甲村委员会')!;
    expect(waiting[2]).toBe('未开始');
    expect(waiting.slice(3, 12).every((v) => v === undefined || v === null)).toBe(true);
    const about = wb.getWorksheet('说明')!;
    const facts = new Map(about.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(facts.get('参加考核的组织')).toBe(`${round.sheetList.length} 个；已提交自查及以后 1 个，其中达标 ${sheet.result.passed ? 1 : 0} 个`);
    expect(facts.get('达标规则')).toBe('总得分率不低于 40%，且每一项得分率不低于 0%');
  });

  it('is refused to a user of the sibling subtree (404) and given to the county above', async () => {
    expect((await townshipB.get(`/api/assessment-rounds/${round.id}/export`)).statusCode).toBe(404);
    const wb = await workbook(county);
    expect(wb.getWorksheet('考核结果')!.rowCount).toBe(2 + round.sheetList.length);
  });
});
