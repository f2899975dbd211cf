import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { listAudit } from './audit.repository.ts';
import { AuditPage, AuditQuery } from './audit.schemas.ts';

export const auditModule: Module = {
  name: 'audit',
  register(app) {
    app.get(
      '/api/audit',
      { config: { permission: 'audit.read' }, schema: { summary: '审计日志（管辖范围内，新到旧）', tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
      async (req) => {
        const { rows, hasMore } = await listAudit(app.deps.db, requireCtx(req).scope, req.query);
        return {
          items: rows.map((r) => ({
            seq: r.seq,
            at: new Date(r.at).toISOString(),
            actorId: r.actor_id,
            actorName: r.actor_name,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            requestId: r.request_id,
            ip: r.ip,
          })),
          nextBeforeSeq: hasMore ? rows.at(-1)!.seq : null,
        };
      },
    );
  },
};
