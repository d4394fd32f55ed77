// Page tests of "Export and keep" (issue 5, item 6): the report as JSON, the aligned groups
// as CSV, the view as a static HTML snapshot, and the print stylesheet; offline and served.
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

// Three sources: Cyrillic and an emoji, a quotation holding a comma and double quotes, a
// passage starting with "=" (a spreadsheet formula), a title with a comma, quotes and
// markup; S3 shares only the first sentence, so it is silent in the other groups.
const SOURCES = [
  { title: 'Wire', text: 'Переговоры в Женеве начались 10 января 👍🏽. '
    + 'The envoy said "we will talk, and then we will see" after the long meeting. '
    + '=SUM(A1:A9) was the figure the ministry quoted in Geneva on Monday.' },
  { title: 'Paper, "Daily" <script>alert(1)</script>', text: 'The envoy said "we will talk, and then we will see" after the long meeting on Monday. '
    + 'Переговоры в Женеве начались 10 января 👍🏽! '
    + '=SUM(A1:A9) was the figure the ministry quoted in Geneva.' },
  { title: 'Radio', text: 'Переговоры в Женеве начались 10 января. Nothing else was said by anyone on the radio that day.' },
];

/** Pastes SOURCES into the page and compares them; resolves once the pairs are drawn. */
async function compareSources(page) {
  await page.click('#add-source');
  for (const [i, s] of SOURCES.entries()) {
    await page.fill(`.source-card[data-index="${i}"] input[type=text]`, s.title);
    await page.fill(`.source-card[data-index="${i}"] textarea`, s.text);
  }
  await page.click('#compare');
  await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
  await page.waitForSelector('#pairs table');
}

/** Clicks `selector` and returns the file it downloads: {name, bytes}. */
async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  assert.equal(await download.failure(), null);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()), download };
}

/**
 * Parses RFC 4180 CSV strictly: records end with CRLF, a quoted field doubles its quotes,
 * and a quote or bare line break anywhere else is an error.
 */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let state = 'start'; // start of a field, 'bare' (unquoted), 'quoted', 'closed' (after a closing quote)
  const endField = () => { row.push(field); field = ''; state = 'start'; };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === 'quoted') {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else state = 'closed';
    } else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') { endField(); rows.push(row); row = []; i++; }
    else if (state === 'closed') throw new Error(`CSV: ${JSON.stringify(c)} after a closing quote at ${i}`);
    else if (c === '"' && state === 'start') state = 'quoted';
    else if (c === '"' || c === '\r' || c === '\n') throw new Error(`CSV: bare ${JSON.stringify(c)} at ${i}`);
    else { field += c; state = 'bare'; }
  }
  if (state === 'quoted') throw new Error('CSV: unterminated quoted field');
  if (state !== 'start' || row.length) throw new Error('CSV: the last record does not end with CRLF');
  return rows;
}

describe('parseCsv (the test\'s own reader)', () => {
  test('reads quoted fields and refuses malformed ones', () => {
    assert.deepEqual(parseCsv('a,"b,""c""",\r\n"x\r\ny",,z\r\n'), [['a', 'b,"c"', ''], ['x\r\ny', '', 'z']]);
    for (const bad of ['a"b\r\n', '"a"b\r\n', 'a\nb\r\n', '"a\r\n', 'a,b']) assert.throws(() => parseCsv(bad), /CSV/, bad);
  });
});

for (const mode of ['offline', 'served']) {
  describe(`${mode} page: export`, () => {
    const url = () => (mode === 'offline' ? offlineUrl : servedUrl);

    test('Report (JSON) downloads the report exactly as Parallax.compare returns it', async () => {
      const { context, page, outside, errors } = await open(browser, url());
      assert.equal(await page.isHidden('#export-json'), true, 'no export before a comparison');
      await compareSources(page);
      assert.deepEqual(await page.locator('.export button').allTextContents(),
        ['Report (JSON)', 'Aligned groups (CSV)', 'Snapshot (HTML)']);
      await page.locator('#results').screenshot({ path: join(shotsDir, `${mode}-export-bar.png`) });
      const file = await downloadOf(page, '#export-json');
      assert.equal(file.name, 'parallax-report.json');
      const text = file.bytes.toString('utf8');
      // The page sends each source as {title, text, overrides} with the comments option.
      const expected = await page.evaluate((sources) => Parallax.compare(
        sources.map((s) => ({ title: s.title, text: s.text, overrides: [] })), { include_comments: false }), SOURCES);
      assert.deepEqual(JSON.parse(text), expected);
      assert.equal(text, JSON.stringify(expected, null, 2) + '\n', 'pretty-printed, two spaces');
      assert.deepEqual(expected.sources.map((s) => s.title), SOURCES.map((s) => s.title));
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('Aligned groups (CSV) has a row per group and a column per source, quoted, BOM, formulas guarded', async () => {
      const { context, page, outside, errors } = await open(browser, url());
      await compareSources(page);
      const file = await downloadOf(page, '#export-csv');
      assert.equal(file.name, 'parallax-groups.csv');
      assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
      const text = file.bytes.toString('utf8').slice(1);
      assert.deepEqual(parseCsv(text), [
        ['group', 'score', 'mutual', 'reasons', 'S1 Wire', 'S2 Paper, "Daily" <script>alert(1)</script>', 'S3 Radio'],
        ['0', '1', 'true', '10; в; Женеве; начались; Переговоры',
          'Переговоры в Женеве начались 10 января 👍🏽.', 'Переговоры в Женеве начались 10 января 👍🏽!',
          'Переговоры в Женеве начались 10 января.'],
        ['1', '0.9489', 'true', 'envoy; long; meeting; see; talk',
          'The envoy said "we will talk, and then we will see" after the long meeting.',
          'The envoy said "we will talk, and then we will see" after the long meeting on Monday.', ''],
        ['2', '0.9229', 'true', 'A1; A9; figure; Geneva; ministry',
          "'=SUM(A1:A9) was the figure the ministry quoted in Geneva on Monday.",
          "'=SUM(A1:A9) was the figure the ministry quoted in Geneva.", ''],
      ]);
      // Only fields that need it are quoted; quotes inside are doubled.
      assert.equal(text.split('\r\n')[0], 'group,score,mutual,reasons,S1 Wire,"S2 Paper, ""Daily"" <script>alert(1)</script>",S3 Radio');
      assert.ok(text.includes(',"The envoy said ""we will talk, and then we will see"" after the long meeting.",'));
      assert.ok(text.includes(",'=SUM(A1:A9) was the figure the ministry quoted in Geneva.,\r\n"));
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('Snapshot (HTML) is the results view as a static page that can run and load nothing', async () => {
      const { context, page, outside, errors } = await open(browser, url());
      await compareSources(page);
      const file = await downloadOf(page, '#export-html');
      assert.equal(file.name, 'parallax-snapshot.html');
      const html = file.bytes.toString('utf8');
      assert.ok(html.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'), html.slice(0, 300));
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, 'no event attribute');
      assert.doesNotMatch(html, /<(button|input|select|textarea|iframe|object|embed|link|img)\b/i);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the title with markup is text');
      assert.match(html, /<del>on Monday<\/del>/);
      assert.match(html, /<ins>on Monday<\/ins>/);
      assert.match(html, /@media print/, 'the page\'s CSS is inlined, print rules too');

      // The page's results as drawn, to compare with the snapshot's.
      const drawn = await page.evaluate(() => {
        // A snapshot has no controls: the shared view's "Show" menu is not in it.
        const shared = document.querySelector('#shared').cloneNode(true);
        shared.querySelectorAll('label, select, button').forEach((x) => x.remove());
        return {
          summary: document.querySelector('#summary').innerHTML,
          pairs: document.querySelector('#pairs').innerHTML,
          shared: shared.innerHTML,
        };
      });
      const path = join(shotsDir, `${mode}-parallax-snapshot.html`);
      await file.download.saveAs(path);

      // Opened on its own: same tables and list, styled, nothing requested, nothing run.
      const viewer = await browser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme: 'light' });
      const snap = await viewer.newPage();
      // Chromium reports a request the CSP blocks as a request that failed with "csp".
      const loaded = [];
      const blocked = [];
      snap.on('requestfinished', (r) => { if (!r.url().startsWith('file:')) loaded.push(r.url()); });
      snap.on('requestfailed', (r) => blocked.push(`${r.failure().errorText}: ${r.url()}`));
      await snap.goto(pathToFileURL(path).href);
      assert.equal(await snap.title(), 'Parallax: S1 Wire · S2 Paper, "Daily" <script>alert(1)</script> · S3 Radio');
      const seen = await snap.evaluate(() => ({
        summary: document.querySelector('#summary').innerHTML,
        pairs: document.querySelector('#pairs').innerHTML,
        shared: document.querySelector('#shared').innerHTML,
        headings: [...document.querySelectorAll('h1, h2, h3')].map((h) => h.textContent),
        note: document.querySelector('.top .version').textContent,
        scripts: document.scripts.length,
        controls: document.querySelectorAll('button, input, select, textarea, label, .export').length,
        eventAttributes: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => /^on/i.test(n))),
        del: getComputedStyle(document.querySelector('del')).textDecorationLine,
        ins: getComputedStyle(document.querySelector('ins')).textDecorationLine,
        tableBorder: getComputedStyle(document.querySelector('.pair-table td')).borderBottomStyle,
        summaryRows: [...document.querySelectorAll('#summary tbody tr')].map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)),
        pairRows: [...document.querySelectorAll('#pairs tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
      }));
      assert.equal(seen.summary, drawn.summary);
      assert.equal(seen.pairs, drawn.pairs);
      assert.equal(seen.shared, drawn.shared);
      assert.deepEqual(seen.headings, ['Parallax snapshot of a comparison', 'Comparison',
        'Every source, passage by passage', 'Two sources, pair by pair', 'Text shared word for word',
        'One source, read in full', 'What each source alone says', 'How much each source shares']);
      assert.match(seen.note, /^Parallax v\d+\.\d+\.\d+ · topic alignment · saved \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      assert.deepEqual(seen.summaryRows, [['S1', 'Wire'], ['S2', SOURCES[1].title], ['S3', 'Radio']]);
      assert.deepEqual(seen.pairRows, [
        ['Переговоры в Женеве начались 10 января 👍🏽.', '100%', 'Переговоры в Женеве начались 10 января 👍🏽!'],
        ['The envoy said "we will talk, and then we will see" after the long meeting.', '95%',
          'The envoy said "we will talk, and then we will see" after the long meeting on Monday.'],
        ['=SUM(A1:A9) was the figure the ministry quoted in Geneva on Monday.', '92%',
          '=SUM(A1:A9) was the figure the ministry quoted in Geneva.'],
      ]);
      assert.equal(seen.scripts, 0);
      assert.equal(seen.controls, 0);
      assert.deepEqual(seen.eventAttributes, []);
      assert.equal(seen.del, 'line-through');
      assert.equal(seen.ins, 'underline');
      assert.equal(seen.tableBorder, 'solid', 'the inlined CSS applies under the CSP');
      await snap.screenshot({ path: join(shotsDir, `${mode}-snapshot.png`), fullPage: true });
      assert.deepEqual([loaded, blocked], [[], []]);

      // Its CSP holds: a script and an image slipped into a copy neither run nor load.
      const tampered = join(shotsDir, `${mode}-parallax-snapshot-tampered.html`);
      writeFileSync(tampered, readFileSync(path, 'utf8').replace('</main>',
        '<script>document.title = "ran"</script><img src="http://127.0.0.1:9/x.png"></main>'));
      await snap.goto(pathToFileURL(tampered).href);
      assert.notEqual(await snap.title(), 'ran');
      assert.deepEqual([loaded, blocked], [[], ['csp: http://127.0.0.1:9/x.png']]);
      await viewer.close();

      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('print shows the results alone, black on white, changes marked without colour', async () => {
      // Offline in the dark scheme: print is black on white whatever the screen shows.
      const colorScheme = mode === 'offline' ? 'dark' : 'light';
      const { context, page, errors } = await open(browser, url(), { viewport: { width: 900, height: 1200 }, colorScheme });
      await compareSources(page);
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.inputs', '#status', '.export', '#left-source', '#swap', '.pair-bar label']) {
        assert.equal(await page.isHidden(hidden), true, `${hidden} is hidden in print`);
      }
      for (const shown of ['#results', '#summary table', '#pairs table', '#shared li', '.legend']) {
        assert.equal(await page.isVisible(shown), true, `${shown} is shown in print`);
      }
      const look = await page.evaluate(() => {
        const style = (sel) => getComputedStyle(document.querySelector(sel));
        return {
          body: [style('body').color, style('body').backgroundColor],
          cell: style('#pairs td.passage').color,
          del: [style('#pairs del').textDecorationLine, style('#pairs del').color, style('#pairs del').backgroundColor],
          ins: [style('#pairs ins').textDecorationLine, style('#pairs ins').color, style('#pairs ins').backgroundColor],
          row: style('#pairs tbody tr').breakInside,
          shared: style('#shared li').breakInside,
        };
      });
      assert.deepEqual(look, {
        body: ['rgb(0, 0, 0)', 'rgb(255, 255, 255)'],
        cell: 'rgb(0, 0, 0)',
        del: ['line-through', 'rgb(0, 0, 0)', 'rgba(0, 0, 0, 0)'],
        ins: ['underline', 'rgb(0, 0, 0)', 'rgba(0, 0, 0, 0)'],
        row: 'avoid',
        shared: 'avoid',
      });
      await page.screenshot({ path: join(shotsDir, `${mode}-print.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      assert.equal(await page.isVisible('.inputs'), true, 'back on screen, the inputs return');
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

describe('a long pair list', () => {
  test('when only the first 150 pairs are drawn, print and the snapshot say so', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    const cities = ['Geneva', 'Brussels', 'Vienna', 'Moscow', 'Kyiv', 'Warsaw', 'Riga', 'Oslo'];
    const wire = Array.from({ length: 170 }, (_, i) =>
      `Delegation ${i} met officials from ${cities[i % 8]} and ${cities[(i * 3 + 1) % 8]} on day ${i * 3 + 1} of talks number ${i}.`);
    await page.evaluate((texts) => texts.forEach((text, i) => {
      const area = document.querySelector(`.source-card[data-index="${i}"] textarea`);
      area.value = text;
      area.dispatchEvent(new Event('input'));
    }), [wire.join(' '), wire.map((s) => s.replace(' met ', ' saw ')).join(' ')]);
    await page.click('#compare');
    await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
    await page.waitForSelector('#pairs table');
    assert.equal(await page.locator('#pairs tbody tr').count(), 150);
    assert.equal(await page.textContent('#pairs .more'), 'The first 150 of 170 pairs are shown. Show all 170 pairs (20 more)');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#pairs .more'), true);
    assert.equal(await page.isHidden('#pairs .more button'), true);
    await page.emulateMedia({ media: 'screen' });
    const html = (await downloadOf(page, '#export-html')).bytes.toString('utf8');
    assert.match(html, /<p class="more">The first 150 of 170 pairs are shown\. <\/p>/);
    assert.equal(html.match(/<tr data-group=/g).length, 150);
    // Shown in full, the snapshot has every pair and no note.
    await page.click('#pairs .more button');
    await page.waitForFunction(() => document.querySelectorAll('#pairs tbody tr').length === 170);
    const full = (await downloadOf(page, '#export-html')).bytes.toString('utf8');
    assert.equal(full.match(/<tr data-group=/g).length, 170);
    assert.doesNotMatch(full, /<p class="more">The first \d+ of \d+ pairs/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
