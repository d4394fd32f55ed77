// Page tests of the <parallax-compare> widget (issue 6), on its example host page
// (www/examples/blog.html: hostile CSS, a strict CSP, two widgets), opened from disk
// (dist/examples/) and served: each widget draws what its report says; the host's rules do
// not reach inside and the widget's rules do not reach out; its events carry what
// parallax-compare.d.ts says; it adds only `Parallax` to window, starts one worker for every
// widget, survives being loaded twice, and says in place what is wrong with its input.
// Nothing it does sends a request off the machine. Screenshots land in test-results/.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launch, root, shotsDir } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

let browser, server, servedUrl;
// The example without the widget's script: the host page's own styles and globals, for comparison.
const bare = mkdtempSync(join(tmpdir(), 'parallax-widget-'));
before(async () => {
  browser = await launch();
  ({ server, url: servedUrl } = await startServer(0));
  const examples = join(root, 'dist/examples');
  writeFileSync(join(bare, 'blog.html'), readFileSync(join(examples, 'blog.html'), 'utf8')
    .replace('<script src="../parallax-compare.js"></script>', ''));
  for (const f of ['blog.css', 'blog.js']) copyFileSync(join(examples, f), join(bare, f));
});
after(async () => {
  await browser.close();
  server.close();
});

// Run before any script of the page: counts the Workers made, and records the widgets'
// events, on attributes of <html> so that no global is added.
function watchPage() {
  const RealWorker = window.Worker;
  window.Worker = class extends RealWorker {
    constructor(...args) {
      super(...args);
      const root = document.documentElement;
      root.dataset.workers = String(Number(root.dataset.workers || 0) + 1);
    }
  };
  const log = [];
  for (const type of ['parallax-ready', 'parallax-select', 'parallax-error']) {
    document.addEventListener(type, (e) => {
      const w = e.target;
      const r = w.report;
      log.push({
        type, target: w.id || w.localName, bubbles: e.bubbles, composed: e.composed,
        detailIsReport: type === 'parallax-ready' ? e.detail === r : undefined,
        detail: type === 'parallax-ready' ? { schema: e.detail.schema, sources: e.detail.sources.length, groups: e.detail.groups.length } : e.detail,
        // For parallax-select: the texts the report holds at the members' offsets.
        expected: type === 'parallax-select' ? e.detail.passages.map((p) => ({ title: r.sources[p.source].title, text: r.sources[p.source].text.slice(p.start, p.end) })) : undefined,
      });
      document.documentElement.dataset.events = JSON.stringify(log);
    });
  }
}

/** Opens `url` with the watch installed; returns the page, outside requests and page errors. */
async function openPage(url, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', watch = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  if (watch) await context.addInitScript(watchPage);
  const page = await context.newPage();
  const outside = [];
  const errors = [];
  const local = (u) => /^(file:|blob:|data:|about:)/.test(u) || u.startsWith(servedUrl);
  page.on('request', (r) => { if (!local(r.url())) outside.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  // Console errors too, but a failed load by its address (a served page asks for /favicon.ico).
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()}: ${r.url()}`); });
  await page.goto(url);
  return { context, page, outside, errors };
}

const events = (page, type) => page.evaluate((t) => JSON.parse(document.documentElement.dataset.events || '[]').filter((e) => e.type === t), type);
/** Resolves once widget `sel` has drawn a report (and its view) for `n` sources. */
const readyWith = (page, sel, n) => page.waitForFunction(([s, count]) => {
  const w = document.querySelector(s);
  return w && w.report && w.report.sources.length === count && w.shadowRoot.querySelector('.widget-status').textContent.includes(' · ');
}, [sel, n]);
/** Resolves once widget `sel` shows a message. */
const messageOf = async (page, sel) => {
  await page.waitForFunction((s) => !document.querySelector(s).shadowRoot.querySelector('.message').hidden, sel);
  return page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.message').textContent, sel);
};

/** The aligned grid as drawn: per row its group and each cell's text, by source. */
function gridSeen(page, sel) {
  return page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('table.agrid tbody tr.arow')].map((tr) => ({
    group: Number(tr.dataset.group),
    cells: [...tr.querySelectorAll('td')].map((td) => (td.classList.contains('silent') ? null
      : [...td.querySelectorAll('.member')].map((m) => m.textContent))),
  })), sel);
}

/** Computed styles of elements inside widget `sel`'s shadow root. */
function insideStyles(page, sel) {
  return page.evaluate((s) => {
    const w = document.querySelector(s);
    const props = ['display', 'fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'textAlign', 'color',
      'backgroundColor', 'textDecorationLine', 'maxHeight', 'overflowY', 'borderTopStyle', 'paddingTop'];
    const pick = (node) => Object.fromEntries(props.map((p) => [p, getComputedStyle(node)[p]]));
    const out = { host: getComputedStyle(w).display };
    for (const q of ['.frame', '.head', '[role=tab][aria-selected=true]', '.widget-status', '.body', '.foot', 'table.agrid',
      '.agrid tbody td', '.agrid thead th', 'mark.verbatim', '.grid-scroll', 'select', 'table.matrix', 'td.matrix-cell', 'del', 'ins']) {
      const node = w.shadowRoot.querySelector(q);
      if (node) out[q] = pick(node);
    }
    return out;
  }, sel);
}

/** Computed styles of the host page's own elements that share tags and class names with the widget. */
function hostStyles(page) {
  return page.evaluate(() => {
    const props = ['display', 'fontFamily', 'fontSize', 'color', 'backgroundColor', 'borderTopStyle', 'maxHeight', 'overflowY', 'textTransform', 'fontVariantCaps'];
    const out = {};
    for (const q of ['body', 'main p', '.selected', '.status', '.grid-scroll', '.message', 'aside table', 'aside h3', 'code']) {
      const node = document.querySelector(q);
      out[q] = Object.fromEntries(props.map((p) => [p, getComputedStyle(node)[p]]));
    }
    out.vars = ['--accent', '--bg', '--fg', '--line'].map((v) => getComputedStyle(document.documentElement).getPropertyValue(v).trim());
    return out;
  });
}

const textOf = (r, m) => r.sources[m.source].text.slice(m.start, m.end);

for (const mode of ['offline', 'served']) {
  describe(`the <parallax-compare> widget (${mode})`, () => {
    const blogUrl = () => (mode === 'offline' ? pathToFileURL(join(root, 'dist/examples/blog.html')).href : `${servedUrl}examples/blog.html`);

    test('both widgets draw their report, and one worker serves them', async () => {
      const { context, page, outside, errors } = await openPage(blogUrl());
      await readyWith(page, '#papers', 3);
      await readyWith(page, '#notices', 4);
      const papers = await page.evaluate(() => document.querySelector('#papers').report);
      const notices = await page.evaluate(() => document.querySelector('#notices').report);

      // The articles, read as their children say: HTML (it has <p> children), text (dedented), Markdown.
      assert.deepEqual(papers.sources.map((s) => [s.title, s.format]),
        [['Harbour Gazette', 'html'], ['Coast Radio', 'text'], ['Larkhaven Weekly', 'markdown']]);
      assert.equal(papers.sources[0].author, 'Tom Ashby');
      assert.equal(papers.sources[1].url, 'coast-radio/lighthouse');
      assert.match(papers.sources[1].text, /^The lighthouse at Larkhaven was relit on Saturday evening for the first time in four decades\.\nCrowds/);

      // Aligned view: a row per group, each cell the text of its members (a dash where none).
      const grid = await gridSeen(page, '#papers');
      assert.equal(grid.length, papers.groups.length);
      assert.ok(grid.length >= 3, 'the example aligns several passages');
      for (const row of grid) {
        const g = papers.groups[row.group];
        row.cells.forEach((cell, s) => {
          const members = g.members.filter((m) => m.source === s).sort((a, b) => a.start - b.start);
          assert.deepEqual(cell, members.length ? members.map((m) => textOf(papers, m)) : null, `group ${g.id}, source ${s}`);
        });
      }
      const articles = papers.sources.length;
      assert.equal(await page.evaluate(() => document.querySelector('#papers').shadowRoot.querySelector('.widget-status').textContent),
        `${articles} sources · ${papers.groups.length} aligned row${papers.groups.length === 1 ? '' : 's'} · ${papers.mode} mode`);

      // Overview (the second widget's view attribute): a cell per pair, its coverage written in.
      const cells = await page.evaluate(() => [...document.querySelector('#notices').shadowRoot.querySelectorAll('td.matrix-cell[data-row]')]
        .map((td) => [Number(td.dataset.row), Number(td.dataset.col), td.textContent]));
      assert.equal(cells.length, 4 * 3);
      for (const [a, b, text] of cells) assert.equal(text, `${Math.round(notices.coverage[a][b] * 100)}%`);
      assert.equal(notices.mode, 'topic', 'the mode attribute reached the core');
      assert.equal(await page.evaluate(() => document.querySelector('#notices').shadowRoot.querySelector('#tab-overview').getAttribute('aria-selected')), 'true');

      assert.equal(await page.evaluate(() => document.documentElement.dataset.workers), '1', 'one Worker for both widgets');
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('parallax-ready carries the report; parallax-select the chosen row, by click and by Enter', async () => {
      const { context, page, outside, errors } = await openPage(blogUrl());
      await readyWith(page, '#papers', 3);
      await readyWith(page, '#notices', 4);
      const ready = await events(page, 'parallax-ready');
      assert.deepEqual(ready.map((e) => [e.target, e.bubbles, e.composed, e.detailIsReport, e.detail.schema]).sort(),
        [['notices', true, true, true, 2], ['papers', true, true, true, 2]]);
      assert.deepEqual(ready.find((e) => e.target === 'papers').detail.sources, 3);

      const rows = page.locator('#papers table.agrid tbody tr.arow'); // Playwright's CSS pierces open shadow roots
      const first = await rows.nth(0).getAttribute('data-group');
      await rows.nth(0).locator('td').first().click();
      await page.waitForFunction(() => JSON.parse(document.documentElement.dataset.events).some((e) => e.type === 'parallax-select'));
      let selects = await events(page, 'parallax-select');
      const report = await page.evaluate(() => document.querySelector('#papers').report);
      const check = (e, group) => {
        assert.equal(e.target, 'papers');
        assert.ok(e.bubbles && e.composed);
        assert.deepEqual(e.detail.group, report.groups[group]);
        assert.equal(e.detail.passages.length, 2, 'the two passages the word diff compares');
        for (const [n, p] of e.detail.passages.entries()) {
          assert.ok(report.groups[group].members.some((m) => m.source === p.source && m.start === p.start && m.end === p.end && m.passage === p.passage));
          assert.deepEqual({ title: p.title, text: p.text }, e.expected[n]);
          assert.equal(p.text, textOf(report, p));
        }
      };
      check(selects[0], Number(first));
      // The word diff opened inside the widget, its removed and added words marked.
      await page.waitForFunction(() => document.querySelector('#papers').shadowRoot.querySelector('.aligned-diff:not([hidden]) .diff-text'));

      // Keyboard: down one row, Enter.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => JSON.parse(document.documentElement.dataset.events).filter((e) => e.type === 'parallax-select').length >= 2);
      selects = await events(page, 'parallax-select');
      const second = Number(await rows.nth(1).getAttribute('data-group'));
      check(selects[selects.length - 1], second);

      // The reading view: opening a passage's aligned passages names its group and all its passages.
      await page.locator('#papers [role=tab][data-view=reading]').click();
      const mark = page.locator('#papers button.rmark').first();
      const passage = Number(await mark.getAttribute('data-passage'));
      await mark.click();
      await page.waitForFunction(() => JSON.parse(document.documentElement.dataset.events).filter((e) => e.type === 'parallax-select').length >= 3);
      selects = await events(page, 'parallax-select');
      const fromReading = selects[selects.length - 1];
      const group = report.groups.find((g) => g.members.some((m) => m.passage === passage));
      assert.equal(fromReading.target, 'papers');
      assert.deepEqual(fromReading.detail.group, group);
      assert.deepEqual(fromReading.detail.passages.map((p) => p.passage), group.members.map((m) => m.passage));
      for (const [n, p] of fromReading.detail.passages.entries()) {
        assert.deepEqual({ title: p.title, text: p.text }, fromReading.expected[n]);
        assert.equal(p.text, textOf(report, p));
      }

      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('the tabs switch views from the keyboard, and the view attribute follows', async () => {
      const { context, page, errors } = await openPage(blogUrl());
      await readyWith(page, '#papers', 3);
      await page.locator('#papers [role=tab][aria-selected=true]').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('#papers', 'view'), 'reading');
      const seen = await page.evaluate(() => {
        const w = document.querySelector('#papers');
        const root = w.shadowRoot;
        return {
          focused: root.activeElement.id,
          shown: [...root.querySelectorAll('[role=tabpanel]')].filter((p) => !p.hidden).map((p) => p.id),
          passages: [...root.querySelectorAll('#view-reading .rpassage')].map((s) => Number(s.dataset.passage)),
          expected: w.report.passages.filter((p) => p.source === 0).sort((a, b) => a.start - b.start).map((p) => p.id),
        };
      });
      assert.deepEqual([seen.focused, seen.shown], ['tab-reading', ['view-reading']]);
      assert.deepEqual(seen.passages, seen.expected, 'the reading view shows S1, passage by passage');

      await page.keyboard.press('ArrowRight');
      const shared = await page.evaluate(() => {
        const w = document.querySelector('#papers');
        return {
          view: w.view,
          runs: [...w.shadowRoot.querySelectorAll('#view-shared .shared-list > li')].map((li) => ({
            id: Number(li.dataset.shared),
            hits: [...li.querySelectorAll('.shared-places > li')].map((p) => [Number(p.dataset.source), p.querySelector('mark.shared-hit').textContent]),
          })),
          report: w.report,
        };
      });
      assert.equal(shared.view, 'shared');
      const r = shared.report;
      assert.deepEqual(shared.runs.map((x) => x.id), [...r.shared].sort((a, b) => b.words - a.words || a.id - b.id).map((x) => x.id));
      for (const run of shared.runs) {
        const item = r.shared.find((x) => x.id === run.id);
        const spans = [...item.spans].sort((a, b) => a.source - b.source || a.start - b.start);
        assert.deepEqual(run.hits, spans.map((sp) => [sp.source, textOf(r, sp).replace(/\s+/g, ' ')]));
      }
      assert.ok(shared.runs.length >= 1, 'Mira Talbot’s line is shared');

      await page.keyboard.press('End');
      assert.equal(await page.getAttribute('#papers', 'view'), 'overview');
      await page.evaluate(() => { document.querySelector('#papers').view = 'unique'; });
      const unique = await page.evaluate(() => {
        const w = document.querySelector('#papers');
        return { items: [...w.shadowRoot.querySelectorAll('#view-unique li[data-passage]')].map((li) => Number(li.dataset.passage)).sort((a, b) => a - b),
          expected: w.report.sources.flatMap((s) => s.unique).sort((a, b) => a - b),
          selected: w.shadowRoot.querySelector('[role=tab][aria-selected=true]').id };
      });
      assert.deepEqual(unique.items, unique.expected);
      assert.equal(unique.selected, 'tab-unique');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('the host page’s rules do not reach inside, and the widget’s do not reach out', async () => {
      const { context, page, errors } = await openPage(blogUrl());
      await readyWith(page, '#papers', 3);
      await page.locator('#papers table.agrid tbody tr.arow td').first().click(); // a word diff, with del and ins
      await page.waitForFunction(() => document.querySelector('#papers').shadowRoot.querySelector('.aligned-diff:not([hidden]) .diff-text'));
      const hostile = await insideStyles(page, '#papers');
      // What the host forces everywhere it can: none of it inside.
      assert.equal(hostile.host, 'block');
      assert.equal(hostile['table.agrid'].display, 'table');
      assert.match(hostile['.frame'].fontFamily, /^system-ui/);
      assert.equal(hostile['.frame'].fontSize, '16px');
      assert.equal(hostile['.agrid tbody td'].textAlign, 'left');
      assert.equal(hostile['.agrid tbody td'].letterSpacing, 'normal');
      assert.equal(hostile['.grid-scroll'].overflowY, 'auto');
      assert.equal(hostile['.head'].display, 'flex');
      assert.ok(hostile.del && hostile.ins, 'the word diff is drawn');
      assert.equal(hostile.del.textDecorationLine, 'line-through');
      assert.equal(hostile.ins.textDecorationLine, 'underline');
      // And the same as with no host styles at all: the blog's stylesheet taken away.
      await page.evaluate(() => document.querySelector('link[rel=stylesheet]').remove());
      assert.deepEqual(await insideStyles(page, '#papers'), hostile);

      // The host's own elements, with and without the widget: the same.
      const { context: c2, page: plain } = await openPage(pathToFileURL(join(bare, 'blog.html')).href, { watch: false });
      const without = await hostStyles(plain);
      assert.equal(without['aside table'].display, 'none', 'the host hides its own tables');
      const { context: c3, page: withWidget } = await openPage(blogUrl(), { watch: false });
      await readyWith(withWidget, '#papers', 3);
      assert.deepEqual(await hostStyles(withWidget), without);
      // Only Parallax is added to window.
      const keys = (p) => p.evaluate(() => Object.keys(window));
      const before = new Set(await keys(plain));
      assert.deepEqual((await keys(withWidget)).filter((k) => !before.has(k)), ['Parallax']);
      assert.deepEqual(errors, []);
      await Promise.all([context.close(), c2.close(), c3.close()]);
    });

    test('loaded twice, it keeps one definition, one API and one worker', async () => {
      const { context, page, outside, errors } = await openPage(blogUrl());
      await readyWith(page, '#papers', 3);
      const firstApi = await page.evaluateHandle(() => window.Parallax);
      await page.addScriptTag({ url: mode === 'offline' ? pathToFileURL(join(root, 'dist/parallax-compare.js')).href : `${servedUrl}parallax-compare.js` });
      const after = await page.evaluate(async (api) => {
        const w = document.querySelector('#papers');
        const report = await w.compare();
        return {
          sameApi: api === window.Parallax,
          sameClass: customElements.get('parallax-compare') === window.Parallax.CompareElement,
          scripts: document.querySelectorAll('script[src$="parallax-compare.js"]').length,
          groups: report.groups.length,
          workers: document.documentElement.dataset.workers,
        };
      }, firstApi);
      assert.deepEqual(after, { sameApi: true, sameClass: true, scripts: 2, groups: after.groups, workers: '1' });
      assert.ok(after.groups > 0);
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('Parallax.defineElement registers another name; el.sources compares again', async () => {
      const { context, page, errors } = await openPage(blogUrl());
      await readyWith(page, '#notices', 4);
      const defined = await page.evaluate(async () => {
        const Named = Parallax.defineElement('my-compare');
        const el = document.createElement('my-compare');
        el.setAttribute('view', 'unique');
        el.id = 'mine';
        document.querySelector('main').append(el);
        el.sources = [
          { title: 'One', text: 'The ferry to the island leaves at seven every morning. Tickets cost four pounds.' },
          { title: 'Two', text: 'The ferry to the island leaves at seven every morning. The café on the quay opens at six.' },
        ];
        const report = await new Promise((resolve) => el.addEventListener('parallax-ready', (e) => resolve(e.detail), { once: true }));
        return {
          fresh: Named !== Parallax.CompareElement && Named.prototype instanceof Parallax.CompareElement,
          again: Parallax.defineElement('my-compare') === Named,
          base: Parallax.defineElement('parallax-compare') === Parallax.CompareElement,
          instance: el instanceof Parallax.CompareElement,
          titles: report.sources.map((s) => s.title),
          sources: el.sources.map((s) => s.title),
          unique: [...el.shadowRoot.querySelectorAll('#view-unique li[data-passage]')].map((li) => li.textContent),
          expected: report.sources.flatMap((s) => s.unique.map((id) => s.text.slice(report.passages[id].start, report.passages[id].end))),
        };
      });
      assert.deepEqual([defined.fresh, defined.again, defined.base, defined.instance], [true, true, true, true]);
      assert.deepEqual(defined.titles, ['One', 'Two']);
      assert.deepEqual(defined.sources, ['One', 'Two']);
      assert.deepEqual(defined.unique, defined.expected);
      assert.deepEqual(defined.unique, ['Tickets cost four pounds.', 'The café on the quay opens at six.']);

      // The second widget, given new sources: compared again, the overview redrawn for two.
      await page.evaluate(() => {
        document.querySelector('#notices').sources = [
          { title: 'A', text: 'The lighthouse shone again on Saturday night. Crowds watched from the pier.' },
          { title: 'B', text: 'The lighthouse shone again on Saturday night. Fishing boats sounded their horns.' },
        ];
      });
      await readyWith(page, '#notices', 2);
      assert.equal(await page.evaluate(() => document.querySelector('#notices').shadowRoot.querySelectorAll('td.matrix-cell').length), 4);
      const ready = (await events(page, 'parallax-ready')).filter((e) => e.target === 'notices');
      assert.deepEqual(ready.map((e) => e.detail.sources), [4, 2]);

      // The first widget's children edited: compared again. Given sources win over the
      // children until set back to null.
      await page.evaluate(() => document.querySelector('#papers article:nth-of-type(2)').append('\nThe harbour master counted forty boats.'));
      await page.waitForFunction(() => document.querySelector('#papers').report.sources[1].text.endsWith('The harbour master counted forty boats.'));
      await page.evaluate(() => { document.querySelector('#papers').sources = [{ title: 'X', text: 'The boats came in.' }, { title: 'Y', text: 'The boats came in late.' }]; });
      await readyWith(page, '#papers', 2);
      await page.evaluate(() => { document.querySelector('#papers').sources = null; });
      await readyWith(page, '#papers', 3);
      assert.deepEqual(await page.evaluate(() => document.querySelector('#papers').sources.map((s) => s.title)),
        ['Harbour Gazette', 'Coast Radio', 'Larkhaven Weekly']);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('too few sources, bad sources and bad options are said in place and fired as parallax-error', async () => {
      const { context, page, errors } = await openPage(blogUrl());
      await readyWith(page, '#notices', 4);
      const cases = [
        [[{ title: 'Only', text: 'A single text.' }], 'no_sources', 'Add at least two sources to compare: this widget has 1. Give them as <article> elements inside it, as a JSON file named by its src attribute, or from JavaScript (el.sources).'],
        [[], 'no_sources', 'Add at least two sources to compare: this widget has none. Give them as <article> elements inside it, as a JSON file named by its src attribute, or from JavaScript (el.sources).'],
        [[{ title: 'A', text: 'Some text.' }, { title: 'B', text: '   ' }], 'no_sources', 'Add at least two sources to compare: this widget has 2, 1 with text. Give them as <article> elements inside it, as a JSON file named by its src attribute, or from JavaScript (el.sources).'],
        ['two texts', 'invalid_input', 'el.sources should be an array of sources such as {title, text}; it was set to a string.'],
        [[{ title: 'A', text: 'x' }, { title: 'B' }], 'invalid_input', 'Source 2 (“B”) has no text: give it a "text" or an "html" string.'],
      ];
      for (const [n, [value, code, message]] of cases.entries()) {
        await page.evaluate((v) => { document.querySelector('#notices').sources = v; }, value);
        await page.waitForFunction((count) => JSON.parse(document.documentElement.dataset.events).filter((e) => e.type === 'parallax-error').length === count, n + 1);
        const fired = (await events(page, 'parallax-error')).at(-1);
        assert.deepEqual(fired.detail, { message, code });
        assert.ok(fired.bubbles && fired.composed);
        assert.equal(await messageOf(page, '#notices'), message);
        assert.equal(await page.evaluate(() => document.querySelector('#notices').report), null);
        assert.equal(await page.evaluate(() => document.querySelector('#notices').shadowRoot.querySelector('.message').getAttribute('role')), 'alert');
      }
      // Back to two good sources, then a bad option attribute: the core's sentence, in place.
      await page.evaluate(() => {
        const w = document.querySelector('#notices');
        w.sources = [{ title: 'A', text: 'The pier opens at nine.' }, { title: 'B', text: 'The pier opens at nine today.' }];
      });
      await readyWith(page, '#notices', 2);
      await page.evaluate(() => document.querySelector('#notices').setAttribute('min-score', 'lots'));
      assert.equal(await messageOf(page, '#notices'), 'The min-score attribute should be a number from 0 to 1, such as 0.3; it is “lots”.');
      await page.evaluate(() => document.querySelector('#notices').setAttribute('min-score', '3'));
      await page.waitForFunction(() => document.querySelector('#notices').shadowRoot.querySelector('.message').textContent.startsWith('Option'));
      assert.equal(await messageOf(page, '#notices'), 'Option `min_score` must be a number from 0 to 1.');
      const codes = (await events(page, 'parallax-error')).slice(-2).map((e) => e.detail.code);
      assert.deepEqual(codes, ['invalid_input', 'invalid_input']);
      // A good value: drawn again, the message gone.
      await page.evaluate(() => document.querySelector('#notices').setAttribute('min-score', '0.2'));
      await readyWith(page, '#notices', 2);
      assert.equal(await page.evaluate(() => document.querySelector('#notices').report.options.min_score), 0.2);
      assert.equal(await page.evaluate(() => document.querySelector('#notices').shadowRoot.querySelector('.message').hidden), true);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test(mode === 'offline' ? 'src= from a page opened from disk says why it cannot read the file' : 'src= reads a same-origin JSON file', async () => {
      const { context, page, outside, errors } = await openPage(blogUrl());
      await readyWith(page, '#papers', 3);
      await page.evaluate(() => {
        const el = document.createElement('parallax-compare');
        el.id = 'from-file';
        el.setAttribute('src', 'sources.json');
        el.setAttribute('view', 'aligned');
        document.querySelector('main').append(el);
      });
      if (mode === 'offline') {
        const message = await messageOf(page, '#from-file');
        assert.equal(message, 'The sources file “sources.json” cannot be read: this page was opened from disk (file://), and browsers do not let '
          + 'such a page fetch files. Open the page from a web server, or give the sources as <article> elements inside the widget or from JavaScript (el.sources).');
        const fired = (await events(page, 'parallax-error')).filter((e) => e.target === 'from-file');
        assert.deepEqual(fired.map((e) => e.detail.code), ['load_failed']);
      } else {
        await readyWith(page, '#from-file', 2);
        const titles = await page.evaluate(() => document.querySelector('#from-file').report.sources.map((s) => s.title));
        const file = JSON.parse(readFileSync(join(root, 'www/examples/sources.json'), 'utf8'));
        assert.deepEqual(titles, file.map((s) => s.title));
        assert.deepEqual(await page.evaluate(() => document.querySelector('#from-file').sources.map((s) => s.title)), titles);
        // A file that is not there: the server's answer, in a sentence.
        await page.evaluate(() => document.querySelector('#from-file').setAttribute('src', 'missing.json'));
        assert.equal(await messageOf(page, '#from-file'), 'The sources file “missing.json” could not be read: the server answered 404 Not Found.');
      }
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, mode === 'offline' ? [] : [`404: ${servedUrl}examples/missing.json`]);
      await context.close();
    });
  });
}

describe('the example page, as a reader sees it', () => {
  for (const [name, options] of [
    ['light', { colorScheme: 'light' }],
    ['dark', { colorScheme: 'dark' }],
    ['narrow', { viewport: { width: 420, height: 860 } }],
  ]) {
    test(`screenshot: ${name}`, async () => {
      const { context, page, errors } = await openPage(pathToFileURL(join(root, 'dist/examples/blog.html')).href, options);
      await readyWith(page, '#papers', 3);
      await readyWith(page, '#notices', 4);
      // The widget keeps to its height: --parallax-max-height, 80% of the window.
      const { height, max } = await page.evaluate(() => ({ height: document.querySelector('#papers').getBoundingClientRect().height, max: innerHeight * 0.8 }));
      assert.ok(height <= max + 1, `the widget is ${height}px tall, at most ${max}px`);
      // The three papers fit the blog's column side by side; in a narrow window their
      // columns keep a readable width and the grid scrolls sideways instead.
      const grid = await page.evaluate(() => {
        const scroller = document.querySelector('#papers').shadowRoot.querySelector('.grid-scroll');
        const columns = [...scroller.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().width);
        return { scrolls: scroller.scrollWidth > scroller.clientWidth + 1, narrowest: Math.min(...columns.slice(1)) };
      });
      assert.equal(grid.scrolls, name === 'narrow', `the grid ${grid.scrolls ? 'scrolls' : 'does not scroll'} sideways`);
      assert.ok(grid.narrowest >= 13 * 16 - 1, `a source column is ${grid.narrowest}px wide`);
      // The narrow widget lays out as the narrow page does: one column for the reading view.
      if (name === 'narrow') {
        await page.evaluate(() => { document.querySelector('#notices').view = 'reading'; });
        await page.waitForFunction(() => document.querySelector('#notices').shadowRoot.querySelector('#view-reading .rpassage'));
        const columns = await page.evaluate(() => getComputedStyle(document.querySelector('#notices').shadowRoot.querySelector('.reading-layout')).gridTemplateColumns.split(' ').length);
        assert.equal(columns, 1);
      }
      await page.screenshot({ path: join(shotsDir, `widget-blog-${name}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
