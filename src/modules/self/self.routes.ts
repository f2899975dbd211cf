import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { SelfRecord } from './self.schemas.ts';
import * as service from './self.service.ts';

const tags = ['self-service'];

/** Member self-service: the signed-in member's own record (the session names the member, never a parameter). */
export const selfModule: Module = {
  name: 'self',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/me/record',
      { config: { permission: 'member.read' }, schema: { summary: '我的档案（本人信息、组织关系、党费、发展与转接状态；身份证号脱敏）', tags, response: { 200: SelfRecord } } },
      async (req) => service.record(db, requireCtx(req), req.log),
    );
  },
};
