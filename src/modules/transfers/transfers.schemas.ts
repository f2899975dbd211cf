import { z } from 'zod';
import { GENDER, MEMBER_STATUS, TRANSFER_ACTION, TRANSFER_KIND, TRANSFER_SCOPE_CASE, TRANSFER_STATE } from '../../shared/enums.ts';
import { CreateMemberBody } from '../members/members.schemas.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为 YYYY-MM（如 2026-03）');
const text = (max: number) => z.string().trim().min(1).max(max);

export const TransferListQuery = z.strictObject({
  orgId: Id.optional().describe('只看该组织（含下级）转出或接收的'),
  side: z.enum(['all', 'out', 'in']).default('all').describe('out：转出；in：转入'),
  state: z.enum(TRANSFER_STATE.values).optional(),
  kind: z.enum(TRANSFER_KIND.values).optional(),
  q: z.string().trim().min(1).max(30).optional().describe('党员姓名（部分匹配）'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;

export const TransferStep = z.object({
  seq: z.number(),
  role: z.enum(['county', 'province']),
  orgId: z.number(),
  orgName: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  note: z.string().nullable(),
});

export const LetterContent = z.object({
  name: z.string(),
  gender: z.enum(GENDER.values).nullable(),
  birthDate: z.string().nullable(),
  ethnicity: z.string().nullable(),
  status: z.enum(MEMBER_STATUS.values).nullable(),
  idNumberMasked: z.string().nullable(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  toOrgAddress: z.string().nullable(),
  duesPaidUntil: z.string().nullable(),
});

export const TransferLetter = z.object({
  id: z.number(),
  number: z.string(),
  issuerName: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  supersededOn: z.string().nullable(),
  content: LetterContent,
});

export const TransferSummary = z.object({
  id: z.number(),
  kind: z.enum(TRANSFER_KIND.values),
  scopeCase: z.enum(TRANSFER_SCOPE_CASE.values),
  state: z.enum(TRANSFER_STATE.values),
  memberId: z.number().nullable(),
  memberName: z.string(),
  fromOrgId: z.number().nullable(),
  fromOrgName: z.string(),
  toOrgId: z.number().nullable(),
  toOrgName: z.string(),
  toOrgAddress: z.string().nullable(),
  reason: z.string().nullable(),
  duesPaidUntil: z.string().nullable(),
  batchId: z.string().nullable(),
  letterNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  closedNote: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  /** The approval step waiting now, if any. */
  waitingFor: z.object({ role: z.enum(['county', 'province']), orgId: z.number(), orgName: z.string() }).nullable(),
});
export const TransferPage = z.object({ items: z.array(TransferSummary), total: z.number() });

export const TransferDetail = TransferSummary.extend({
  steps: z.array(TransferStep),
  letters: z.array(TransferLetter),
  /** What the caller may do now (buttons to show). */
  actions: z.array(z.enum(TRANSFER_ACTION.values)),
});

const destination = {
  toOrgCode: z.string().trim().min(1).max(32).optional().describe('接收党组织的组织代码（系统内转接）'),
  toOrgName: text(100).optional().describe('系统外接收党组织名称（转出系统外）'),
  toOrgAddress: text(200).optional().describe('系统外接收党组织地址'),
  crossProvince: z.boolean().optional().describe('转出系统外时：是否跨省（区、市）'),
};
const oneDestination = (b: { toOrgCode?: string | undefined; toOrgName?: string | undefined }) => (b.toOrgCode ? 1 : 0) + (b.toOrgName ? 1 : 0) === 1;
const destinationMessage = { message: '请选择系统内接收党组织（toOrgCode），或填写系统外接收党组织名称（toOrgName），二者选一', path: ['toOrgCode'] };

export const CreateTransferBody = z
  .strictObject({
    memberId: Id,
    ...destination,
    reason: text(200).optional(),
    duesPaidUntil: month.nullish().describe('党费交至（YYYY-MM）；不填则取党费记录'),
    submit: z.boolean().default(false).describe('创建后立即提交'),
  })
  .refine(oneDestination, destinationMessage);
export type CreateTransferBody = z.infer<typeof CreateTransferBody>;

export const BatchTransferBody = z
  .strictObject({
    memberIds: z.array(Id).min(1).max(500).describe('党员编号（全部成功或全部不办理）'),
    ...destination,
    reason: text(200).optional(),
    submit: z.boolean().default(true),
  })
  .refine(oneDestination, destinationMessage);
export type BatchTransferBody = z.infer<typeof BatchTransferBody>;
export const BatchReply = z.object({ batchId: z.string(), items: z.array(TransferSummary) });

export const RequestTransferBody = z
  .strictObject({
    ...destination,
    reason: text(200),
  })
  .refine(oneDestination, destinationMessage);

export const DecisionBody = z.strictObject({ note: z.string().trim().max(200).optional() });
export const RejectBody = z.strictObject({ note: text(200).describe('退回理由') });

const memberData = CreateMemberBody.omit({ orgId: true });
export const IncomingTransferBody = z.strictObject({
  toOrgId: Id.describe('接收党组织（本单位或下级）'),
  fromOrgName: text(100).describe('原党组织（开具介绍信的单位）'),
  letterNumber: text(50).describe('介绍信编号'),
  issuedOn: date,
  validUntil: date.optional().describe('有效期至；不填按规则计算'),
  crossProvince: z.boolean().default(false),
  memberName: z.string().trim().min(2).max(30),
  duesPaidUntil: month.nullish(),
  reason: text(200).optional(),
});
export type IncomingTransferBody = z.infer<typeof IncomingTransferBody>;

/** Confirmation: an incoming transfer needs the member's full registry data; others nothing. */
export const ConfirmBody = z.strictObject({ member: memberData.optional() });
export type ConfirmBody = z.infer<typeof ConfirmBody>;

export const ReceivingOrgQuery = z.strictObject({
  name: z.string().trim().min(2).max(30).describe('组织名称（部分匹配，至少 2 个字）'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const ReceivingOrgList = z.object({
  items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.string(), parentName: z.string().nullable() })),
});
