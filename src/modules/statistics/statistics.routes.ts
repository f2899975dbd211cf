import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { Rollup, RollupQuery, OrgStatistics, StatsQuery } from './statistics.schemas.ts';
import { rollup } from './rollup.service.ts';
import * as service from './statistics.service.ts';
import { contentDisposition, exportFilename, statisticsWorkbook } from './statistics.xlsx.ts';

const tags = ['statistics'];

export const statisticsModule: Module = {
  name: 'statistics',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/stats/orgs/:id',
      {
        config: { permission: 'org.read' },
        schema: { summary: '组织统计（截至某日）：党组织、党员构成，单位与村（社区）覆盖情况', tags, params: IdParams, querystring: StatsQuery, response: { 200: OrgStatistics } },
      },
      async (req) => service.orgStatistics(db, requireCtx(req), req.params.id, req.query.asOf),
    );

    app.get(
      '/api/stats/orgs/:id/rollup',
      {
        config: { permission: 'org.read' },
        schema: { summary: '按级汇总：子树内每个县（或市、乡镇）的当前党员性别 × 学历 × 预备/正式（预汇总表，全省一次查询）', tags, params: IdParams, querystring: RollupQuery, response: { 200: Rollup } },
      },
      async (req) => rollup(db, requireCtx(req), req.params.id, req.query.level),
    );

    app.get(
      '/api/stats/orgs/:id/export',
      { config: { permission: 'org.read' }, schema: { summary: '组织统计导出 Excel（每张表一个工作表）', tags, params: IdParams, querystring: StatsQuery } },
      async (req, reply) => {
        const stats = await service.orgStatistics(db, requireCtx(req), req.params.id, req.query.asOf);
        const { filename, fallback } = exportFilename(stats);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', contentDisposition(filename, fallback))
          .header('cache-control', 'no-store')
          .send(await statisticsWorkbook(stats));
      },
    );
  },
};
