import { todayCN } from '../../lib/dates.ts';
import { requireCtx } from '../../server/request.ts';
import { contentDisposition } from '../imports/export.ts';
import type { Module } from '../index.ts';
import * as repo from './dues.repository.ts';
import {
  AddBaseBody,
  AddReliefBody,
  ArrearsList,
  ArrearsQuery,
  BaseIdParams,
  DuesAccount,
  DuesSummary,
  MemberIdParams,
  PaymentIdParams,
  QuoteQuery,
  QuoteReply,
  RatesQuery,
  RatesReply,
  RecordPaymentBody,
  ReliefIdParams,
  SummaryQuery,
  VoidPaymentBody,
} from './dues.schemas.ts';
import * as service from './dues.service.ts';
import { arrearsList, summary } from './dues.summary.ts';
import { arrearsWorkbook, summaryWorkbook } from './dues.xlsx.ts';
import { monthOf } from './months.ts';

const tags = ['dues'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const duesModule: Module = {
  name: 'dues',
  register(app) {
    const { db } = app.deps;

    app.get(
      '/api/dues/rates',
      { config: { permission: 'member.read', referenceData: true }, schema: { summary: '党费标准（各月适用的比例、固定标准、舍入规则及依据）', tags, querystring: RatesQuery, response: { 200: RatesReply } } },
      async (req) => {
        const month = req.query.month ?? monthOf(todayCN());
        const rules = await service.loadRules(db);
        const codes = [...new Set((await repo.loadRuleVersions(db)).map((v) => v.code))].sort();
        const notes = await db.selectFrom('rules').select(['code', 'version', 'note']).where('code', 'like', 'dues.%').execute();
        return {
          month,
          items: codes.map((c) => {
            const v = rules.at(c, month);
            return { ...v, note: notes.find((n) => n.code === c && n.version === v.version)?.note ?? null };
          }),
        };
      },
    );

    app.get(
      '/api/dues/members/:memberId/account',
      { config: { permission: 'member.read' }, schema: { summary: '党员党费账户：基数、少交免交、交费记录、各月应交与已交、欠交（党员本人可查看自己的）', tags, params: MemberIdParams, response: { 200: DuesAccount } } },
      async (req) => service.account(db, requireCtx(req), req.params.memberId),
    );

    app.get(
      '/api/dues/members/:memberId/quote',
      { config: { permission: 'member.read' }, schema: { summary: '试算交纳某几个月党费的应交金额（补交、预交）', tags, params: MemberIdParams, querystring: QuoteQuery, response: { 200: QuoteReply } } },
      async (req) => service.quote(db, requireCtx(req), req.params.memberId, req.query.fromMonth, req.query.toMonth),
    );

    app.post(
      '/api/dues/members/:memberId/bases',
      {
        config: { permission: 'member.write', example: { body: { effectiveMonth: '2026-01', category: 'employed', baseFen: 450000 } } },
        schema: { summary: '登记党费基数（自某月起的税后月工资或离退休费、交纳类别）', tags, params: MemberIdParams, body: AddBaseBody, response: { 201: DuesAccount } },
      },
      async (req, reply) => reply.status(201).send(await service.addBase(db, requireCtx(req), req.params.memberId, req.body)),
    );

    app.delete(
      '/api/dues/members/:memberId/bases/:baseId',
      { config: { permission: 'member.write' }, schema: { summary: '删除误登的党费基数（适用月份已有交费的不能删除）', tags, params: BaseIdParams, response: { 200: DuesAccount } } },
      async (req) => service.deleteBase(db, requireCtx(req), req.params.memberId, req.params.baseId),
    );

    app.post(
      '/api/dues/members/:memberId/reliefs',
      {
        config: { permission: 'member.write', example: { body: { kind: 'exempt', fromMonth: '2026-01', toMonth: '2026-03', reason: '因病生活困难', approvedBy: '中共巡检镇委员会', approvedOn: '2026-01-05' } } },
        schema: { summary: '登记少交、免交党费（经党支部研究、上一级党委批准）', tags, params: MemberIdParams, body: AddReliefBody, response: { 201: DuesAccount } },
      },
      async (req, reply) => reply.status(201).send(await service.addRelief(db, requireCtx(req), req.params.memberId, req.body)),
    );

    app.delete(
      '/api/dues/members/:memberId/reliefs/:reliefId',
      { config: { permission: 'member.write' }, schema: { summary: '撤销误登的少交、免交记录', tags, params: ReliefIdParams, response: { 200: DuesAccount } } },
      async (req) => service.deleteRelief(db, requireCtx(req), req.params.memberId, req.params.reliefId),
    );

    app.post(
      '/api/dues/members/:memberId/payments',
      {
        config: { permission: 'member.write', example: { body: { fromMonth: '2026-01', toMonth: '2026-01', amountFen: 2000, paidOn: '2026-01-10', method: 'cash' } } },
        schema: { summary: '登记交纳党费（可补交、预交以后月份、他人代交、自愿多交；同一月份不能重复交纳）', tags, params: MemberIdParams, body: RecordPaymentBody, response: { 201: DuesAccount } },
      },
      async (req, reply) => reply.status(201).send(await service.recordPayment(db, requireCtx(req), req.params.memberId, req.body)),
    );

    app.post(
      '/api/dues/payments/:paymentId/void',
      {
        config: { permission: 'member.write', example: { body: { reason: '登记错误' } } },
        schema: { summary: '作废交费记录（所交月份恢复为未交，记录保留）', tags, params: PaymentIdParams, body: VoidPaymentBody, response: { 200: DuesAccount } },
      },
      async (req) => service.voidPayment(db, requireCtx(req), req.params.paymentId, req.body.reason),
    );

    app.get(
      '/api/dues/summary',
      { config: { permission: 'member.read' }, schema: { summary: '党组织党费月度汇总（含下级组织分列：应交、已交、应交金额、实收金额、欠交人数）', tags, querystring: SummaryQuery, response: { 200: DuesSummary } } },
      async (req) => summary(db, requireCtx(req), req.query.orgId, req.query.month),
    );

    app.get(
      '/api/dues/arrears',
      { config: { permission: 'member.read' }, schema: { summary: '欠交党费名单（欠交月份数、金额、连续 6 个月未交标记）', tags, querystring: ArrearsQuery, response: { 200: ArrearsList } } },
      async (req) => arrearsList(db, requireCtx(req), req.query.orgId, req.query.minMonths, req.query.flaggedOnly === 'true'),
    );

    app.get(
      '/api/dues/summary.xlsx',
      { config: { permission: 'member.read' }, schema: { summary: '导出党费月度汇总（.xlsx）', tags, querystring: SummaryQuery } },
      async (req, reply) => {
        const s = await summary(db, requireCtx(req), req.query.orgId, req.query.month);
        const name = `党费汇总-${s.orgName}-${s.month}.xlsx`;
        return reply.type(XLSX).header('content-disposition', contentDisposition(name, `dues-summary-${s.month}.xlsx`)).header('cache-control', 'no-store').send(await summaryWorkbook(s));
      },
    );

    app.get(
      '/api/dues/arrears.xlsx',
      { config: { permission: 'member.read' }, schema: { summary: '导出欠交党费名单（.xlsx）', tags, querystring: ArrearsQuery } },
      async (req, reply) => {
        const r = await arrearsList(db, requireCtx(req), req.query.orgId, req.query.minMonths, req.query.flaggedOnly === 'true');
        const date = r.today.replaceAll('-', '');
        return reply.type(XLSX).header('content-disposition', contentDisposition(`欠交党费名单-${r.orgName}-${date}.xlsx`, `dues-arrears-${date}.xlsx`)).header('cache-control', 'no-store').send(await arrearsWorkbook(r.orgName, r.today, r.items));
      },
    );
  },
};
