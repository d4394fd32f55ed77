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

/**
 * The WCAG 2 contrast of each selector's text on the first opaque background behind it:
 * of its first match, or with `every`, the lowest over all its matches (so every tint
 * level is checked). 'missing' for a selector that matches nothing.
 */
export function contrasts(page, selectors, { every = false } = {}) {
  return page.evaluate(([sels, all]) => {
    const rgb = (c) => {
      const m = c.match(/^rgba?\(([^)]+)\)$/) || c.match(/^color\(srgb ([^)]+)\)$/);
      const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      const scale = c.startsWith('color(') ? 255 : 1;
      return { r: parts[0] * scale, g: parts[1] * scale, b: parts[2] * scale, a: parts.length > 3 ? parts[3] : 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (e) => {
      let bg = null;
      for (let n = e; n && !bg; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.a > 0.99) bg = c;
      }
      const [hi, lo] = [lum(rgb(getComputedStyle(e).color)), lum(bg)].sort((x, y) => y - x);
      return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
    };
    const out = {};
    for (const sel of sels) {
      const found = all ? [...document.querySelectorAll(sel)] : [document.querySelector(sel)].filter(Boolean);
      out[sel] = found.length ? Math.min(...found.map(ratio)) : 'missing';
    }
    return out;
  }, [selectors, every]);
}
