// Page tests of the reading, unique and overview views (issue 5, the comparator page):
// what each draws is what the report says, they work from the keyboard, they hold 20
// sources, and they read in a static snapshot. Offline and served.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, offlineUrl, shotsDir, contrasts } from './browser.mjs';
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

// Three sources whose sharing is known: the Cyrillic sentence (with an emoji, two UTF-16 units
// each) is in all three, the delegations sentence in S1 and S2, and each has one sentence of
// its own. S3 opens with a byline the core sets aside as metadata.
const CYRILLIC = 'Переговоры в Женеве начались 10 января 👍🏽, сообщили дипломаты';
const SOURCES = [
  { title: 'Wire', text: `${CYRILLIC}. The delegations met for nearly eight hours on Monday, the envoy said.\n\n`
    + 'Fresh snow closed the mountain pass near the border village overnight.' },
  { title: 'Paper', text: `The delegations met for nearly eight hours on Monday in a closed room. ${CYRILLIC}!\n\n`
    + 'Grain exports through the northern port doubled during the autumn months.' },
  { title: 'Radio', text: 'By Anna Petrova | 11 January 2022\n\n'
    + 'Listeners called in to ask about ticket prices for the football final. '
    + 'Переговоры в Женеве начались 10 января, сообщили дипломаты журналистам.' },
];

/** Pastes `sources` (titles and texts) into the page and compares them; resolves once the results are drawn. */
async function compareSources(page, sources) {
  await page.evaluate((list) => {
    // As many cards as sources: the page starts with two.
    while (document.querySelectorAll('.source-card').length < list.length) document.querySelector('#add-source').click();
  }, sources);
  for (const [i, s] of sources.entries()) {
    await page.fill(`.source-card[data-index="${i}"] input[type=text]`, s.title);
    if (s.text.length < 5000) {
      await page.fill(`.source-card[data-index="${i}"] textarea`, s.text);
    } else {
      // A long text is set as a paste would set it: typing it out would take minutes.
      await page.evaluate(([n, text]) => {
        const area = document.querySelector(`.source-card[data-index="${n}"] textarea`);
        area.value = text;
        area.dispatchEvent(new Event('input'));
      }, [i, s.text]);
    }
  }
  await page.click('#compare');
  await drawn(page, sources.length);
}

/** Resolves once a comparison of `n` sources is drawn (the overview's matrix is the last view). */
function drawn(page, n) {
  return page.waitForFunction((count) => document.querySelector('#status').textContent.startsWith('Compared ')
    && document.querySelectorAll('#view-overview td.matrix-cell').length === count * count, n);
}

/** The report the page drew, computed again through the API with the page's inputs. */
function reportOf(page, sources) {
  return page.evaluate((list) => Parallax.compare(list.map((s) => ({ title: s.title, text: s.text, overrides: [] })),
    { include_comments: false }), sources);
}

/** The demo, compared through the page; resolves to the report it drew. */
async function compareDemo(page) {
  await page.click('#load-demo');
  await page.click('#compare');
  await drawn(page, await page.evaluate(() => ParallaxDemo.sources.length));
  return page.evaluate(() => Parallax.compare(ParallaxDemo.sources.map((s) => ({ title: s.title, text: s.text, overrides: [] })),
    { include_comments: false }));
}

// ---- what the views should show, computed here from the report alone ----
const textOf = (r, x) => r.sources[x.source].text.slice(x.start, x.end);
/** For each passage id: Map(other source -> Set of its passage ids aligned with it). */
function othersOf(r) {
  const out = new Map(r.passages.map((p) => [p.id, new Map()]));
  for (const g of r.groups) {
    for (const m of g.members) {
      for (const o of g.members) {
        if (o.source === m.source) continue;
        const bySource = out.get(m.passage);
        if (!bySource.has(o.source)) bySource.set(o.source, new Set());
        bySource.get(o.source).add(o.passage);
      }
    }
  }
  return out;
}
/**
 * Source `s`'s shared text as merged stretches of its text, in order, cut where its blocks
 * end (the view draws each block's text without the white space around it).
 */
function sharedRuns(r, s) {
  const src = r.sources[s];
  const spans = r.shared.flatMap((x) => x.spans).filter((sp) => sp.source === s).sort((a, b) => a.start - b.start);
  const merged = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp.start <= last.end) last.end = Math.max(last.end, sp.end); else merged.push({ start: sp.start, end: sp.end });
  }
  const pieces = [];
  for (const b of src.blocks) {
    const raw = src.text.slice(b.start, b.end);
    const a = b.start + raw.length - raw.trimStart().length;
    const z = b.start + raw.trimEnd().length;
    for (const m of merged) if (m.start < z && m.end > a) pieces.push(src.text.slice(Math.max(a, m.start), Math.min(z, m.end)));
  }
  return pieces;
}
const passagesOf = (r, s) => r.passages.filter((p) => p.source === s).sort((a, b) => a.start - b.start);

// ---- what the views show, read from the page ----
/** The reading view of the source shown: each passage's id, tint, number, text; the underlined runs. */
function readingSeen(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#view-reading .reading-text');
    const bare = (node) => {
      const copy = node.cloneNode(true);
      for (const m of copy.querySelectorAll('.rmark')) m.remove();
      return copy.textContent;
    };
    const passages = [...box.querySelectorAll('.rpassage')].map((span) => ({
      id: Number(span.dataset.passage),
      k: Number(span.dataset.k),
      tint: [...span.classList].filter((c) => c.startsWith('heat-')),
      mark: span.querySelector('button.rmark').textContent,
      markLabel: span.querySelector('button.rmark').getAttribute('aria-label'),
      text: bare(span),
    }));
    // Underlined characters, read from the rendered text nodes (marks and chips left out), as
    // runs: in compared blocks and in the folded ones alike.
    const runs = [];
    for (const block of box.querySelectorAll('.rblock')) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let run = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.rmark, .chip')) continue;
        if (node.parentElement.closest('.rverbatim')) {
          if (run === null) run = '';
          run += node.data;
        } else if (node.data) {
          if (run !== null) runs.push(run);
          run = null;
        }
      }
      if (run !== null) runs.push(run);
    }
    const twinsShown = [...box.querySelectorAll('.rmark-static')].filter((m) => getComputedStyle(m).display !== 'none').length;
    return { passages, runs, twinsShown };
  });
}

/**
 * Where each mark stands against the first line of its passage: `level` when level with it,
 * `overlaps` when its box overlaps the mark before it (one would hide the other).
 */
function marksLevel(page) {
  return page.evaluate(() => [...document.querySelectorAll('#view-reading button.rmark')].map((mark, n, all) => {
    const span = mark.closest('.rpassage');
    // The first line box of the passage's text (the lead span holds its first character).
    const range = document.createRange();
    const textNode = [...span.querySelector('.rlead').childNodes].find((n) => n.nodeType === 3 || (n.nodeType === 1 && !n.classList.contains('rmark')));
    range.selectNodeContents(textNode);
    const line = range.getClientRects()[0];
    const m = mark.getBoundingClientRect();
    const middle = (m.top + m.bottom) / 2;
    const before = n ? all[n - 1].getBoundingClientRect() : null;
    const overlaps = !!before && m.left < before.right && before.left < m.right && m.top < before.bottom && before.top < m.bottom;
    return { id: Number(mark.dataset.passage), level: middle >= line.top - 2 && middle <= line.bottom + 2 && !overlaps,
      dy: Math.round(middle - (line.top + line.bottom) / 2), overlaps };
  }));
}

/** The open panel: its heading, its own passage, and per other source the passages shown. */
function panelSeen(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('#reading-panel');
    const clean = (node) => {
      const copy = node.cloneNode(true);
      for (const x of copy.querySelectorAll('.panel-score')) x.remove();
      return copy.textContent.trim();
    };
    return {
      heading: panel.querySelector('h4').textContent,
      own: panel.querySelector('.panel-own')?.textContent ?? null,
      count: panel.querySelector('.panel-k')?.textContent ?? null,
      others: [...panel.querySelectorAll('.panel-others > li')].map((li) => ({
        source: Number(li.dataset.source),
        label: li.querySelector('.panel-src').textContent,
        passages: [...li.querySelectorAll('.panel-text')].map((p) => Number(p.dataset.passage)),
        texts: [...li.querySelectorAll('.panel-text')].map(clean),
      })),
      shared: [...panel.querySelectorAll('.panel-shared li')].map((li) => [li.querySelector('q').textContent, li.querySelector('.where').textContent]),
    };
  });
}

const CONTRAST_SELECTORS = [
  '#view-reading .rpassage', '#view-reading button.rmark', '#view-reading .rverbatim', '#view-reading .reading-summary',
  '#view-reading .heat-key-label', '#view-reading .heat-key-n', '#view-reading .rmark-key', '#view-reading .set-aside-what',
  '#view-reading .set-aside-preview', '#view-reading .hint', '#reading-panel h4', '#reading-panel .panel-own',
  '#reading-panel .panel-src', '#reading-panel .panel-text', '#reading-panel .panel-score',
  '#view-unique .unique-intro', '#view-unique .unique-count', '#view-unique li',
  '#view-overview td.matrix-cell', '#view-overview .matrix-axis', '#view-overview th.matrix-col', '#view-overview .sid',
  '#view-overview .stitle', '#view-overview .hint', '#view-overview .heat-key-label', '#view-overview .cover-figures',
  '#view-overview .fig-aligned',
];

/** Checks the reading view of source `s` against the report, passage by passage. */
async function checkReading(page, r, s) {
  await page.selectOption('#reading-source', String(s));
  await page.waitForFunction((t) => document.querySelector('#reading-title').textContent.startsWith(t), `${r.sources[s].id} · `);
  const others = othersOf(r);
  const seen = await readingSeen(page);
  const expected = passagesOf(r, s);
  assert.deepEqual(seen.passages.map((p) => p.id), expected.map((p) => p.id), `${r.sources[s].id}: every passage, in reading order`);
  for (const [n, p] of expected.entries()) {
    const k = others.get(p.id).size;
    const got = seen.passages[n];
    assert.equal(got.k, k, `passage ${p.id}: other sources`);
    assert.deepEqual(got.tint, [`heat-${Math.min(k, 5)}`], `passage ${p.id}: tint level`);
    assert.equal(got.mark, String(k), `passage ${p.id}: the mark's number`);
    assert.equal(got.text, textOf(r, p), `passage ${p.id}: its text, by UTF-16 offsets`);
  }
  assert.deepEqual(seen.runs, sharedRuns(r, s), `${r.sources[s].id}: underlined exactly where report.shared says`);
  assert.equal(seen.twinsShown, 0, 'on screen, only the buttons show the numbers');
  return seen;
}

for (const mode of ['offline', 'served']) {
  describe(`${mode} page: reading, unique and overview views`, () => {
    const url = () => (mode === 'offline' ? offlineUrl : servedUrl);

    test('a crafted paste: tints, marks, shared text, unique passages and coverage are the report\'s', async () => {
      const { context, page, errors, outside } = await open(browser, url());
      await compareSources(page, SOURCES);
      const r = await reportOf(page, SOURCES);
      // The report is as designed, so the checks below check something.
      assert.deepEqual(r.sources.map((s) => s.unique.map((id) => textOf(r, r.passages[id]))), [
        ['Fresh snow closed the mountain pass near the border village overnight.'],
        ['Grain exports through the northern port doubled during the autumn months.'],
        ['Listeners called in to ask about ticket prices for the football final.'],
      ]);
      await page.click('#tab-reading');

      // S1: the Cyrillic sentence in 2 other sources, the delegations in 1, the snow in none.
      const s1 = await checkReading(page, r, 0);
      assert.deepEqual(s1.passages.map((p) => [p.text, p.k, p.tint[0]]), [
        [`${CYRILLIC}.`, 2, 'heat-2'],
        ['The delegations met for nearly eight hours on Monday, the envoy said.', 1, 'heat-1'],
        ['Fresh snow closed the mountain pass near the border village overnight.', 0, 'heat-0'],
      ]);
      assert.deepEqual(s1.runs, [CYRILLIC, 'The delegations met for nearly eight hours on Monday']);
      assert.equal(s1.passages[0].markLabel, 'Passage 1, in 2 other sources: S2 and S3. Show the aligned passages.');
      assert.equal(await page.getAttribute('#view-reading .reading-text .rverbatim >> nth=0', 'title'), 'Word for word also in S2 and S3: 8 words.');
      assert.deepEqual((await marksLevel(page)).filter((m) => !m.level), [], 'each mark is level with the first line of its passage');
      // The legend: a key per level that can occur (two other sources at most), with its count.
      assert.deepEqual(await page.locator('#view-reading .heat-key').allTextContents(), ['0no other source (1)', '11 other (1)', '22 others (1)']);

      // Its first mark opens the aligned passages of S2 and S3, with their labels, and the shared run.
      await page.click('#view-reading button.rmark >> nth=0');
      await page.waitForSelector('#reading-panel .panel-others');
      assert.deepEqual(await panelSeen(page), {
        heading: 'S1, passage 1 of 3',
        own: `${CYRILLIC}.`,
        count: '2 In 2 other sources:',
        others: [
          { source: 1, label: 'S2 · Paper', passages: [4], texts: [`${CYRILLIC}!`] },
          { source: 2, label: 'S3 · Radio', passages: [7], texts: ['Переговоры в Женеве начались 10 января, сообщили дипломаты журналистам.'] },
        ],
        shared: [[CYRILLIC, '8 words, also in S2 and S3']],
      });
      assert.equal(await page.getAttribute('#view-reading button.rmark >> nth=0', 'aria-expanded'), 'true');
      assert.equal(await page.locator('#view-reading .rpassage.selected').count(), 1);

      // S2 and S3 the same way; S3's byline is folded away as not compared.
      await checkReading(page, r, 1);
      const s3 = await checkReading(page, r, 2);
      assert.deepEqual(s3.passages.map((p) => p.k), [0, 2]);
      assert.deepEqual(await page.locator('#view-reading details.set-aside summary').allTextContents(),
        ['Not compared: 1 block of metadata “By Anna Petrova | 11 January 2022”']);
      assert.equal(await page.locator('#view-reading details.set-aside').evaluate((d) => d.open), false);
      assert.equal(await page.locator('#view-reading .set-aside-block').isVisible(), false, 'folded: the article reads first');

      // Unique: each source's own passages, with the count, in reading order.
      await page.click('#tab-unique');
      const unique = await page.locator('#view-unique .unique-source').evaluateAll((sections) => sections.map((sec) => ({
        source: Number(sec.dataset.source),
        count: sec.querySelector('.unique-count')?.textContent ?? null,
        items: [...sec.querySelectorAll('li')].map((li) => li.textContent),
      })));
      assert.deepEqual(unique, r.sources.map((s, i) => ({
        source: i,
        count: `${s.id} says 1 thing no other source does (1 of ${s.passage_count} passages, ${Math.round(100 / s.passage_count)}%).`,
        items: s.unique.map((id) => textOf(r, r.passages[id])),
      })));
      // One source alone: the filter.
      await page.selectOption('#unique-source', '1');
      assert.deepEqual(await page.locator('#view-unique .unique-source').evaluateAll((x) => x.map((s) => s.dataset.source)), ['1']);
      await page.selectOption('#unique-source', 'all');

      // Overview: every cell is the rounded coverage, the diagonal a dash; the bars match the counts.
      await page.click('#tab-overview');
      const cells = await page.locator('#view-overview table.matrix tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => [td.textContent, td.dataset.level ?? null])));
      assert.deepEqual(cells.map((row) => row.map(([t]) => t)), [
        ['—itself', '65%', '26%'],
        ['66%', '—itself', '25%'],
        ['43%', '43%', '—itself'],
      ]);
      assert.deepEqual(cells, r.coverage.map((row, a) => row.map((c, b) => {
        if (a === b) return ['—itself', null];
        const n = Math.round(c * 100);
        return [`${n}%`, String(n === 0 ? 0 : n < 20 ? 1 : n < 40 ? 2 : n < 60 ? 3 : n < 80 ? 4 : 5)];
      })));
      assert.deepEqual(await page.locator('#view-overview table.matrix th[scope=col]').allTextContents(), ['How much of ↓…', 'S1', 'S2', 'S3']);
      assert.deepEqual(await page.locator('#view-overview table.matrix th[scope=row] .sid').allTextContents(), ['S1', 'S2', 'S3']);
      assert.equal(await page.locator('#view-overview table.matrix th[scope=colgroup]').textContent(), '…is covered by →');
      const bars = await page.locator('#view-overview li.cover-bar').evaluateAll((lis) => lis.map((li) => ({
        figures: li.querySelector('.cover-figures').textContent,
        share: li.querySelector('.cover-graphic').dataset.share,
        fill: li.querySelector('.bar-fill')?.getAttribute('width') ?? null,
      })));
      assert.deepEqual(bars, [
        { figures: '67% aligned with another source (2 of 3 passages) · 33% alone (1)', share: '66.7', fill: '66.7%' },
        { figures: '67% aligned with another source (2 of 3 passages) · 33% alone (1)', share: '66.7', fill: '66.7%' },
        { figures: '50% aligned with another source (1 of 2 passages) · 50% alone (1)', share: '50', fill: '50%' },
      ]);
      assert.deepEqual(errors, []);
      assert.deepEqual(outside, []);
      await context.close();
    });

    test('the demo: every source\'s reading view, the unique lists and the overview match the report; screenshots', async () => {
      for (const [look, viewport, colorScheme] of [['light', { width: 1280, height: 900 }, 'light'],
        ['dark', { width: 1280, height: 900 }, 'dark'], ['narrow', { width: 420, height: 900 }, 'light']]) {
        const { context, page, errors } = await open(browser, url(), { viewport, colorScheme });
        const r = await compareDemo(page);
        await page.click('#tab-reading');
        if (look === 'light') {
          for (let s = 0; s < r.sources.length; s++) {
            await checkReading(page, r, s);
            assert.deepEqual((await marksLevel(page)).filter((m) => !m.level), [], `${r.sources[s].id}: marks level with their passages`);
          }
          // Each passage's mark leads to the passages aligned with it, source by source.
          await page.selectOption('#reading-source', '6');
          const others = othersOf(r);
          for (const p of passagesOf(r, 6)) {
            await page.click(`#view-reading button.rmark[data-passage="${p.id}"]`);
            await page.waitForFunction((id) => document.querySelector('#reading-panel .panel-own') && document.querySelector('#view-reading .rpassage.selected')?.dataset.passage === String(id), p.id);
            const seen = await panelSeen(page);
            const want = [...others.get(p.id)].sort((a, b) => a[0] - b[0]).map(([o, ids]) => ({ source: o,
              passages: [...ids].sort((x, y) => r.passages[x].start - r.passages[y].start) }));
            assert.deepEqual(seen.others.map(({ source, passages }) => ({ source, passages })), want, `S7 passage ${p.id}`);
            assert.deepEqual(seen.others.flatMap((o) => o.texts), want.flatMap((o) => o.passages.map((id) => textOf(r, r.passages[id]))));
          }
          // The metadata line of S1 is folded away, not compared.
          await page.selectOption('#reading-source', '0');
          assert.deepEqual(await page.locator('#view-reading details.set-aside summary').allTextContents(),
            ['Not compared: 1 block of metadata “December 6, 2021”']);
        }
        // The screenshot: S1 read with the panel of its most shared passage open.
        await page.selectOption('#reading-source', '0');
        const cover = othersOf(r);
        const widest = passagesOf(r, 0).reduce((best, p) => (cover.get(p.id).size > cover.get(best.id).size ? p : best));
        await page.click(`#view-reading button.rmark[data-passage="${widest.id}"]`);
        await page.waitForSelector('#reading-panel .panel-others');
        await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
        await page.screenshot({ path: join(shotsDir, `${mode}-views-reading-${look}.png`) });
        // Every text of the three views, on every tint it stands on, keeps AA contrast.
        const ratios = await contrasts(page, CONTRAST_SELECTORS, { every: true }); // every tint level, not only the first
        for (const [sel, ratio] of Object.entries(ratios)) assert.ok(ratio >= 4.5, `${sel}: contrast ${ratio} in ${look}`);
        if (look === 'narrow') {
          await page.locator('#reading-panel').scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(shotsDir, `${mode}-views-reading-panel-narrow.png`) });
          assert.equal(await page.locator('#view-reading .reading-text #reading-panel').count(), 1, 'narrow: the panel opens in the text, under its paragraph');
          const box = await page.locator('#reading-panel').boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= 420, 'narrow: the panel fits the screen');
        }

        await page.click('#tab-unique');
        const lists = await page.locator('#view-unique .unique-source').evaluateAll((sections) =>
          sections.map((sec) => [...sec.querySelectorAll('li')].map((li) => li.textContent)));
        assert.deepEqual(lists, r.sources.map((s) => [...s.unique].sort((a, b) => r.passages[a].start - r.passages[b].start)
          .map((id) => textOf(r, r.passages[id]))));
        assert.equal(await page.locator('#view-unique .unique-source[data-source="1"] .unique-count strong').textContent(),
          `S2 says ${r.sources[1].unique.length} things no other source does`);
        await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
        await page.screenshot({ path: join(shotsDir, `${mode}-views-unique-${look}.png`) });

        await page.click('#tab-overview');
        const cells = await page.locator('#view-overview table.matrix tbody tr').evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
        assert.deepEqual(cells, r.coverage.map((row, a) => row.map((c, b) => (a === b ? '—itself' : `${Math.round(c * 100)}%`))));
        const bars = await page.locator('#view-overview li.cover-bar').evaluateAll((lis) => lis.map((li) =>
          [Number(li.dataset.aligned), Number(li.dataset.alone), Number(li.dataset.total), li.querySelector('.cover-graphic').dataset.share]));
        const aligned = r.sources.map((_, s) => new Set(r.groups.flatMap((g) => g.members).filter((m) => m.source === s).map((m) => m.passage)).size);
        assert.deepEqual(bars, r.sources.map((s, i) => [aligned[i], s.unique.length, s.passage_count,
          String(Math.round((aligned[i] / s.passage_count) * 1000) / 10)]));
        for (const [i, s] of r.sources.entries()) assert.equal(aligned[i] + s.unique.length, s.passage_count, `${s.id}: aligned and alone make all`);
        if (look === 'narrow') {
          assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'narrow: the page itself does not scroll sideways');
        }
        await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
        await page.screenshot({ path: join(shotsDir, `${mode}-views-overview-${look}.png`) });
        assert.deepEqual(errors, []);
        await context.close();
      }
    });

    test('the views work from the keyboard: tabs, the source select, marks, the panel, folds', async () => {
      const { context, page, errors } = await open(browser, url());
      await compareSources(page, SOURCES);
      // The tab list: arrows move between views; Tab enters the panel, then its controls.
      await page.focus('#tab-shared');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-reading');
      assert.equal(await page.isVisible('#view-reading'), true);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'view-reading');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'reading-source');
      await page.keyboard.press('End'); // the last source, S3
      await page.waitForFunction(() => document.querySelector('#reading-title').textContent === 'S3 · Radio');
      // Next: the fold of S3's byline; Enter opens it.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#view-reading details.set-aside').evaluate((d) => d.open), true);
      assert.equal(await page.locator('#view-reading .set-aside-block').textContent(), 'Metadata By Anna Petrova | 11 January 2022');
      // Then the marks, in reading order, each with a visible focus ring.
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return { passage: e.dataset.passage, text: e.textContent, outline: [style.outlineStyle, parseFloat(style.outlineWidth) >= 2] };
      });
      assert.deepEqual(first, { passage: '6', text: '0', outline: ['solid', true] });
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.passage), '7');
      // Enter opens the panel and takes focus to its heading; Escape brings it back to the mark.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement.id === 'reading-panel-h');
      assert.equal(await page.textContent('#reading-panel-h'), 'S3, passage 2 of 2');
      assert.deepEqual((await panelSeen(page)).others.map((o) => o.label), ['S1 · Wire', 'S2 · Paper']);
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.passage), '7');
      assert.equal(await page.textContent('#reading-panel-h'), 'Aligned passages');
      assert.equal(await page.getAttribute('#view-reading button.rmark[data-passage="7"]', 'aria-expanded'), 'false');
      // Space opens it too; from the panel, the previous-passage button steps back.
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.activeElement.id === 'reading-panel-h');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Previous passage');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#reading-panel-h').textContent === 'S3, passage 1 of 2');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'reading-panel-h');
      assert.equal((await panelSeen(page)).count, '0 In no other source: only S3 says this.');

      // Unique: the source filter from the keyboard.
      await page.focus('#tab-reading');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-unique');
      await page.focus('#unique-source');
      await page.keyboard.press('ArrowDown'); // from "Every source" to S1
      await page.waitForFunction(() => document.querySelectorAll('#view-unique .unique-source').length === 1);
      assert.equal(await page.getAttribute('#view-unique .unique-source', 'data-source'), '0');
      // Overview: the matrix box can be focused, to scroll it with the arrow keys.
      await page.focus('#tab-unique');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-overview');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'matrix-scroll');
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

describe('more sources and other cases', () => {
  test('everything aligned: the unique view says so for each source', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await compareSources(page, [
      { title: 'A', text: 'Talks open in Geneva on Monday with both delegations. Officials expect little from the first round.' },
      { title: 'B', text: 'Officials expect little from the first round. Talks open in Geneva on Monday with both delegations.' },
    ]);
    await page.click('#tab-unique');
    assert.deepEqual(await page.locator('#view-unique .unique-source').evaluateAll((x) => x.map((s) => [s.querySelector('h4').textContent,
      s.querySelector('.empty').textContent, s.querySelectorAll('li').length])), [
      ['S1 · A', 'Everything S1 says is also in another source.', 0],
      ['S2 · B', 'Everything S2 says is also in another source.', 0],
    ]);
    assert.match(await page.textContent('#view-unique .unique-intro'), /: 0 passages of 4 in all\.$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('20 sources: the matrix scrolls inside its box at 420 px, every view draws', async () => {
    const { context, page, errors } = await open(browser, offlineUrl, { viewport: { width: 420, height: 900 } });
    // Each source: a sentence all share, one it shares with its pair (S1 with S2, S3 with S4, …),
    // one of its own; the made-up words keep pairs and own sentences apart.
    const word = (n) => ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'tu', 'vo', 'ze'][n % 10] + ['bar', 'den', 'fil', 'gos', 'hum'][Math.floor(n / 10) % 5];
    const words = (seed) => Array.from({ length: 6 }, (_, j) => word(seed * 6 + j)).join(' ');
    const sources = Array.from({ length: 20 }, (_, i) => ({ title: `Outlet ${i + 1}`, text: [
      'Delegations met in Geneva on Monday for talks on security in Europe and arms control.',
      `The pair ${Math.floor(i / 2)} envoys spoke of ${words(100 + Math.floor(i / 2))} at length.`,
      `Outlet ${i + 1} alone wrote of ${words(200 + i)} and nothing else.`,
    ].join(' ') }));
    await compareSources(page, sources);
    const r = await reportOf(page, sources);
    await page.click('#tab-overview');
    assert.equal(await page.locator('#view-overview table.matrix th.matrix-col').count(), 20);
    assert.equal(await page.locator('#view-overview table.matrix tbody tr').count(), 20);
    assert.equal(await page.locator('#view-overview td.matrix-cell').count(), 400);
    const widths = await page.evaluate(() => {
      const box = document.querySelector('#view-overview .matrix-scroll');
      return { page: document.documentElement.scrollWidth, view: innerWidth, box: box.clientWidth, inner: box.scrollWidth };
    });
    assert.ok(widths.page <= widths.view, `the page does not scroll sideways (${widths.page} > ${widths.view})`);
    assert.ok(widths.inner > widths.box, 'the matrix scrolls inside its box');
    await page.evaluate(() => document.querySelector('#view-overview').scrollIntoView());
    await page.screenshot({ path: join(shotsDir, 'views-overview-20-sources-narrow.png') });
    assert.equal(await page.locator('#view-overview li.cover-bar').count(), 20);
    await page.click('#tab-reading');
    assert.equal(await page.locator('#reading-source option').count(), 20);
    await checkReading(page, r, 19);
    assert.deepEqual(await page.locator('#view-reading .heat-key .rmark-key').allTextContents(), ['0', '1', '2', '3', '4', '5+']);
    await page.click('#tab-unique');
    assert.equal(await page.locator('#view-unique .unique-source').count(), 20);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a long text is drawn in part until the reader asks for all of it, and says so', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    // 900 paragraphs of about 90 characters: more than the 60,000 drawn at first.
    const paragraphs = Array.from({ length: 900 }, (_, i) => `Paragraph ${i} tells of delegation ${i} and its meeting number ${i * 7} in the hall.`);
    await compareSources(page, [
      { title: 'Long', text: paragraphs.join('\n\n') },
      { title: 'Short', text: paragraphs.slice(0, 3).join('\n\n') },
    ]);
    await page.click('#tab-reading');
    const note = await page.textContent('#view-reading .more');
    const [, shown, all] = note.match(/^The first ([\d,]+) of ([\d,]+) blocks are shown\. Show the whole text \(([\d,]+) more blocks\)$/).map((x) => x.replace(/,/g, ''));
    assert.equal(Number(all), 900);
    assert.ok(Number(shown) < 900 && Number(shown) > 500, `${shown} blocks drawn at first`);
    assert.equal(await page.locator('#view-reading .reading-text > .rblock').count(), Number(shown));
    await page.click('#view-reading .more button');
    await page.waitForFunction(() => document.querySelectorAll('#view-reading .reading-text > .rblock').length === 900);
    assert.equal(await page.locator('#view-reading .more').count(), 0, 'the note goes once all is drawn');
    assert.equal(await page.locator('#view-reading button.rmark').count(), 900);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the snapshot keeps the three views readable: marks as text, the matrix, the bars, no controls', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await compareSources(page, SOURCES);
    await page.click('#tab-reading');
    await page.click('#view-reading button.rmark >> nth=0');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
    const path = join(shotsDir, 'views-snapshot.html');
    await download.saveAs(path);
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const snap = await viewer.newPage();
    await snap.goto(pathToFileURL(path).href);
    const seen = await snap.evaluate(() => ({
      controls: document.querySelectorAll('button, select, input').length,
      marks: [...document.querySelectorAll('#view-reading .rmark-static')].map((m) => [m.textContent, getComputedStyle(m).display]),
      passages: [...document.querySelectorAll('#view-reading .rpassage')].map((p) => [...p.classList].join(' ')),
      panel: document.querySelector('#reading-panel h4')?.textContent ?? null,
      cells: [...document.querySelectorAll('#view-overview td.matrix-cell')].map((td) => td.textContent),
      fills: [...document.querySelectorAll('#view-overview .bar-fill')].map((td) => Math.round(td.getBoundingClientRect().width
        / td.closest('table').getBoundingClientRect().width * 100)),
      unique: [...document.querySelectorAll('#view-unique li')].map((li) => li.textContent),
      headings: [...document.querySelectorAll('#view-reading h3, #view-unique h3, #view-overview h3')].map((h) => h.textContent),
    }));
    assert.equal(seen.controls, 0);
    // The reading view shows S1: each mark as text, a badge at its passage's start (the snapshot
    // may be read at any width, so no mark stands in the margin where another could hide it),
    // and the panel left open.
    assert.deepEqual(seen.marks, [['2 other sources: ', 'inline-block'], ['1 other source: ', 'inline-block'], ['0 other sources: ', 'inline-block']]);
    assert.deepEqual(seen.passages, ['rpassage heat-2 selected', 'rpassage heat-1', 'rpassage heat-0']);
    assert.equal(seen.panel, 'S1, passage 1 of 3');
    assert.deepEqual(seen.cells, ['—itself', '65%', '26%', '66%', '—itself', '25%', '43%', '43%', '—itself']);
    assert.deepEqual(seen.fills, [67, 67, 50], 'the bars keep their length without style attributes');
    assert.equal(seen.unique.length, 3);
    assert.deepEqual(seen.headings, ['One source, read in full', 'What each source alone says', 'How much each source shares']);
    await snap.screenshot({ path: join(shotsDir, 'views-snapshot.png'), fullPage: true });
    await viewer.close();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
