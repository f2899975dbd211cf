import { z } from 'zod';
import type { RequestContext } from '../../server/context.ts';
import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { contentDisposition } from '../imports/export.ts';
import { Id, IdParams } from '../organizations/organizations.schemas.ts';
import {
  BatchReply,
  BatchTransferBody,
  ConfirmBody,
  CreateTransferBody,
  DecisionBody,
  IncomingTransferBody,
  ReceivingOrgList,
  ReceivingOrgQuery,
  RejectBody,
  RequestTransferBody,
  TransferDetail,
  TransferListQuery,
  TransferPage,
} from './transfers.schemas.ts';
import * as service from './transfers.service.ts';
import * as workflow from './transfers.workflow.ts';

const tags = ['transfers'];

export const transfersModule: Module = {
  name: 'transfers',
  register(app) {
    const { db, cipher } = app.deps;
    app.get(
      '/api/transfers',
      { config: { permission: 'member.read' }, schema: { summary: '组织关系转接列表（本组织转出的，及已开介绍信转入本组织的；按状态、类型、姓名筛选）', tags, querystring: TransferListQuery, response: { 200: TransferPage } } },
      async (req) => service.list(db, requireCtx(req), req.query),
    );
    app.get(
      '/api/transfers/receiving-orgs',
      { config: { permission: 'member.read', referenceData: true }, schema: { summary: '接收党组织目录（全系统在用党组织的名称和代码，供选择接收单位；不含党员信息）', tags, querystring: ReceivingOrgQuery, response: { 200: ReceivingOrgList } } },
      async (req) => service.receivingOrgs(db, req.query),
    );
    app.get('/api/transfers/:id', { config: { permission: 'member.read' }, schema: { summary: '转接详情（审批步骤、介绍信、当前用户可办理的操作）', tags, params: IdParams, response: { 200: TransferDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.get('/api/transfers/:id/letter.pdf', { config: { permission: 'member.read' }, schema: { summary: '打印组织关系介绍信（PDF：存根、介绍信、回执）', tags, params: IdParams } }, async (req, reply) => {
      const r = await service.letterFile(db, requireCtx(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(r.fileName, r.asciiName)).header('cache-control', 'no-store').send(r.pdf);
    });
    app.post(
      '/api/transfers',
      {
        config: { permission: 'member.write', example: { body: { memberId: 1, toOrgName: '巡检外省党组织', reason: '巡检' } } },
        schema: { summary: '新建组织关系转接（系统内填接收组织代码，系统外填名称；党费交至默认取党费记录）', tags, body: CreateTransferBody, response: { 201: TransferDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/transfers/batch',
      {
        config: { permission: 'member.write', example: { body: { memberIds: [1], toOrgName: '巡检外省党组织' } } },
        schema: { summary: '批量转接（如毕业生、撤销的支部）：全部通过检查才办理，每人一份介绍信', tags, body: BatchTransferBody, response: { 201: BatchReply } },
      },
      async (req, reply) => reply.status(201).send(await service.batch(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/transfers/request/:memberId',
      {
        config: { permission: 'member.read', example: { body: { toOrgName: '巡检外省党组织', reason: '工作调动' } } },
        schema: { summary: '党员本人申请转接组织关系（由所在党组织办理）', tags, params: z.strictObject({ memberId: Id }), body: RequestTransferBody, response: { 201: TransferDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.request(db, requireCtx(req), req.params.memberId, req.body)),
    );
    app.post(
      '/api/transfers/incoming',
      {
        config: { permission: 'member.write', example: { body: { toOrgId: 1, fromOrgName: '巡检外省党组织', letterNumber: '外组介〔2026〕第0001号', issuedOn: '2026-01-05', memberName: '巡检人' } } },
        schema: { summary: '登记从系统外转入的介绍信（接收时再填写党员完整信息）', tags, body: IncomingTransferBody, response: { 201: TransferDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.createIncoming(db, requireCtx(req), req.body)),
    );
    type Run = (ctx: RequestContext, id: number, body: never) => Promise<void>;
    const decision = (path: string, summary: string, run: Run, body: z.ZodType, example: unknown) =>
      app.post(
        `/api/transfers/:id/${path}`,
        { config: { permission: 'member.read', example: { body: example } }, schema: { summary, tags, params: IdParams, body, response: { 200: TransferDetail } } },
        async (req) => {
          const ctx = requireCtx(req);
          await run(ctx, req.params.id, req.body as never);
          return service.detail(db, ctx, req.params.id);
        },
      );
    decision('submit', '提交（跨县、跨省的待组织部门审批；县内直接开具介绍信）', (ctx, id) => workflow.submit(db, ctx, id), DecisionBody, {});
    decision('approve', '审批通过（转出地县级、省级党委组织部门依次审批；最后一步通过后开具介绍信）', (ctx, id, b: { note?: string }) => workflow.approve(db, ctx, id, b.note), DecisionBody, {});
    decision('reject', '退回（党员申请、待审批或待接收的转接）', (ctx, id, b: { note: string }) => workflow.reject(db, ctx, id, b.note), RejectBody, { note: '巡检退回' });
    decision('cancel', '撤销转接（转出方；党员本人可撤销自己尚未办理的申请）', (ctx, id, b: { note?: string }) => workflow.cancel(db, ctx, id, b.note), DecisionBody, {});
    decision('confirm', '确认接收（党员转入接收组织；转出系统外的确认离开；系统外转入的登记党员）', (ctx, id, b: z.infer<typeof ConfirmBody>) => workflow.confirm(db, cipher, ctx, id, b), ConfirmBody, {});
    decision('reissue', '介绍信过期后重新开具（新编号、新有效期）', (ctx, id) => workflow.reissue(db, ctx, id), DecisionBody, {});
  },
};
