// Headless Debian Chromium driven by playwright-core, each run on a fresh temporary profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (resource 401s on purpose are left out). */
  problems: string[];
  close(): Promise<void>;
}

/** Fails (never skips) when Chromium is missing: the browser tests are part of the suite. */
export function assertChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests need it. Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
  }
}

export async function openBrowser(opts: { viewport: { width: number; height: number }; mobile?: boolean; locale?: string }): Promise<BrowserSession> {
  assertChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // headless mode is chosen by --headless=new in ARGS
    args: ARGS,
    viewport: opts.viewport,
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { deviceScaleFactor: 1 }),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The app asks /api/auth/me to learn whether it is signed in: a 401 there is expected.
    if (/Failed to load resource: the server responded with a status of 401/.test(text)) return;
    // A failed resource names no URL in its text; the message's location does.
    const where = msg.location().url;
    problems.push(`console error: ${text}${where && !text.includes(where) ? ` (${where})` : ''}`);
  });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const SCREENS_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../.tmp/screens');

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}
