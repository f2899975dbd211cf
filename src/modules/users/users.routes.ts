import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateUserBody, UpdateUserBody, UserItem, UserListQuery, UserPage, UserWithPasswordReply } from './users.schemas.ts';
import * as service from './users.service.ts';

const tags = ['users'];

export const usersModule: Module = {
  name: 'users',
  register(app) {
    const { db } = app.deps;
    app.get('/api/users', { config: { permission: 'user.manage' }, schema: { summary: '用户列表（管辖范围内）', tags, querystring: UserListQuery, response: { 200: UserPage } } }, async (req) =>
      service.list(db, requireCtx(req), req.query),
    );
    app.post(
      '/api/users',
      {
        config: { permission: 'user.manage', example: { body: { username: 'walker', displayName: '巡检', role: 'secretary', orgId: 1 } } },
        schema: { summary: '新建用户（返回一次性初始密码）', tags, body: CreateUserBody, response: { 201: UserWithPasswordReply } },
      },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.body)),
    );
    app.patch(
      '/api/users/:id',
      { config: { permission: 'user.manage', example: { body: { displayName: '巡检' } } }, schema: { summary: '修改用户（角色、所属组织、停用）', tags, params: IdParams, body: UpdateUserBody, response: { 200: UserItem } } },
      async (req) => service.update(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/users/:id/reset-password',
      { config: { permission: 'user.manage', example: { body: {} } }, schema: { summary: '重置密码（返回一次性密码，下次登录须修改）', tags, params: IdParams, response: { 200: UserWithPasswordReply } } },
      async (req) => service.resetPassword(db, requireCtx(req), req.params.id),
    );
  },
};
