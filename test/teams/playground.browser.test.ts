import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { startPlayground, type Playground } from '../../bot/teams/playground.ts';
import { coreDeps } from './core-deps.ts';

/**
 * A real browser on the Microsoft 365 Agents Playground (a Teams-like client with the real
 * Adaptive Cards renderer) talking to the bot in local mode: what a newcomer sees first.
 * Needs Debian's chromium; CI installs it, so there a missing browser is a failure.
 */

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env['CI'] === 'true') {
  throw new Error(`Chromium is missing at ${CHROMIUM}: CI must install it (apt-get install -y chromium) to run the Teams browser test.`);
}
if (!haveChromium) {
  process.stderr.write(`\n[teams browser test] SKIPPED: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium\n\n`);
}

const SCREENSHOT = 'test/artifacts/teams-card.png';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const title = haveChromium
  ? 'Teams card in the Agents Playground (real browser)'
  : `Teams card in the Agents Playground: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;

describe.skipIf(!haveChromium)(title, () => {
  let server: HttpServer;
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = createHttpServer();
    mountTeams(server.app, { config: { auth: 'none' }, core: coreDeps(), logger: silentLogger() });
    const port = await server.listen(0, '127.0.0.1');
    playground = await startPlayground({ botEndpoint: `http://127.0.0.1:${String(port)}/api/messages`, port: 56160, logger: silentLogger() });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 2200 } });
    await page.goto(playground.url);
    // The bot greets a new personal chat with its help card: the bot is connected.
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'SQL Backup helper' }).first().waitFor({ timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await server?.close();
  });

  async function say(text: string): Promise<void> {
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.click();
    await box.fill(text);
    await page.keyboard.press('Enter');
  }

  function cardWith(text: string): Locator {
    return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  it('renders the entry card for a pasted error, and updates it in place after Helpful', async () => {
    await say('Backup job failed. Error code: UserErrorSQLNoSysadminMembership. Azure Backup service creates a service account for all operations');
    const card = cardWith('What to do');
    await card.waitFor({ timeout: 20_000 });
    await expect.poll(() => card.innerText()).toContain('UserErrorSQLNoSysadminMembership');
    const text = await card.innerText();
    expect(text).toContain('Likely causes');
    expect(text).toMatch(/ALTER SERVER ROLE sysadmin ADD MEMBER/);
    expect(await card.locator('button', { hasText: /^Microsoft docs$/ }).count()).toBe(1);
    const cards = await page.locator('.ac-adaptiveCard').count();

    mkdirSync('test/artifacts', { recursive: true });
    await card.screenshot({ path: SCREENSHOT });

    await card.locator('button', { hasText: /^Helpful$/ }).click();
    const updated = cardWith('Marked as helpful');
    await updated.waitFor({ timeout: 20_000 });
    // Same card, redrawn: no new card, the entry still there, the buttons gone.
    expect(await page.locator('.ac-adaptiveCard').count()).toBe(cards);
    expect(await updated.innerText()).toContain('UserErrorSQLNoSysadminMembership');
    expect(await updated.locator('button', { hasText: /^Helpful$/ }).count()).toBe(0);
    await updated.screenshot({ path: 'test/artifacts/teams-card-after-feedback.png' });
    if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') copyFileSync(SCREENSHOT, 'docs/teams-card.png');
  }, 60_000);

  it('shows pasted markdown and mentions as plain text', async () => {
    await say('search **bold** [click](https://evil.example) <at>Boss</at> log chain');
    const card = cardWith('Search results');
    await card.waitFor({ timeout: 20_000 });
    expect(await card.innerText()).toContain('For: **bold** [click](https://evil.example) <at>Boss</at> log chain');
    expect(await card.locator('a[href*="evil.example"]').count()).toBe(0);
    expect(await card.locator('strong, b').filter({ hasText: 'bold' }).count()).toBe(0);
  }, 60_000);
});
