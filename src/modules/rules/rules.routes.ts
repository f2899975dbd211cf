import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { NewRuleVersionBody, RuleCodeParams, RuleItem, RuleList } from './rules.schemas.ts';
import * as service from './rules.service.ts';

const tags = ['rules'];

export const rulesModule: Module = {
  name: 'rules',
  register(app) {
    const { db } = app.deps;
    app.get('/api/rules', { config: { permission: 'org.read', referenceData: true }, schema: { summary: '规则表（组织设置、任期等，含各版本及依据）', tags, response: { 200: RuleList } } }, async () => service.list(db));
    app.post(
      '/api/rules/:code/versions',
      {
        config: { permission: 'system.manage', example: { body: { effectiveFrom: '2026-01-01', params: { min: 3 }, source: '巡检测试依据' } } },
        schema: { summary: '发布规则新版本（旧版本保留，按生效日期适用）', tags, params: RuleCodeParams, body: NewRuleVersionBody, response: { 201: RuleItem } },
      },
      async (req, reply) => reply.status(201).send(await service.addVersion(db, requireCtx(req), req.params.code, req.body)),
    );
  },
};
