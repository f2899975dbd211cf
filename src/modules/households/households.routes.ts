import { z } from 'zod';
import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateHouseholdBody, HouseholdList, LinkMemberBody } from './households.schemas.ts';
import * as service from './households.service.ts';

const tags = ['households'];

export const householdsModule: Module = {
  name: 'households',
  register(app) {
    const { db } = app.deps;
    app.get('/api/orgs/:id/households', { config: { permission: 'org.read' }, schema: { summary: '党员联系户（村、网格、村民小组下的农户）', tags, params: IdParams, response: { 200: HouseholdList } } }, async (req) =>
      service.list(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/orgs/:id/households',
      { config: { permission: 'member.write', example: { body: { headName: '巡检户' } } }, schema: { summary: '登记农户', tags, params: IdParams, body: CreateHouseholdBody, response: { 201: z.object({ id: z.number() }) } } },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.params.id, req.body)),
    );
    app.post(
      '/api/households/:id/members',
      { config: { permission: 'member.write', example: { body: { memberId: 1, since: '2024-01-01' } } }, schema: { summary: '党员联系该户', tags, params: IdParams, body: LinkMemberBody, response: { 200: z.object({ ok: z.literal(true) }) } } },
      async (req) => {
        await service.linkMember(db, requireCtx(req), req.params.id, req.body.memberId, req.body.since);
        return { ok: true as const };
      },
    );
  },
};
