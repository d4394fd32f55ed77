// Shared set-up for the page tests: Debian's Chromium through playwright-core, and a
// watch on every request so a test can assert that nothing leaves the machine.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const offlineUrl = pathToFileURL(join(root, 'dist', 'parallax.html')).href;
export const shotsDir = join(root, 'test-results');
mkdirSync(shotsDir, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/**
 * Opens `url` in a fresh context; returns the page and lists of outside requests, page
 * errors and dialogs (each accepted, and its message kept).
 */
export async function open(browser, url, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const outside = [];
  const errors = [];
  const dialogs = [];
  const local = (u) => /^(file:|blob:|data:|about:)/.test(u) || u.startsWith('http://127.0.0.1:');
  page.on('request', (r) => { if (!local(r.url())) outside.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.accept(); });
  await page.goto(url);
  await page.evaluate(() => Parallax.ready);
  return { context, page, outside, errors, dialogs };
}
