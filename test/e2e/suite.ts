// The set-up every browser test file shares, and the antd Select step several of them need.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { assertChromium, openBrowser, screenshot, type BrowserSession } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';
import { T, settle, spaced, visible } from './ui.ts';

export interface BrowserSuite {
  server: RunningServer;
  desktop: BrowserSession;
  page: Page;
}

/**
 * Chromium checked first (a missing browser fails at once, before the server starts), the real
 * server started on the demo region, one desktop browser; a failing test leaves a screenshot named
 * after the file and the test; everything is closed at the end. `ready` receives the session.
 */
export function browserSuite(name: string, ready: (s: BrowserSuite) => void, opts: { viewport?: { width: number; height: number } } = {}) {
  let s: BrowserSuite | undefined;
  beforeAll(async () => {
    assertChromium();
    const server = await startServer();
    const desktop = await openBrowser({ viewport: opts.viewport ?? { width: 1366, height: 800 } });
    s = { server, desktop, page: desktop.page };
    ready(s);
  }, 240_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && s) await screenshot(s.page, `failed-${name}-${task.name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await s?.desktop.close();
    await s?.server.stop();
  });
}

/** Choose an option of an antd Select opened by clicking `trigger` (clicked again if a closing dropdown swallowed the click). */
export async function choose(p: Page, trigger: Locator, option: string) {
  const item = p.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).filter({ visible: true });
  for (let attempt = 0; ; attempt++) {
    await trigger.click();
    try {
      await visible(item, 3000);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await settle(p);
    }
  }
  // On a loaded machine the first click can land while the list is still animating in: try again.
  for (let attempt = 0; ; attempt++) {
    await item.first().click();
    try {
      await expect.poll(() => item.count(), { timeout: 4000 }).toBe(0);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await settle(p);
    }
  }
  await expect.poll(() => trigger.innerText(), { timeout: T }).toContain(option);
}

/**
 * Press the OK button of the open confirmation dialog and wait for it to close. On a loaded machine
 * a click that lands while the dialog is still zooming in can be lost: wait the animation out, and
 * press again if the dialog stays open with its button idle (a loading button means the request is
 * under way: then only wait).
 */
export async function confirmDialog(p: Page, ok: string) {
  const dialog = p.locator('.ant-modal-confirm').first();
  await visible(dialog);
  await expect.poll(async () => (await dialog.getAttribute('class')) ?? '', { timeout: T }).not.toMatch(/ant-zoom-appear/);
  const button = dialog.getByRole('button', { name: spaced(ok) });
  for (let attempt = 0; ; attempt++) {
    await button.click();
    try {
      await dialog.waitFor({ state: 'detached', timeout: 8000 });
      return;
    } catch (err) {
      const busy = await button.evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => true);
      if (busy) return dialog.waitFor({ state: 'detached', timeout: T });
      if (attempt >= 2) throw err;
    }
  }
}
