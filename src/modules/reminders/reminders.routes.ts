import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { MyRemindersQuery, ReminderCounts, ReminderCountsQuery, ReminderList, ReminderListQuery } from './reminders.schemas.ts';
import * as service from './reminders.service.ts';

const tags = ['reminders'];

/** What falls due: an organization's subtree for staff, one's own for a member. */
export const remindersModule: Module = {
  name: 'reminders',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/reminders',
      {
        config: { permission: 'member.read' },
        schema: { summary: '待办提醒（组织及下级：发展步骤、介绍信到期、预备期满、党费欠缴、流动党员失联、换届等；逾期在前）', tags, querystring: ReminderListQuery, response: { 200: ReminderList } },
      },
      async (req) => service.listForOrg(db, requireCtx(req), req.query, req.log),
    );
    app.get(
      '/api/reminders/counts',
      {
        config: { permission: 'member.read' },
        schema: { summary: '待办数量（页头角标：已逾期、即将到期；与待办列表同一口径，只返回数字）', tags, querystring: ReminderCountsQuery, response: { 200: ReminderCounts } },
      },
      async (req, reply) => {
        // The badge is asked for on every page: a browser may reuse the answer for a minute.
        void reply.header('cache-control', 'private, max-age=60');
        return service.countsForOrg(db, requireCtx(req), req.query, req.log);
      },
    );
    app.get(
      '/api/me/reminders',
      { config: { permission: 'member.read' }, schema: { summary: '我的提醒（党员本人：党费、预备期、转接、流动登记等）', tags, querystring: MyRemindersQuery, response: { 200: ReminderList } } },
      async (req) => service.listForSelf(db, requireCtx(req), req.query, req.log),
    );
  },
};
