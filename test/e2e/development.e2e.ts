// 发展党员 end to end: an application set up through the API up to the admission form, then in the
// browser the branch meeting (a vote with exactly half rejected with its rule and source, then
// passed), the higher committee's talk and approval (the applicant joins the register as 预备),
// the conversion meeting and approval (正式), and the member shown as 正式党员 in the roster.
import { describe, expect, it } from 'vitest';
import type { APIResponse, Page } from 'playwright-core';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const NEW_PASSWORD = 'Fazhan2024secure';
const NAME = '陈思远';

let server: RunningServer;
let page: Page;
let csrf = '';
let caseId = 0;
let branchId = 0;

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const url = `${server.url}${path}`;
  const res: APIResponse = method === 'GET' ? await page.request.get(url) : await page.request.post(url, { data: body, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

const step = (s: string, doneOn: string, extra: Record<string, unknown> = {}) => api('POST', `/api/development/cases/${caseId}/steps`, { step: s, doneOn, documents: [{ name: `${s}材料` }], ...extra });

/** Fill the date of the next-step form. */
async function fillDate(p: Page, date: string) {
  await p.getByTestId('dev-step-date').fill(date);
}

async function votes(p: Page, v: { entitled: number; present: number; for: number; against: number; abstain: number }) {
  await p.getByLabel('应到', { exact: true }).fill(String(v.entitled));
  await p.getByLabel('实到', { exact: true }).fill(String(v.present));
  await p.getByLabel('赞成', { exact: true }).fill(String(v.for));
  await p.getByLabel('反对', { exact: true }).fill(String(v.against));
  await p.getByLabel('弃权', { exact: true }).fill(String(v.abstain));
}

/** Wait until the case page shows `step` as recorded (the timeline gains it). */
async function recorded(p: Page, label: string) {
  await visible(p.getByTestId('dev-timeline').getByText(label, { exact: true }));
}

async function confirmDialog(p: Page) {
  const ok = p.locator('.ant-modal-confirm').getByRole('button', { name: spaced('确认办理') });
  await visible(ok);
  await ok.click();
}

browserSuite('development', (s) => {
  server = s.server;
  page = s.page;
}, { viewport: { width: 1366, height: 860 } });

describe('发展党员', () => {
  it('sets up an application through the API up to the admission form', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    csrf = (await api<{ csrfToken: string }>('GET', '/api/auth/me')).csrfToken;
    // A branch with at least two full members: its own introducers.
    const full = await api<{ items: { id: number; orgId: number }[] }>('GET', '/api/members?status=full&joinedTo=2020-01-01&limit=200');
    const byOrg = new Map<number, number[]>();
    for (const m of full.items) byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), m.id]);
    const [org, introducers] = [...byOrg].find(([, ids]) => ids.length >= 2)!;
    branchId = org;
    const created = await api<{ id: number }>('POST', '/api/development/cases', {
      orgId: branchId,
      name: NAME,
      gender: 'male',
      idNumber: fakeIdNumber('110105', '1995-05-05', 'male', 991),
      education: 'bachelor',
      category: 'worker',
      appliedOn: '2023-03-01',
      documents: [{ name: '入党申请书' }],
    });
    caseId = created.id;
    const dates: [string, string, Record<string, unknown>?][] = [
      ['talk', '2023-03-20'],
      ['activist', '2023-04-10'],
      ['activist_filing', '2023-04-15'],
      ['contacts', '2023-04-20'],
      ['cultivation', '2024-03-01'],
      ['target', '2024-04-10'],
      ['target_filing', '2024-04-15'],
      ['introducers', '2024-04-20', { introducerIds: introducers!.slice(0, 2) }],
      ['political_review', '2024-05-01'],
      ['training', '2024-05-10', { trainingDays: 3 }],
      ['committee_review', '2024-05-20'],
      ['pre_review', '2024-05-25'],
      ['application_form', '2024-06-01'],
    ];
    for (const [s, d, extra] of dates) await step(s, d, extra);
  });

  it('finds the applicant on the board and rejects a branch meeting vote of exactly half, with the rule and its source', async () => {
    await openFromMenu(page, '党员管理', '发展党员');
    await visible(page.getByTestId('development-page'));
    await page.goto(`${server.url}/development?orgId=${branchId}&stage=target`);
    const link = page.getByTestId('dev-board').getByTestId('dev-case-link').filter({ hasText: NAME });
    await visible(link);
    await visible(page.getByTestId('dev-board').getByText('支部大会讨论'));
    await link.click();
    await visible(page.getByTestId('development-case-page'));
    await visible(page.getByTestId('dev-case-stage').getByText('发展对象'));
    await visible(page.getByTestId('dev-step-form').getByText('应办理“支部大会讨论”'));
    await fillDate(page, '2024-06-10');
    await votes(page, { entitled: 10, present: 9, for: 5, against: 3, abstain: 1 });
    await page.getByTestId('dev-step-submit').click();
    const error = page.getByTestId('dev-step-error');
    await visible(error);
    const text = await error.innerText();
    expect(text).toContain('dev.meeting_majority');
    expect(text).toContain('至少需 6 票');
    expect(text).toContain('发展党员工作细则');
    // The explanation is on the field too, and nothing was recorded.
    await visible(page.locator('.ant-form-item-explain-error').filter({ hasText: '未超过' }));
    expect(await page.getByTestId('dev-timeline-item').count()).toBe(14);
    await settle(page);
    await screenshot(page, 'development-rule-rejected');
    // Six for: passes.
    await page.getByLabel('赞成', { exact: true }).fill('6');
    await page.getByLabel('反对', { exact: true }).fill('2');
    await page.getByTestId('dev-step-submit').click();
    await recorded(page, '支部大会讨论');
    await visible(page.getByTestId('dev-step-form').getByText('应办理“上级党委派人谈话”'));
  });

  it('records the higher committee’s talk and approval: the applicant becomes a probationary member', async () => {
    await fillDate(page, '2024-06-20');
    await page.getByTestId('dev-step-submit').click();
    await recorded(page, '上级党委派人谈话');
    await visible(page.getByTestId('dev-step-form').getByText('应办理“上级党委审批”'));
    await fillDate(page, '2024-09-10');
    await page.getByTestId('dev-step-approver').fill('中共嘉兴市南湖区委员会');
    await page.getByTestId('dev-step-submit').click();
    await confirmDialog(page);
    await recorded(page, '上级党委审批');
    await visible(page.getByTestId('dev-case-stage').getByText('预备党员'));
    await expect.poll(() => page.getByTestId('dev-probation-end').innerText(), { timeout: T }).toBe('2025-06-10');
    await visible(page.getByTestId('dev-member-link'));
  });

  it('converts after the probation year through the UI and shows 正式党员 in the roster', async () => {
    for (const [s, d] of [['record_filing', '2024-09-15'], ['assignment', '2024-09-20'], ['oath', '2024-10-01'], ['probation_education', '2025-05-01'], ['full_application', '2025-06-01']] as const) await step(s, d);
    await page.reload();
    await visible(page.getByTestId('dev-step-form').getByText('应办理“支部大会讨论（转正）”'));
    await fillDate(page, '2025-06-10');
    await votes(page, { entitled: 10, present: 9, for: 8, against: 0, abstain: 1 });
    await page.getByTestId('dev-step-submit').click();
    await recorded(page, '支部大会讨论（转正）');
    await visible(page.getByTestId('dev-step-form').getByText('应办理“上级党委审批（转正）”'));
    await fillDate(page, '2025-07-01');
    await page.getByTestId('dev-step-approver').fill('中共嘉兴市南湖区委员会');
    await page.getByTestId('dev-step-submit').click();
    await confirmDialog(page);
    await recorded(page, '上级党委审批（转正）');
    await visible(page.getByTestId('dev-case-stage').getByText('正式党员'));
    await settle(page);
    await screenshot(page, 'development-case-full');
    await page.getByTestId('dev-member-link').click();
    await visible(page.getByTestId('members-page'));
    const row = page.getByTestId('roster-table').locator('.ant-table-tbody .ant-table-row').filter({ hasText: NAME });
    await visible(row);
    await visible(row.getByText('正式党员'));
    await visible(row.getByTestId('cell-joined').getByText('2024-06-10'));
  });

  it('fits a 390px phone: the board and the case page', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/development?orgId=${branchId}&status=all`);
      await signIn(p, 'admin', NEW_PASSWORD);
      await visible(p.getByTestId('development-page'));
      const link = p.getByTestId('dev-case-link').filter({ hasText: NAME });
      await visible(link);
      const overflow = () => p.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(await overflow()).toBeLessThanOrEqual(1);
      await settle(p);
      await screenshot(p, 'development-board-phone');
      await link.click();
      await visible(p.getByTestId('development-case-page'));
      await visible(p.getByTestId('dev-case-stage').getByText('正式党员'));
      expect(await overflow()).toBeLessThanOrEqual(1);
      await settle(p);
      await screenshot(p, 'development-case-phone');
    } finally {
      await phone.close();
    }
  });
});
