// Page tests of hardening (issue 7): hostile titles, file names, texts and HTML go
// through every view and every export and nothing runs; the core running out of
// memory is reported, the core restarted and the user's texts kept.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, offlineUrl, shotsDir } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

let browser, server, servedUrl;
before(async () => {
  browser = await launch();
  ({ server, url: servedUrl } = await startServer(0));
});
after(async () => {
  await browser.close();
  server.close();
});

// Every payload sets window.__xss (or calls alert) if it ever runs; each number says which.
const PAYLOAD_SENTENCE = 'The minister wrote "<img src=x onerror=window.__xss=5>" and '
  + '\'<script>window.__xss=6</script>\' in a note to the allies on Monday evening in Brussels.';

// File names become titles (the name less its extension): markup and both quote kinds.
const NAMES = {
  html: '"><img src=x onerror="window.__xss=1">.html',
  text: '\'><svg onload=window.__xss=2>.txt',
  markdown: '<script>window.__xss=3<!-- " \' -->.md',
};
const TITLES = Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [k, v.replace(/\.[a-z]+$/, '')]));

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const HOSTILE_HTML = `<!doctype html>
<html><head><title>"><script>window.__xss=20</script></title>
<meta http-equiv="refresh" content="0;url=javascript:window.__xss=21">
<base href="javascript:window.__xss=22//">
<script>window.__xss = 23; alert(23);</script></head>
<body onload="window.__xss=24">
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1 onmouseover="window.__xss=25">Talks in Brussels end with a note</h1>
<p>${escapeHtml(PAYLOAD_SENTENCE)}</p>
<svg><script>window.__xss=8</script><circle onload="window.__xss=26"/></svg>
<p>Read the <a href="javascript:window.__xss=9">full note</a> of the ministry, published with the minutes on Tuesday.</p>
<iframe srcdoc="<script>parent.__xss=10</script>"></iframe>
<img src=x onerror="window.__xss=7">
<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=27"></style></mglyph></table></mtext></math>
<p title="&quot; onmouseover=&quot;window.__xss=11">Officials said the allies would answer the note &lt;b onmouseover=window.__xss=12&gt;within a week&lt;/b&gt; at the latest.</p>
</article></body></html>
`;

const HOSTILE_TEXT = `${PAYLOAD_SENTENCE}

Officials said the allies would answer the note <b onmouseover=window.__xss=13>within ten days</b> at the latest.

A link javascript:window.__xss=14 and an attribute " onfocus="window.__xss=15" autofocus x=" stayed in the text.`;

const HOSTILE_MARKDOWN = `# Notes <img src=x onerror=window.__xss=16>

${PAYLOAD_SENTENCE}

[the minutes](javascript:window.__xss=17) and ![a photo](x" onerror="window.__xss=18)

Officials said the allies would answer the note within a week, <svg onload=window.__xss=19>.
`;

/** Everything in the page that could run script, and whether any payload did. */
function surface(page) {
  return page.evaluate(() => ({
    ran: window.__xss ?? null,
    title: document.title,
    scripts: [...document.scripts].map((s) => s.src || `inline ${s.textContent.length}`),
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
      .filter((a) => /^on/i.test(a.name) || (/^\s*(javascript|data|vbscript):/i.test(a.value)
        && /^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name)))
      .map((a) => `${e.tagName}[${a.name}=${a.value.slice(0, 40)}]`)),
    embedded: [...document.querySelectorAll('iframe, object, embed, svg script, math, base, meta[http-equiv="refresh"]')]
      .map((e) => e.tagName),
    images: [...document.images].map((i) => i.getAttribute('src')),
  }));
}

for (const mode of ['offline', 'served']) {
  describe(`${mode} page: hardening`, () => {
    const url = () => (mode === 'offline' ? offlineUrl : servedUrl);

    test('hostile titles, file names, texts and HTML run nowhere: every view, every export, print', async () => {
      const { context, page, outside, errors, dialogs } = await open(browser, url());
      const clean = await surface(page);
      assert.equal(clean.ran, null);
      assert.deepEqual(clean.handlers, []);
      const expectClean = async (where) => {
        assert.deepEqual(await surface(page), clean, `nothing new that could run, after ${where}`);
        assert.deepEqual(dialogs, [], `no dialog, after ${where}`);
      };

      await page.setInputFiles('#file-input', [
        { name: NAMES.html, mimeType: 'text/html', buffer: Buffer.from(HOSTILE_HTML) },
        { name: NAMES.text, mimeType: 'text/plain', buffer: Buffer.from(HOSTILE_TEXT) },
        { name: NAMES.markdown, mimeType: 'text/markdown', buffer: Buffer.from(HOSTILE_MARKDOWN) },
      ]);
      await page.waitForSelector('#status.ok');
      await expectClean('adding the files');
      const titles = await page.locator('.source-card input[type=text]').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.deepEqual(titles, [TITLES.html, TITLES.text, TITLES.markdown], 'file names become titles, unchanged');

      // The cleaned view of each source.
      for (let n = 0; n < 3; n++) {
        await page.click(`.source-card[data-index="${n}"] button.open-cleaned`);
        await page.waitForSelector(`.source-card[data-index="${n}"] .cleaned[aria-busy="false"] li.block`);
      }
      await expectClean('the cleaned views');
      const cleanedText = await page.locator('.source-card .cleaned').allTextContents();
      assert.ok(cleanedText[1].includes('<b onmouseover=window.__xss=13>'), 'markup in a text source is shown as text');

      await page.click('#compare');
      await page.waitForSelector('#results:not([hidden])');
      await page.waitForFunction(() => !document.querySelector('#results [aria-busy="true"]'));
      await expectClean('comparing');
      const results = await page.textContent('#results');
      for (const t of Object.values(TITLES)) assert.ok(results.includes(t), `the title ${t} is shown as text`);
      assert.ok(results.includes('<script>window.__xss=6</script>'), 'the shared payload is shown as text');

      // Every view: each tab, and in each, the first row opened with Enter where rows open.
      const tabs = await page.locator('[role="tab"]').evaluateAll((ts) => ts.map((t) => t.id));
      assert.ok(tabs.length >= 1, 'the results have views');
      for (const id of tabs) {
        await page.click(`#${id}`);
        const panel = await page.getAttribute(`#${id}`, 'aria-controls');
        await page.waitForSelector(`#${panel}:not([hidden])`);
        await page.waitForFunction((p) => !document.querySelector(`#${p} [aria-busy="true"]`), panel);
        const cell = page.locator(`#${panel} [role="gridcell"]`).first();
        if (await cell.count()) {
          await cell.focus();
          await page.keyboard.press('Enter');
          await page.waitForFunction((p) => !document.querySelector(`#${p} [aria-busy="true"]`), panel);
        }
        await page.screenshot({ path: join(shotsDir, `${mode}-hostile-${id}.png`), fullPage: true });
        await expectClean(`the ${id} view`);
      }

      // Print.
      await page.emulateMedia({ media: 'print' });
      await expectClean('print');
      await page.emulateMedia({ media: 'screen' });

      // Exports: JSON keeps the titles exactly; CSV holds them as quoted data; the snapshot,
      // opened on its own, shows them as text and runs nothing.
      const download = async (selector) => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
        assert.equal(await d.failure(), null);
        return readFileSync(await d.path(), 'utf8');
      };
      const report = JSON.parse(await download('#export-json'));
      assert.deepEqual(report.sources.map((s) => s.title), [TITLES.html, TITLES.text, TITLES.markdown]);
      const csv = await download('#export-csv');
      assert.ok(csv.includes(`,"S1 ${TITLES.html.replace(/"/g, '""')}",`), 'a title with quotes is one quoted CSV field');
      const snapshot = await download('#export-html');
      const snapPath = join(shotsDir, `${mode}-hostile-snapshot.html`);
      writeFileSync(snapPath, snapshot);
      assert.doesNotMatch(snapshot, /<script/i, 'markup in the data is escaped (attributes hold it as &lt;)');
      await expectClean('exporting');

      const viewer = await browser.newContext();
      const snap = await viewer.newPage();
      const snapDialogs = [];
      snap.on('dialog', (d) => { snapDialogs.push(d.message()); d.accept(); });
      await snap.goto(pathToFileURL(snapPath).href);
      const seen = await snap.evaluate(() => ({
        ran: window.__xss ?? null,
        text: document.body.textContent,
        scripts: document.scripts.length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => /^on/i.test(n))),
        embedded: [...document.querySelectorAll('iframe, object, embed, img, svg, math, base, meta[http-equiv="refresh"]')]
          .map((e) => e.tagName),
      }));
      assert.deepEqual([seen.ran, seen.scripts, seen.handlers, seen.embedded, snapDialogs], [null, 0, [], [], []]);
      for (const t of Object.values(TITLES)) assert.ok(seen.text.includes(t), `the snapshot shows ${t} as text`);
      await viewer.close();

      // Still nothing after all of it, and the page kept its title and its texts.
      await expectClean('everything');
      assert.equal(await page.inputValue('.source-card[data-index="0"] textarea'), HOSTILE_HTML);
      assert.deepEqual(errors, []);
      assert.deepEqual(outside, []);
      await context.close();
    });
  });
}

for (const mode of ['offline', 'served']) {
  test(`${mode} page: the demo through every view and export sends nothing anywhere`, async () => {
    const { context, page, outside, errors, dialogs } = await open(browser, mode === 'offline' ? offlineUrl : servedUrl);
    await page.click('#load-demo');
    await page.waitForSelector('.source-card[data-index="8"]');
    await page.click('#compare');
    await page.waitForSelector('#results:not([hidden])');
    await page.waitForFunction(() => !document.querySelector('#results [aria-busy="true"]'));
    const tabs = await page.locator('[role="tab"]').evaluateAll((ts) => ts.map((t) => t.id));
    assert.ok(tabs.length >= 6, `the views: ${tabs}`);
    for (const id of tabs) {
      await page.click(`#${id}`);
      const panel = await page.getAttribute(`#${id}`, 'aria-controls');
      await page.waitForSelector(`#${panel}:not([hidden])`);
      await page.waitForFunction((p) => !document.querySelector(`#${p} [aria-busy="true"]`), panel);
      // Open what the view opens: the first row's diff, the first margin mark.
      const opener = page.locator(`#${panel} [role="gridcell"], #${panel} button.rmark`).first();
      if (await opener.count()) {
        await opener.focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction((p) => !document.querySelector(`#${p} [aria-busy="true"]`), panel);
      }
    }
    for (const n of [0, 4]) {
      await page.click(`.source-card[data-index="${n}"] button.open-cleaned`);
      await page.waitForSelector(`.source-card[data-index="${n}"] .cleaned[aria-busy="false"] li.block`);
    }
    for (const button of ['#export-json', '#export-csv', '#export-html']) {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      assert.equal(await d.failure(), null);
    }
    await page.emulateMedia({ media: 'print' });
    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.deepEqual(outside, [], 'no request left the machine');
    assert.deepEqual([errors, dialogs], [[], []]);
    await context.close();
  });
}

test('the core running out of memory is reported, the core restarts, and the texts are kept', async () => {
  const { context, page, errors } = await open(browser, offlineUrl);
  const texts = ['Переговоры в Женеве начались 10 января 👍🏽, officials said on Monday.',
    'Officials said on Monday that talks began in Geneva on 10 January.'];
  await page.fill('.source-card[data-index="0"] textarea', texts[0]);
  await page.fill('.source-card[data-index="1"] textarea', texts[1]);
  const failure = await page.evaluate(async () => {
    try { await Parallax.crashForTesting('oom'); return null; } catch (e) {
      return { code: e.code, outOfMemory: e.outOfMemory, message: e.message };
    }
  });
  assert.equal(failure.code, 'crashed');
  assert.equal(failure.outOfMemory, true);
  assert.match(failure.message, /^Parallax stopped and was restarted: it ran out of memory \(\d+ MiB in use; the texts are too large for this browser tab\)\. Try fewer or shorter texts\.$/);
  // The restarted core works, the page still compares, and the texts are there.
  const report = await page.evaluate((t) => Parallax.compare(t.map((text, i) => ({ title: `s${i}`, text }))), texts);
  assert.equal(report.sources.length, 2);
  await page.click('#compare');
  await page.waitForSelector('#results:not([hidden])');
  assert.deepEqual(await page.locator('.source-card textarea').evaluateAll((ts) => ts.map((t) => t.value)), texts);
  assert.deepEqual(errors, []);
  await context.close();
});
