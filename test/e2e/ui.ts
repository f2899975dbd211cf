// Small helpers shared by the browser tests: waiting, antd quirks, the sign-in screens.
import type { Locator, Page } from 'playwright-core';

/** Default wait for an element, ms. */
export const T = 20_000;

export const visible = (l: Locator, timeout = T) => l.first().waitFor({ state: 'visible', timeout });
export const hidden = (l: Locator, timeout = T) => l.first().waitFor({ state: 'hidden', timeout });
/** Let open/close animations finish before a screenshot or a click into a popover. */
export const settle = (p: Page) => p.waitForTimeout(600);
/** antd puts a space between two CJK characters in buttons ("登 录"): match either way. */
export const spaced = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

/** Fill in and send the sign-in form (Chinese labels). */
export async function signIn(p: Page, username: string, password: string) {
  await p.getByLabel('用户名').fill(username);
  await p.getByLabel('密码', { exact: true }).fill(password);
  await p.getByTestId('login-submit').click();
}

/** The forced first-sign-in password change. */
export async function changePassword(p: Page, current: string, next: string) {
  await visible(p.getByTestId('forced-password'));
  await p.getByLabel('当前密码').fill(current);
  await p.getByLabel('新密码', { exact: true }).fill(next);
  await p.getByLabel('再次输入新密码').fill(next);
  await p.getByRole('button', { name: spaced('确认修改') }).click();
}

/**
 * Open a page from the main menu: its entries sit in groups (党员管理, 组织生活, 系统管理) that
 * open on a click; the entry is then a menu item of the popup.
 */
export async function openFromMenu(p: Page, group: string | RegExp, item: string | RegExp) {
  const title = p.getByTestId('main-menu').getByText(group);
  await visible(title);
  await title.click();
  const entry = p.getByRole('menuitem', { name: item });
  await visible(entry);
  await entry.click();
}
