// The cards other modules contribute to 「我的」, each an adapter over that module's own service
// called with the member's 'self' scope (so the module's own scope rules apply unchanged).
import { APPRAISAL_GRADE, DEV_STAGE, DEV_STEP, STATUS_KIND, TRANSFER_STATE, type Label } from '../../shared/enums.ts';
import * as appraisal from '../appraisal/appraisal.service.ts';
import * as development from '../development/development.service.ts';
import { listCases } from '../development/development.repository.ts';
import * as dues from '../dues/dues.service.ts';
import { fenToYuan } from '../dues/months.ts';
import * as mobile from '../mobile/mobile.service.ts';
import * as status from '../status/status.service.ts';
import * as transfers from '../transfers/transfers.service.ts';
import type { NamedSection } from './sections.ts';
import type { SelfSection } from './self.schemas.ts';

type Tone = SelfSection['rows'][number]['tone'];
const row = (label: string, labelEn: string, value: string | number | null | undefined, tone: Tone = 'default') => ({ label, labelEn, value: value === null || value === undefined || value === '' ? '—' : String(value), tone });
const lbl = (table: Record<string, Label>, code: string | null | undefined): Label => (code && table[code]) || { zh: code ?? '—', en: code ?? '—' };
const yuan = (fen: number) => `¥${fenToYuan(fen)}`;

const duesSection: NamedSection = {
  source: 'dues',
  name: '党费',
  nameEn: 'Dues',
  async section(db, ctx, who) {
    const a = await dues.account(db, ctx, who.memberId);
    const owed = a.arrears.amountFen;
    const state = a.arrears.flagged
      ? { label: `连续 ${a.arrears.longestRun} 个月未交`, labelEn: `${a.arrears.longestRun} months unpaid in a row`, tone: 'danger' as const }
      : owed > 0
        ? { label: '有欠交', labelEn: 'In arrears', tone: 'warning' as const }
        : { label: '已交清', labelEn: 'Paid up', tone: 'success' as const };
    return {
      key: 'dues',
      title: '党费',
      titleEn: 'Dues',
      status: state,
      rows: [
        row('党费交至', 'Paid until', a.paidUntil),
        row('本月应交', 'Due this month', a.current ? yuan(a.current.dueFen) : null),
        row('欠交', 'Owed', owed > 0 ? `${yuan(owed)}（${a.arrears.months.length} 个月）` : yuan(0), owed > 0 ? 'danger' : 'success'),
        row('累计已交', 'Paid in all', yuan(a.totals.paidFen)),
      ],
      // The three latest payments, newest first.
      items: a.payments
        .filter((p) => !p.voidedAt)
        .sort((x, y) => y.paidOn.localeCompare(x.paidOn) || y.id - x.id)
        .slice(0, 3)
        .map((p) => ({ title: `交纳党费 ${yuan(p.amountFen)}（${p.months.join('、')}）`, titleEn: `Paid ${yuan(p.amountFen)} (${p.months.join(', ')})`, date: p.paidOn, status: p.payerName ? `代交：${p.payerName}` : null, tone: 'success' as const })),
      link: null,
    };
  },
};

const developmentSection: NamedSection = {
  source: 'development',
  name: '发展党员',
  nameEn: 'Member development',
  async section(db, ctx) {
    const cases = await listCases(db, ctx.scope, {});
    const latest = cases.at(-1);
    if (!latest) return null;
    const c = await development.detail(db, ctx, latest.id);
    const stage = lbl(DEV_STAGE.table, c.stage);
    const next = c.next ? lbl(DEV_STEP.table, c.next.step) : null;
    return {
      key: 'development',
      title: '发展进程',
      titleEn: 'Development',
      status: { label: stage.zh, labelEn: stage.en, tone: c.next?.overdue ? 'danger' : 'default' },
      rows: [
        row('当前步骤', 'Last step', `${lbl(DEV_STEP.table, c.lastStep).zh}（${c.lastStepOn}）`),
        ...(next ? [row('下一步', 'Next step', `${next.zh}${c.next?.dueOn ? `，不晚于 ${c.next.dueOn}` : ''}`, c.next?.overdue ? 'danger' : 'default')] : []),
        ...(c.probationEndOn ? [row('预备期满', 'Probation ends', c.probationEndOn)] : []),
      ],
      items: c.steps.slice(-4).reverse().map((s) => ({ title: lbl(DEV_STEP.table, s.step).zh, titleEn: lbl(DEV_STEP.table, s.step).en, date: s.doneOn, status: null, tone: 'success' as const })),
      link: null,
    };
  },
};

const transfersSection: NamedSection = {
  source: 'transfer',
  name: '组织关系转接',
  nameEn: 'Relationship transfers',
  async section(db, ctx, who) {
    const page = await transfers.list(db, ctx, { side: 'all', offset: 0, limit: 20 });
    const mine = page.items.filter((t) => t.memberId === who.memberId);
    const latest = mine[0];
    if (!latest) return null;
    const st = lbl(TRANSFER_STATE.table, latest.state);
    // Still in hand: the member may not file another request meanwhile (the page reads the 'warning' tone so).
    const open = !['confirmed', 'rejected', 'cancelled', 'expired'].includes(latest.state);
    return {
      key: 'transfers',
      title: '组织关系转接',
      titleEn: 'Relationship transfer',
      status: { label: st.zh, labelEn: st.en, tone: latest.state === 'expired' || latest.state === 'rejected' ? 'danger' : open ? 'warning' : latest.state === 'confirmed' ? 'success' : 'default' },
      rows: [
        row('转往', 'To', latest.toOrgName),
        row('介绍信编号', 'Letter number', latest.letterNumber),
        ...(latest.validUntil ? [row('介绍信有效期至', 'Letter valid until', latest.validUntil, latest.state === 'expired' ? 'danger' : 'default')] : []),
        ...(latest.confirmedOn ? [row('接收日期', 'Confirmed on', latest.confirmedOn, 'success')] : []),
      ],
      items: mine.slice(1, 4).map((t) => ({ title: `转往 ${t.toOrgName}`, titleEn: `To ${t.toOrgName}`, date: t.createdAt.slice(0, 10), status: lbl(TRANSFER_STATE.table, t.state).zh, tone: 'default' as const })),
      link: null,
    };
  },
};

const mobileSection: NamedSection = {
  source: 'mobile',
  name: '流动党员',
  nameEn: 'Mobile members',
  async section(db, ctx, who) {
    const page = await mobile.list(db, ctx, { direction: 'outflow', status: 'all', offset: 0, limit: 20 });
    const m = page.items.filter((x) => x.memberId === who.memberId)[0];
    if (!m) return null;
    const away = !m.returnedOn;
    return {
      key: 'mobile',
      title: '外出流动',
      titleEn: 'Away from home',
      status: m.returnedOn ? { label: '已返回', labelEn: 'Returned', tone: 'success' } : m.flagged ? { label: '待核查', labelEn: 'To be reviewed', tone: 'danger' } : { label: '外出中', labelEn: 'Away', tone: 'warning' },
      rows: [
        row('外出地点', 'Where', m.place),
        row('外出日期', 'Since', m.since),
        row('流入地党组织', 'Local Party organization', m.hostOrgName),
        row('最近联系', 'Last contact', m.lastContactOn, away && m.contactOverdue ? 'danger' : 'default'),
        ...(m.returnedOn ? [row('返回日期', 'Returned on', m.returnedOn)] : []),
      ],
      items: [],
      link: null,
    };
  },
};

const appraisalSection: NamedSection = {
  source: 'appraisal',
  name: '民主评议',
  nameEn: 'Democratic appraisal',
  async section(db, ctx, who) {
    const { items } = await appraisal.memberHistory(db, ctx, who.memberId);
    if (items.length === 0) return null;
    const latest = items[0]!;
    const g = lbl(APPRAISAL_GRADE.table, latest.grade);
    return {
      key: 'appraisal',
      title: '民主评议',
      titleEn: 'Democratic appraisal',
      status: { label: `${latest.year} 年度：${g.zh}`, labelEn: `${latest.year}: ${g.en}`, tone: latest.grade === 'excellent' ? 'success' : latest.grade === 'unqualified' ? 'danger' : 'default' },
      rows: [],
      items: items.slice(0, 5).map((x) => ({ title: `${x.year} 年度 ${lbl(APPRAISAL_GRADE.table, x.grade).zh}`, titleEn: `${x.year}: ${lbl(APPRAISAL_GRADE.table, x.grade).en}`, date: x.publishedOn, status: x.orgName, tone: x.grade === 'unqualified' ? ('danger' as const) : ('default' as const) })),
      link: null,
    };
  },
};

const statusSection: NamedSection = {
  source: 'status',
  name: '奖惩与关爱',
  nameEn: 'Awards, discipline and care',
  async section(db, ctx, who) {
    const r = await status.list(db, ctx, who.memberId);
    const live = r.items.filter((x) => !x.reversedById && x.kind !== 'reversal');
    if (live.length === 0) return null;
    return {
      key: 'status',
      title: '奖惩与关爱',
      titleEn: 'Awards, discipline and care',
      status: null,
      rows: [],
      items: live.slice(0, 8).map((x) => {
        const k = lbl(STATUS_KIND.table, x.kind);
        return { title: `${k.zh}${x.reason ? `：${x.reason}` : ''}`, titleEn: k.en, date: x.effectiveOn, status: x.issuer, tone: x.kind === 'discipline' ? ('danger' as const) : x.kind === 'award' ? ('success' as const) : ('default' as const) };
      }),
      link: null,
    };
  },
};

/** In the order the cards are listed on the server side (the page arranges them). */
export const moduleSections: NamedSection[] = [duesSection, developmentSection, transfersSection, mobileSection, appraisalSection, statusSection];
