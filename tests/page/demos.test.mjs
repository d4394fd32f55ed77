// The three bundled demos: news (topic mode), Darwin's six editions and four Bible
// translations (version mode). Each loads its texts with their titles and attribution,
// compares, and sends nothing anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, offlineUrl, shotsDir, root } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const DEMOS = [
  { id: 'news', count: 9, mode: null, attribution: /public-domain works of the U\.S\. government/,
    firstTitle: /^DoD News: / },
  { id: 'darwin', count: 6, mode: 'version', attribution: /Darwin, On the Origin of Species[\s\S]*CollateX \/ Interedition/,
    titles: ['1859 edition', '1860 edition', '1861 edition', '1866 edition', '1869 edition', '1872 edition'] },
  { id: 'bible', count: 4, mode: 'version', attribution: /public domain in the US[\s\S]*Crown letters patent in the United Kingdom/,
    titles: ['Tyndale (1530)', 'King James Version (1611/1769)', 'American Standard Version (1901)', 'World English Bible (2000)'] },
];

async function reportOf(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

for (const demo of DEMOS) {
  test(`offline page: the ${demo.id} demo loads with its titles and attribution and compares`, async () => {
    const { context, page, outside, errors } = await open(browser, offlineUrl);
    await page.selectOption('#demo-choice', demo.id);
    await page.click('#load-demo');
    assert.equal(await page.locator('.source-card').count(), demo.count);
    const titles = await page.locator('.source-card input[type=text]').evaluateAll((xs) => xs.map((x) => x.value));
    if (demo.titles) assert.deepEqual(titles, demo.titles);
    else assert.match(titles[0], demo.firstTitle);
    assert.equal(await page.isVisible('#attribution'), true);
    assert.match(await page.textContent('#attribution'), demo.attribution);
    await page.click('#compare');
    await page.waitForSelector('#results:not([hidden])');
    await page.waitForFunction(() => !document.querySelector('#results [aria-busy="true"]'));
    assert.match(await page.textContent('#status'), new RegExp(`^Compared ${demo.count} sources: `));
    const report = await reportOf(page);
    assert.equal(report.options.mode, 'auto', 'the core chooses the mode');
    if (demo.mode) {
      assert.equal(report.mode, demo.mode);
      assert.equal(await page.getAttribute('.run-info', 'data-mode'), demo.mode);
    }
    assert.equal(report.sources.length, demo.count);
    assert.ok(report.groups.length > 0);
    if (demo.id === 'darwin') {
      await page.click('#tab-aligned');
      await page.waitForSelector('#view-aligned table.agrid');
      await page.screenshot({ path: join(shotsDir, 'demo-darwin-aligned.png'), fullPage: false });
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the demo picker is labelled and keyboard operable; it starts on the news demo', async () => {
  const { context, page, outside, dialogs } = await open(browser, offlineUrl);
  assert.equal(await page.inputValue('#demo-choice'), 'news');
  assert.equal(await page.locator('label[for="demo-choice"]').count(), 1);
  await page.focus('#demo-choice');
  await page.keyboard.press('ArrowDown'); // Darwin
  assert.equal(await page.inputValue('#demo-choice'), 'darwin');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'load-demo');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.source-card').count(), 6);
  // Switching demos asks first, then replaces the texts and the attribution.
  await page.selectOption('#demo-choice', 'bible');
  await page.click('#load-demo');
  assert.equal(dialogs.length, 1);
  assert.equal(await page.locator('.source-card').count(), 4);
  assert.match(await page.textContent('#attribution'), /Crown letters patent/);
  // After a reload the page remembers which demo's texts it holds.
  await page.reload();
  await page.evaluate(() => Parallax.ready);
  assert.equal(await page.inputValue('#demo-choice'), 'bible');
  assert.match(await page.textContent('#attribution'), /Crown letters patent/);
  assert.deepEqual(outside, []);
  await context.close();
});

test('the offline file stays a reasonable size with all three demos', () => {
  const size = statSync(join(root, 'dist', 'parallax.html')).size;
  assert.ok(size < 3 * 1024 * 1024, `dist/parallax.html is ${size} bytes`);
});
