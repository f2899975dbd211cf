// 民主评议 and 奖惩与变动 in the browser: start a round for an organization, move it through its
// stages, see the 优秀 counter refuse a fourth-of-nine style excess live, publish with the
// confirmation, then record a death on a member with the typed-name confirmation — desktop and phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite, choose } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024appraisal';
let server: RunningServer;
let page: Page;
let orgId: number;
let roundId: number;
let csrf: string;

interface Round {
  id: number;
  participants: number;
  excellentLimit: { max: number };
  participantList: { memberId: number; name: string }[];
}

async function api<R>(method: 'GET' | 'PUT', urlPath: string, data?: unknown): Promise<R> {
  const res = await page.request.fetch(`${server.url}${urlPath}`, { method, headers: { 'x-csrf-token': csrf }, ...(data === undefined ? {} : { data }) });
  expect(res.status(), `${method} ${urlPath}: ${await res.text()}`).toBe(200);
  return (await res.json()) as R;
}


/** Confirm the stage change in its Popconfirm. */
async function advance(p: Page, button: string) {
  await p.getByTestId('advance').click();
  await p.locator('.ant-popconfirm').getByRole('button', { name: spaced('保存') }).click();
  await visible(p.getByTestId('round-page').locator('.ant-tag').getByText(button, { exact: true }));
}

browserSuite('appraisal', (s) => {
  server = s.server;
  page = s.page;
});

describe('民主评议党员', () => {
  it('starts this year’s round for an organization from the 民主评议 page', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
    csrf = me.csrfToken;
    // An organization with 6–20 members of its own (a branch-sized round).
    const list = await api<{ items: { orgId: number }[] }>('GET', '/api/members?limit=200&sort=joinedOn&order=desc');
    for (const id of new Set(list.items.map((m) => m.orgId))) {
      const o = await api<{ directMemberCount: number }>('GET', `/api/orgs/${id}`);
      if (o.directMemberCount >= 6 && o.directMemberCount <= 20) {
        orgId = id;
        break;
      }
    }
    expect(orgId, 'a branch-sized organization in the demo data').toBeGreaterThan(0);

    await openFromMenu(page, '组织生活', '民主评议');
    await visible(page.getByText('民主评议党员', { exact: true }));
    await page.goto(`${server.url}/appraisal?orgId=${orgId}`);
    await page.getByTestId('new-round').click();
    const year = page.getByTestId('round-year');
    await year.fill(String(new Date().getFullYear()));
    await page.locator('.ant-modal').getByRole('button', { name: spaced('保存') }).click();
    await visible(page.getByTestId('round-page'));
    roundId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(roundId).toBeGreaterThan(0);
    await settle(page);
    await screenshot(page, 'appraisal-round-open');
  });

  it('moves through the stages, shows the 优秀 counter over the limit live, and publishes after confirming', async () => {
    await advance(page, '个人自评');
    await advance(page, '党员互评');
    await advance(page, '民主测评');
    const round = await api<Round>('GET', `/api/appraisal-rounds/${roundId}`);
    const max = round.excellentLimit.max;
    // Everyone 合格 first (through the API), then pick 优秀 one above the limit on the screen.
    await api('PUT', `/api/appraisal-rounds/${roundId}/grades`, { grades: round.participantList.map((p) => ({ memberId: p.memberId, grade: 'qualified' })) });
    await page.reload();
    await visible(page.getByTestId('excellent-counter').getByText(`优秀 0 / 最多 ${max} 人`));
    for (const p of round.participantList.slice(0, max + 1)) {
      await choose(page, page.getByTestId(`grade-${p.memberId}`), '优秀');
    }
    await visible(page.getByTestId('excellent-counter').getByText(`优秀 ${max + 1} / 最多 ${max} 人`));
    await visible(page.getByTestId('excellent-over'));
    expect(await page.getByTestId('save-grades').isDisabled()).toBe(true);
    await screenshot(page, 'appraisal-over-limit');
    const last = round.participantList[max]!;
    await choose(page, page.getByTestId(`grade-${last.memberId}`), '合格');
    await visible(page.getByTestId('excellent-counter').getByText(`优秀 ${max} / 最多 ${max} 人`));
    await page.getByTestId('save-grades').click();
    await visible(page.getByText('已保存'));

    await page.getByTestId('advance').click();
    await visible(page.locator('.ant-modal-confirm').getByText('公布后评定等次将记入党员档案', { exact: false }));
    await page.locator('.ant-modal-confirm').getByRole('button', { name: spaced('公布评议结果') }).click();
    await visible(page.getByTestId('round-page').locator('.ant-tag').getByText('结果已公布', { exact: true }));
    const after = await api<{ state: string; publishedOn: string }>('GET', `/api/appraisal-rounds/${roundId}`);
    expect(after.state).toBe('published');
  });
});

describe('奖惩与变动 on the member record', () => {
  it('records a death only after the member’s name is typed; the member is then off the roll', async () => {
    const round = await api<Round>('GET', `/api/appraisal-rounds/${roundId}`);
    const m = round.participantList.at(-1)!;
    await page.goto(`${server.url}/members?orgId=${orgId}&q=${encodeURIComponent(m.name)}`);
    await page.getByTestId('member-name').filter({ hasText: m.name }).first().click();
    const drawer = page.getByTestId('member-drawer');
    await visible(drawer.getByTestId('status-section'));
    await visible(drawer.getByTestId('appraisal-item').first());
    await drawer.getByTestId('status-add').click();
    await choose(page, page.getByTestId('status-kind'), '逝世');
    await page.locator('.ant-modal').filter({ hasText: '奖惩与变动' }).getByRole('button', { name: spaced('保存') }).click();
    const confirm = page.locator('.ant-modal').filter({ hasText: '请输入党员姓名' });
    await visible(confirm);
    expect(await page.locator('#confirm-ending').isDisabled()).toBe(true);
    await page.getByTestId('confirm-name').fill(m.name);
    await page.locator('#confirm-ending').click();
    await visible(drawer.getByText('不在册', { exact: false }), T);
    await visible(drawer.getByTestId('status-item').filter({ hasText: '逝世' }));
    const detail = await api<{ leftOn: string | null }>('GET', `/api/members/${m.memberId}`);
    expect(detail.leftOn).not.toBeNull();
    await settle(page);
    await screenshot(page, 'status-death-recorded');
  });

  it('the round page fits a phone screen', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      await phone.page.goto(`${server.url}/`);
      await signIn(phone.page, 'admin', NEW_PASSWORD);
      await visible(phone.page.getByTestId('home-page'), 60_000);
      await phone.page.goto(`${server.url}/appraisal/rounds/${roundId}`);
      await visible(phone.page.getByTestId('round-page'));
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await settle(phone.page);
      await screenshot(phone.page, 'appraisal-round-phone');
    } finally {
      await phone.close();
    }
  });
});
