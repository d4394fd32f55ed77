// Page tests of the aligned view and the options (issue 5): a column per source and a row
// per group, silent sources shown as such, the row orders, the grid's keyboard, the word
// diff of a row (side by side and inline, with the diff options), the views as tabs, every
// option kept and sent to the core, and twenty sources at once; offline and served.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const GRID = '#view-aligned table.agrid';
const DIFF = '#aligned-diff';

async function compareDemo(page) {
  await page.click('#load-demo');
  await page.click('#compare');
  await page.waitForSelector(GRID);
}

/** The report the page holds, as its "Report (JSON)" export gives it. */
async function reportOf(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

/** Fills source card `i` (adding cards as needed) with a title and a text. */
async function paste(page, list) {
  for (const [i, s] of list.entries()) {
    if (await page.locator(`.source-card[data-index="${i}"]`).count() === 0) await page.click('#add-source');
    await page.fill(`.source-card[data-index="${i}"] input[type=text]`, s.title);
    await page.fill(`.source-card[data-index="${i}"] textarea`, s.text);
  }
}

/** The grid as drawn: each row's group and, per column, its passages' text or null where silent. */
function gridOf(page) {
  return page.locator(GRID).evaluate((t) => ({
    heads: [...t.tHead.rows[0].cells].map((c) => ({ role: c.getAttribute('role'), source: c.dataset.source ?? null, text: c.textContent })),
    rows: [...t.tBodies[0].rows].map((tr) => ({
      group: Number(tr.dataset.group),
      role: tr.getAttribute('role'),
      head: tr.cells[0].textContent,
      headRole: tr.cells[0].getAttribute('role'),
      cells: [...tr.cells].slice(1).map((td) => (td.classList.contains('silent') ? null
        : [...td.querySelectorAll('.member')].map((m) => m.textContent))),
      silentText: [...tr.cells].slice(1).filter((td) => td.classList.contains('silent'))
        .map((td) => [td.textContent, td.querySelector('[aria-hidden="true"]')?.textContent, td.getAttribute('role')]),
    })),
  }));
}

const passageOf = (report, m) => report.sources[m.source].text.slice(m.start, m.end);
/** A group's members in column order (the page's "first two cells present"). */
const columnOrder = (g) => [...g.members].sort((a, b) => a.source - b.source || a.start - b.start);

/** Where keyboard focus is in the grid: [row index in the table, cell index], or null. */
const focusAt = (page) => page.evaluate(() => {
  const c = document.activeElement;
  if (!c || !c.closest('table.agrid')) return null;
  const t = c.closest('table');
  const stops = t.querySelectorAll('[tabindex="0"]');
  return { row: [...t.rows].indexOf(c.parentElement), col: c.cellIndex, role: c.getAttribute('role'),
    oneStop: stops.length === 1 && stops[0] === c };
});

/** A diff side's text with the elements matching `drop` left out (for the inline view). */
const textWithout = (page, selector, drop) => page.locator(selector).evaluate((node, d) => {
  const copy = node.cloneNode(true);
  for (const e of copy.querySelectorAll(d)) e.remove();
  return copy.textContent;
}, drop);

for (const mode of ['offline', 'served']) {
  describe(`${mode} page: aligned view`, () => {
    const url = () => (mode === 'offline' ? offlineUrl : servedUrl);

    test('the demo: the Aligned tab has a column per source, a row per group, silent sources marked', async () => {
      const { context, page, outside, errors } = await open(browser, url());
      await compareDemo(page);
      // The results are tabs; Aligned is the first and is open.
      const tabNames = await page.locator('#view-tabs [role=tab]').allTextContents();
      assert.deepEqual(tabNames.slice(0, 3), ['Aligned', 'Pairs', 'Shared text']);
      assert.equal(await page.getAttribute('#tab-aligned', 'aria-selected'), 'true');
      assert.equal(await page.isVisible('#view-aligned'), true);
      assert.equal(await page.isHidden('#view-pairs'), true);
      const report = await reportOf(page);
      const n = report.sources.length;
      assert.equal(n, 9);

      const grid = await gridOf(page);
      assert.equal(await page.getAttribute(GRID, 'role'), 'grid');
      assert.deepEqual(grid.heads.map((h) => h.role), Array(n + 1).fill('columnheader'));
      assert.deepEqual(grid.heads.slice(1).map((h) => Number(h.source)), [...Array(n).keys()]);
      grid.heads.slice(1).forEach((h, i) => assert.ok(h.text.startsWith(`S${i + 1}`) && h.text.includes(report.sources[i].title),
        `the head of column ${i + 1} names S${i + 1} and its title: ${h.text}`));
      assert.equal(grid.rows.length, report.groups.length, 'one row per group');
      assert.deepEqual(grid.rows.map((r) => r.group).sort((a, b) => a - b), report.groups.map((g) => g.id));
      let silent = 0;
      for (const row of grid.rows) {
        const g = report.groups[row.group];
        assert.equal(row.role, 'row');
        assert.equal(row.headRole, 'rowheader');
        assert.ok(row.head.startsWith(`${Math.round(g.score * 100)}% similar`), row.head);
        for (const word of g.reasons) assert.ok(row.head.includes(word), `the row head gives the reason ${word}`);
        row.cells.forEach((cell, s) => {
          const members = g.members.filter((m) => m.source === s).sort((a, b) => a.start - b.start);
          assert.deepEqual(cell, members.length ? members.map((m) => passageOf(report, m)) : null, `group ${g.id}, S${s + 1}`);
        });
        for (const [text, shown, role] of row.silentText) {
          assert.deepEqual([text, shown, role], ['—not in this source', '—', 'gridcell'], 'a silent source: a dash, and words for readers');
          silent++;
        }
      }
      assert.ok(silent > 0, 'the demo has silent sources');
      // Rows holding text that another source has word for word are marked, with the words.
      const acrossSources = report.shared.filter((s) => new Set(s.spans.map((sp) => sp.source)).size > 1);
      const expectMarked = report.groups.filter((g) => g.members.some((m) => acrossSources.some((s) => s.spans.some(
        (sp) => sp.source === m.source && sp.start < m.end && m.start < sp.end)))).map((g) => g.id).sort((a, b) => a - b);
      const marked = await page.locator(`${GRID} tbody tr`).evaluateAll((trs) => trs
        .filter((tr) => tr.querySelector('.verbatim-flag')).map((tr) => Number(tr.dataset.group)).sort((a, b) => a - b));
      assert.ok(expectMarked.length > 0);
      assert.deepEqual(marked, expectMarked);
      assert.equal(await page.locator(`${GRID} .verbatim-flag`).first().textContent(), '❝ word for word');
      // The summary says which mode the core used.
      assert.equal(await page.getAttribute('.run-info', 'data-mode'), report.mode);
      assert.match(await page.textContent('.run-info'), /^Topic alignment \(passages paired by topic, in any order; chosen automatically\) · sentences · least similarity 0\.3 · shared runs of 6 or more words$/);
      await page.locator('#view-tabs').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
      await page.screenshot({ path: join(shotsDir, `${mode}-aligned-light.png`) });

      // The tabs by keyboard: arrows move and open, Home and End go to the ends.
      await page.focus('#tab-aligned');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-pairs');
      assert.equal(await page.getAttribute('#tab-pairs', 'aria-selected'), 'true');
      assert.equal(await page.isVisible('#pairs table'), true, 'the pairwise view still works');
      assert.equal(await page.isHidden('#view-aligned'), true);
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('#tab-shared', 'aria-selected'), 'true');
      assert.ok(await page.locator('#shared li').first().isVisible());
      await page.keyboard.press('End');
      const selected = () => page.locator('#view-tabs [role=tab]').evaluateAll((ts) => ts.map((t) => [t.tabIndex, t.getAttribute('aria-selected')]));
      assert.deepEqual(await selected(), tabNames.map((_, i) => (i === tabNames.length - 1 ? [0, 'true'] : [-1, 'false'])));
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('#tab-aligned', 'aria-selected'), 'true', 'the arrows wrap round');
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      assert.deepEqual(await selected(), tabNames.map((_, i) => (i === 0 ? [0, 'true'] : [-1, 'false'])));
      assert.equal(await page.isVisible('#view-aligned'), true);

      // The snapshot shows every view, the grid included, as a static page.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
      const path = join(shotsDir, `${mode}-aligned-snapshot.html`);
      await download.saveAs(path);
      const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const snap = await viewer.newPage();
      await snap.goto(pathToFileURL(path).href);
      const seen = await snap.evaluate(() => ({
        columns: document.querySelectorAll('table.agrid thead th').length,
        rows: document.querySelectorAll('table.agrid tbody tr').length,
        shown: ['table.agrid', '#pairs table', '#shared li'].map((s) => document.querySelector(s)?.getClientRects().length > 0),
        tabbable: document.querySelectorAll('[tabindex], [role=tab], [role=tablist]').length,
      }));
      assert.deepEqual(seen, { columns: n + 1, rows: report.groups.length, shown: [true, true, true], tabbable: 0 });
      await viewer.close();
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('the grid by keyboard: arrows, Home/End, Enter opens the diff of two passages, Escape closes it', async () => {
      const { context, page, errors } = await open(browser, url());
      await compareDemo(page);
      const report = await reportOf(page);
      // One tab stop: Tab from the order picker lands on the first passage of the first row.
      await page.focus('#view-aligned select.order');
      await page.keyboard.press('Tab');
      assert.deepEqual(await focusAt(page), { row: 1, col: 1, role: 'gridcell', oneStop: true });
      const steps = [
        ['ArrowRight', { row: 1, col: 2 }], ['ArrowDown', { row: 2, col: 2 }], ['ArrowLeft', { row: 2, col: 1 }],
        ['ArrowLeft', { row: 2, col: 0 }], ['ArrowLeft', { row: 2, col: 0 }], ['End', { row: 2, col: 9 }],
        ['Home', { row: 2, col: 0 }], ['ArrowUp', { row: 1, col: 0 }], ['ArrowUp', { row: 0, col: 0 }],
        ['ArrowRight', { row: 0, col: 1 }], ['Control+End', { row: report.groups.length, col: 9 }],
        ['PageUp', { row: report.groups.length - 10, col: 9 }], ['Control+Home', { row: 0, col: 0 }],
        ['ArrowDown', { row: 1, col: 0 }],
      ];
      for (const [key, want] of steps) {
        await page.keyboard.press(key);
        const at = await focusAt(page);
        assert.deepEqual({ row: at.row, col: at.col }, want, `after ${key}`);
        assert.equal(at.oneStop, true, `one tab stop after ${key}`);
        assert.equal(at.role, want.row === 0 ? 'columnheader' : want.col === 0 ? 'rowheader' : 'gridcell');
      }
      // Enter on the first row: the diff of its first two passages, side by side.
      const firstGroup = Number(await page.getAttribute(`${GRID} tbody tr:first-child`, 'data-group'));
      const g = report.groups[firstGroup];
      assert.ok(g.members.length >= 3, 'the first row (most sources first) has three passages or more');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${DIFF}:not([hidden]) [data-side=old]`);
      const [a, b, c] = columnOrder(g);
      assert.equal(await page.textContent(`${DIFF} [data-side=old]`), passageOf(report, a));
      assert.equal(await page.textContent(`${DIFF} [data-side=new]`), passageOf(report, b));
      assert.ok(await page.locator(`${DIFF} [data-side=old] del, ${DIFF} [data-side=new] ins`).count() > 0, 'the changes are marked');
      assert.equal(await page.getAttribute(`${GRID} tbody tr:first-child`, 'aria-selected'), 'true');
      assert.equal((await focusAt(page)).row, 1, 'focus stays on the row');
      assert.deepEqual(await page.locator(`${DIFF} select`).evaluateAll((s) => s.map((x) => x.selectedOptions[0].textContent)),
        [`S${a.source + 1}`, `S${b.source + 1}`]);
      await page.locator(DIFF).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shotsDir, `${mode}-aligned-diff.png`) });

      // Another pair of the row: the third passage against the first.
      await page.selectOption(`${DIFF} select.diff-new`, { index: 2 });
      await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text,
        [`${DIFF} [data-side=new]`, passageOf(report, c)]);
      assert.equal(await page.textContent(`${DIFF} [data-side=old]`), passageOf(report, a));

      // Inline: one text; without the added words it is the first passage, without the removed ones the other.
      await page.click(`${DIFF} label.seg:has-text("Inline")`);
      await page.waitForSelector(`${DIFF} [data-side=inline]`);
      assert.equal(await textWithout(page, `${DIFF} [data-side=inline]`, 'ins'), passageOf(report, a));
      assert.equal(await textWithout(page, `${DIFF} [data-side=inline]`, 'del'), passageOf(report, c));
      assert.equal(await page.locator(`${DIFF} [data-side=old]`).count(), 0);
      assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('parallax.options.v1'))).diff_layout, 'inline');
      await page.screenshot({ path: join(shotsDir, `${mode}-aligned-diff-inline.png`) });
      await page.click(`${DIFF} label.seg:has-text("Side by side")`);
      await page.waitForSelector(`${DIFF} [data-side=old]`);

      // An open diff follows the rows as the arrows move; the sources picked stay where the row has them.
      await page.focus(`${GRID} tbody tr:first-child td[data-source="${a.source}"]`);
      await page.keyboard.press('ArrowDown');
      const second = Number(await page.getAttribute(`${GRID} tbody tr:nth-child(2)`, 'data-group'));
      await page.waitForFunction(([sel, id]) => document.querySelector(sel)?.dataset.group === String(id), [DIFF, second]);
      const next = columnOrder(report.groups[second]);
      const inNext = (s) => next.find((m) => m.source === s);
      const [old2, new2] = inNext(a.source) && inNext(c.source) ? [inNext(a.source), inNext(c.source)] : next;
      assert.equal(await page.textContent(`${DIFF} [data-side=old]`), passageOf(report, old2));
      assert.equal(await page.textContent(`${DIFF} [data-side=new]`), passageOf(report, new2));
      assert.equal(await page.getAttribute(`${GRID} tbody tr:nth-child(2)`, 'aria-selected'), 'true');
      assert.equal(await page.getAttribute(`${GRID} tbody tr:first-child`, 'aria-selected'), 'false');

      // Escape closes it, from the grid or from inside the diff, and focus is back on the row.
      await page.keyboard.press('Escape');
      await page.waitForSelector(DIFF, { state: 'hidden' });
      assert.equal(await page.getAttribute(`${GRID} tbody tr:nth-child(2)`, 'aria-selected'), 'false');
      assert.equal((await focusAt(page)).row, 2);
      await page.keyboard.press(' ');
      await page.waitForSelector(`${DIFF}:not([hidden])`);
      await page.focus(`${DIFF} select.diff-old`);
      await page.keyboard.press('Escape');
      await page.waitForSelector(DIFF, { state: 'hidden' });
      const back = await focusAt(page);
      assert.deepEqual([back.row, back.oneStop], [2, true]);
      // A click opens a row too.
      await page.click(`${GRID} tbody tr:nth-child(3) th`);
      await page.waitForFunction(([sel, tr]) => document.querySelector(sel)?.dataset.group === document.querySelector(tr).dataset.group,
        [DIFF, `${GRID} tbody tr:nth-child(3)`]);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

describe('aligned view', () => {
  test('rows follow a source\'s reading order, or how many sources share them, or their similarity', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await compareDemo(page);
    const report = await reportOf(page);
    const order = () => page.locator(`${GRID} tbody tr`).evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.group)));
    const sourcesOf = (id) => new Set(report.groups[id].members.map((m) => m.source)).size;
    const nonIncreasing = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);

    // By default (articles, topic mode): rows that say something (passages of 8 words or
    // more on average) before small talk and datelines; then most sources first; among rows
    // with as many, the most similar first, a short line weighing less than one of 12 words.
    assert.equal(report.mode, 'topic');
    assert.equal(await page.inputValue('#view-aligned select.order'), 'sources');
    let rows = await order();
    const words = (g) => g.members.reduce((n, m) => n + report.sources[m.source].text.slice(m.start, m.end).split(/\s+/).filter(Boolean).length, 0) / g.members.length;
    const substantive = (id) => words(report.groups[id]) >= 8;
    const weight = (id) => report.groups[id].score * Math.min(1, words(report.groups[id]) / 12);
    const said = rows.filter(substantive).length;
    assert.ok(said > 15 && said < rows.length);
    assert.deepEqual(rows.slice(0, said), rows.filter(substantive), 'every substantive row comes before every short one');
    for (const part of [rows.slice(0, said), rows.slice(said)]) {
      assert.ok(nonIncreasing(part.map(sourcesOf)));
      for (let i = 1; i < part.length; i++) {
        if (sourcesOf(part[i - 1]) === sourcesOf(part[i])) assert.ok(weight(part[i - 1]) >= weight(part[i]));
      }
    }
    // The first fifteen rows are the story, not a press call's courtesies.
    const texts = (id) => report.groups[id].members.map((m) => report.sources[m.source].text.slice(m.start, m.end));
    for (const id of rows.slice(0, 15)) {
      assert.ok(!texts(id).every((t) => /^(Q\s+)?(And )?(thanks?|thank you|good (morning|afternoon)|okay|yeah|sure)\b/i.test(t.trim())),
        `row ${id} is not small talk: ${JSON.stringify(texts(id))}`);
    }
    const top15 = rows.slice(0, 15).flatMap(texts).join(' ');
    for (const point of ['nothing about them without them', 'missile systems in Europe', 'President Biden has spoken with leaders across Europe']) {
      assert.ok(top15.includes(point), `the first rows tell of “${point}”`);
    }
    assert.match(await page.textContent('#aligned-note'), /^Rows that more sources share first; among them, the most similar\. Short rows, whose passages average under 8 words \(“Thank you\.”, datelines\), come after all the others\./);

    // S4's reading order: the rows S4 is in come first, in the order of its text; then the rest.
    await page.selectOption('#view-aligned select.order', 'source:3');
    rows = await order();
    const startIn = (id, s) => Math.min(...report.groups[id].members.filter((m) => m.source === s).map((m) => m.start));
    const withS4 = report.groups.filter((g) => g.members.some((m) => m.source === 3)).length;
    assert.ok(withS4 > 1 && withS4 < rows.length);
    const head = rows.slice(0, withS4);
    assert.ok(head.every((id) => Number.isFinite(startIn(id, 3))), 'the first rows are those S4 is in');
    assert.ok(head.every((id, i) => i === 0 || startIn(head[i - 1], 3) <= startIn(id, 3)), 'in S4’s order');
    assert.ok(rows.slice(withS4).every((id) => !report.groups[id].members.some((m) => m.source === 3)));
    assert.equal(await page.getAttribute(`${GRID} thead th[data-source="3"]`, 'aria-sort'), 'ascending');
    assert.equal(await page.locator(`${GRID} thead th[aria-sort]`).count(), 1);
    assert.match(await page.textContent('#aligned-note'), new RegExp(`^In S4’s reading order; the ${rows.length - withS4} rows without S4 come last\\.`));
    assert.ok(await page.locator(`${GRID} tbody tr:nth-child(${withS4 + 1}).first-silent`).count() === 1, 'a rule where the rest begins');

    // Highest similarity first.
    await page.selectOption('#view-aligned select.order', 'score');
    rows = await order();
    assert.ok(nonIncreasing(rows.map((id) => report.groups[id].score)));

    // A source's column head orders by that source, by click or by Enter.
    await page.click(`${GRID} thead th[data-source="1"]`);
    assert.equal(await page.inputValue('#view-aligned select.order'), 'source:1');
    rows = await order();
    const withS2 = rows.filter((id) => report.groups[id].members.some((m) => m.source === 1));
    assert.deepEqual(rows.slice(0, withS2.length), withS2);
    assert.ok(withS2.every((id, i) => i === 0 || startIn(withS2[i - 1], 1) <= startIn(id, 1)));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#view-aligned select.order'), 'source:2');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.source), '2', 'focus stays on the head');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('versions of one text open in the first source\'s reading order; a reader\'s choice of order is kept', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    const demo = async (id) => {
      await page.selectOption('#demo-choice', id);
      await page.click('#load-demo');
      await page.click('#compare');
      await page.waitForFunction((n) => document.querySelectorAll('#view-aligned table.agrid thead th[data-source]').length === n,
        id === 'darwin' ? 6 : 9);
    };
    const firstRows = () => page.locator(`${GRID} tbody tr`).evaluateAll((trs) => trs.slice(0, 20).map((tr) => Number(tr.dataset.group)));
    // Articles first: most shared first.
    await demo('news');
    assert.equal(await page.inputValue('#view-aligned select.order'), 'sources');
    // Darwin's editions (version mode): in the 1859 edition's order, its column head marked so.
    await demo('darwin');
    const report = await reportOf(page);
    assert.equal(report.mode, 'version');
    assert.equal(await page.inputValue('#view-aligned select.order'), 'source:0');
    assert.equal(await page.getAttribute(`${GRID} thead th[data-source="0"]`, 'aria-sort'), 'ascending');
    assert.match(await page.textContent('#aligned-note'), /^In S1’s reading order/);
    const startIn0 = (id) => Math.min(...report.groups[id].members.filter((m) => m.source === 0).map((m) => m.start));
    const rows = await firstRows();
    assert.ok(rows.every((id, i) => i === 0 || startIn0(rows[i - 1]) <= startIn0(id)), 'the rows follow the 1859 text');
    assert.match(await page.textContent(`${GRID} tbody tr:first-child td[data-source="0"]`), /^WHEN we look to the individuals of the same variety/);
    await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
    await page.screenshot({ path: join(shotsDir, 'aligned-darwin-reading-order.png') });

    // The reader picks an order: it holds for the next comparisons, of versions or of articles.
    await page.selectOption('#view-aligned select.order', 'sources');
    await page.click('#compare');
    await page.waitForSelector('#status.ok');
    await page.waitForSelector(GRID);
    assert.equal(await page.inputValue('#view-aligned select.order'), 'sources');
    await page.click(`${GRID} thead th[data-source="2"]`);
    await demo('news');
    assert.equal(await page.inputValue('#view-aligned select.order'), 'source:2');
    await demo('darwin');
    assert.equal(await page.inputValue('#view-aligned select.order'), 'source:2');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the diff options change the diff at once: case and punctuation', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await paste(page, [
      { title: 'Wire', text: 'The Talks began in Geneva on Monday morning. Officials expect little progress this week.' },
      { title: 'Paper', text: 'the talks began in Geneva on Monday morning. Officials expect little progress this week!' },
    ]);
    await page.click('#compare');
    await page.waitForSelector(GRID);
    assert.equal(await page.locator(`${GRID} tbody tr`).count(), 2);
    const row = (words) => page.locator(`${GRID} tbody tr`, { hasText: words });
    const marks = () => page.locator(`${DIFF} .diff-text del, ${DIFF} .diff-text ins`).allTextContents();

    await row('Talks began').locator('td').first().click();
    await page.waitForSelector(`${DIFF}:not([hidden]) [data-side=old]`);
    assert.deepEqual(await marks(), ['The Talks', 'the talks']);
    await page.click('#options-toggle');
    await page.uncheck('#opt-case');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .diff-text del, ${sel} .diff-text ins`).length === 0, DIFF);
    assert.equal(await page.textContent(`${DIFF} [data-side=old]`), 'The Talks began in Geneva on Monday morning.');
    assert.equal(await page.textContent(`${DIFF} [data-side=new]`), 'the talks began in Geneva on Monday morning.');
    assert.match(await page.textContent(`${DIFF} .diff-meta`), /100% of words the same · row similarity 100% · ignoring case$/);
    // The pairwise view follows the same options.
    await page.click('#tab-pairs');
    await page.waitForFunction(() => document.querySelectorAll('#pairs tbody tr').length === 2
      && !document.querySelector('#pairs tbody tr:first-child del'));
    await page.click('#tab-aligned');

    await row('progress').locator('td').nth(1).click();
    await page.waitForFunction((sel) => document.querySelector(`${sel} [data-side=old]`)?.textContent.includes('progress'), DIFF);
    assert.deepEqual(await marks(), ['.', '!']);
    await page.uncheck('#opt-punct');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .diff-text del, ${sel} .diff-text ins`).length === 0, DIFF);
    assert.match(await page.textContent(`${DIFF} .diff-meta`), /ignoring case and punctuation$/);
    await page.check('#opt-case');
    await page.check('#opt-punct');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .diff-text del, ${sel} .diff-text ins`).length === 2, DIFF);
    assert.equal(await page.locator('#stale p').count(), 0, 'diff options need no new comparison');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('every option is labelled, kept across a reload, checked, and reaches the report', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await paste(page, [
      { title: 'Wire', text: 'Talks open in Geneva on Monday.\n\nOfficials expect little from the first round of talks.' },
      { title: 'Paper', text: 'Officials expect little from the first round.\n\nTalks open in Geneva on Monday, aides said.' },
    ]);
    await page.click('#compare');
    await page.waitForSelector(GRID);
    assert.equal(await page.isHidden('#options'), true, 'the options start folded');
    await page.click('#options-toggle');
    assert.equal(await page.getAttribute('#options-toggle', 'aria-expanded'), 'true');
    const fields = ['#opt-granularity', '#opt-mode', '#opt-min-score', '#opt-min-shared', '#include-comments', '#opt-case', '#opt-punct'];
    for (const f of fields) {
      const { label, hint } = await page.locator(f).evaluate((e) => ({
        label: e.labels[0]?.textContent.trim(),
        hint: document.getElementById(e.getAttribute('aria-describedby')?.split(' ')[0] || '')?.textContent.trim(),
      }));
      assert.ok(label && hint, `${f} has a label (${label}) and a hint (${hint})`);
    }
    assert.deepEqual(await Promise.all(fields.slice(0, 4).map((f) => page.inputValue(f))), ['sentence', 'auto', '0.3', '6']);

    // A bad number says so under its field, and Compare does not run with it.
    await page.fill('#opt-min-score', '1.5');
    await page.keyboard.press('Tab');
    assert.equal(await page.textContent('#opt-min-score-error'), 'Enter a number from 0 to 1, such as 0.3.');
    assert.equal(await page.getAttribute('#opt-min-score', 'aria-invalid'), 'true');
    await page.fill('#opt-min-shared', '2.5');
    await page.keyboard.press('Tab');
    assert.equal(await page.textContent('#opt-min-shared-error'), 'Enter a whole number of words from 2 to 200, such as 6.');
    assert.match(await page.textContent('#stale'), /^Out of date: the options changed since this comparison\. Compare again$/);
    await page.locator('#options').screenshot({ path: join(shotsDir, 'aligned-options-invalid.png') });
    await page.click('#compare');
    await page.waitForSelector('#status.error');
    assert.equal(await page.textContent('#status'), 'Options: Enter a number from 0 to 1, such as 0.3. Enter a whole number of words from 2 to 200, such as 6.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'opt-min-score');

    // Valid values clear the messages; every option is set.
    await page.fill('#opt-min-score', '0.45');
    assert.equal(await page.isHidden('#opt-min-score-error'), true);
    assert.equal(await page.getAttribute('#opt-min-score', 'aria-invalid'), 'false');
    await page.fill('#opt-min-shared', '8');
    await page.selectOption('#opt-granularity', 'paragraph');
    await page.selectOption('#opt-mode', 'version');
    await page.check('#include-comments');
    await page.uncheck('#opt-case');
    await page.uncheck('#opt-punct');
    await page.locator('#options').screenshot({ path: join(shotsDir, 'aligned-options.png') });

    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.equal(await page.isVisible('#options'), true, 'the panel stays open');
    assert.deepEqual(await Promise.all(fields.slice(0, 4).map((f) => page.inputValue(f))), ['paragraph', 'version', '0.45', '8']);
    assert.deepEqual(await Promise.all(fields.slice(4).map((f) => page.isChecked(f))), [true, false, false]);

    await page.click('#compare');
    await page.waitForSelector('.run-info[data-mode]');
    const report = await reportOf(page);
    assert.deepEqual(report.options, { granularity: 'paragraph', mode: 'version', min_score: 0.45, min_shared_words: 8, include_comments: true });
    assert.equal(report.mode, 'version');
    assert.equal(await page.textContent('.run-info'),
      'Version alignment (passages paired as versions, in order; as set in Options) · paragraphs · least similarity 0.45 · shared runs of 8 or more words · reader comments included');
    assert.equal(await page.textContent('#stale'), '');

    // Reset: the defaults come back, and the results made with other options say they are out of date.
    await page.click('#options-reset');
    assert.deepEqual(await Promise.all(fields.slice(0, 4).map((f) => page.inputValue(f))), ['sentence', 'auto', '0.3', '6']);
    assert.deepEqual(await Promise.all(fields.slice(4).map((f) => page.isChecked(f))), [false, true, true]);
    assert.match(await page.textContent('#stale'), /^Out of date/);
    await page.click('#stale button');
    await page.waitForFunction(() => document.querySelector('.run-info')?.textContent.startsWith('Topic alignment'));
    assert.equal(await page.textContent('#stale'), '');
    assert.deepEqual((await reportOf(page)).options, { granularity: 'sentence', mode: 'auto', min_score: 0.3, min_shared_words: 6, include_comments: false });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('twenty pasted sources: twenty columns in one scroll box, heads stay in sight', async () => {
    const { context, page, errors, dialogs } = await open(browser, offlineUrl);
    const facts = [
      'Negotiators met in Geneva on Monday for nearly eight hours of talks on missile limits.',
      'The Russian delegation asked for guarantees that NATO would not expand further east.',
      'Deputy Secretary Wendy Sherman called several proposals simply non-starters.',
      'Both sides agreed to keep talking, with further meetings planned in Brussels and Vienna.',
      'Troop movements near the Ukrainian border remained the main worry of the allies.',
      'Officials said arms control and exercises could be discussed in later rounds.',
    ];
    const list = Array.from({ length: 20 }, (_, i) => ({
      title: i === 0 ? '"><img src=x onerror="window.__xss=1"> Wire' : `Outlet ${i + 1}`,
      // Each outlet tells a different selection of the facts, some in other words.
      text: facts.filter((_, k) => (i + k) % 4 !== 0)
        .map((f, k) => (k % 2 && i % 3 === 0 ? f.replace('Officials said', 'Aides told reporters') : f)).join(' ')
        + (i === 1 ? ' <script>window.__xss=2</script> was quoted too.' : ''),
    }));
    await paste(page, list);
    await page.click('#compare');
    await page.waitForSelector(GRID);
    const report = await reportOf(page);
    assert.equal(report.sources.length, 20);
    const grid = await gridOf(page);
    assert.equal(grid.heads.length, 21);
    assert.equal(grid.rows.length, report.groups.length);
    assert.ok(grid.rows.every((r) => r.cells.length === 20));
    assert.ok(grid.heads[1].text.includes(list[0].title), 'a title with markup is shown as text');
    assert.equal(await page.evaluate(() => [window.__xss ?? null, document.images.length]).then(JSON.stringify), '[null,0]');
    assert.deepEqual(dialogs, []);

    // One scroll box holds the columns; the page itself does not scroll sideways.
    const box = await page.locator('#view-aligned .grid-scroll').evaluate((s) => ({ wide: s.scrollWidth > s.clientWidth + 100 }));
    assert.deepEqual(box, { wide: true });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    // Scrolled to the far right and down, the column heads and row heads stay at the box's edges.
    const edges = await page.locator('#view-aligned .grid-scroll').evaluate((s) => {
      s.scrollLeft = s.scrollWidth;
      s.scrollTop = 150;
      const r = s.getBoundingClientRect();
      const headTop = s.querySelector('thead th[data-source="19"]').getBoundingClientRect().top;
      const rowHeadLeft = s.querySelector('tbody tr:nth-child(3) th').getBoundingClientRect().left;
      return [Math.round(headTop - r.top), Math.round(rowHeadLeft - r.left)];
    });
    assert.ok(edges.every((d) => d >= 0 && d <= 2), `sticky heads at the edges: ${edges}`);
    // End on a row brings the last column into view.
    await page.locator('#view-aligned .grid-scroll').evaluate((s) => { s.scrollLeft = 0; s.scrollTop = 0; });
    await page.focus(`${GRID} [tabindex="0"]`);
    await page.keyboard.press('End');
    const seen = await page.evaluate(() => {
      const c = document.activeElement;
      const s = c.closest('.grid-scroll').getBoundingClientRect();
      const r = c.getBoundingClientRect();
      return [c.dataset.source, r.left >= s.left - 1 && r.right <= s.right + 1];
    });
    assert.deepEqual(seen, ['19', true]);
    await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
    await page.screenshot({ path: join(shotsDir, 'aligned-20-sources.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a long grid draws 300 rows until asked for all; focus goes to the first new row', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    const cities = ['Geneva', 'Brussels', 'Vienna', 'Moscow', 'Kyiv', 'Warsaw', 'Riga', 'Oslo'];
    const wire = Array.from({ length: 320 }, (_, i) =>
      `Delegation ${i} met officials from ${cities[i % 8]} and ${cities[(i * 3 + 1) % 8]} on day ${i * 3 + 1} of talks number ${i}.`);
    await page.evaluate((texts) => texts.forEach((text, i) => {
      const area = document.querySelector(`.source-card[data-index="${i}"] textarea`);
      area.value = text;
      area.dispatchEvent(new Event('input'));
    }), [wire.join(' '), wire.map((s) => s.replace(' met ', ' saw ')).join(' ')]);
    await page.click('#compare');
    await page.waitForSelector(GRID);
    assert.equal(await page.locator(`${GRID} tbody tr`).count(), 300);
    assert.equal(await page.getAttribute(GRID, 'aria-rowcount'), '321');
    assert.equal(await page.textContent('#view-aligned p.more'), 'The first 300 of 320 rows are shown. Show all 320 rows (20 more)');
    await page.click('#view-aligned p.more button');
    assert.equal(await page.locator(`${GRID} tbody tr`).count(), 320);
    assert.equal(await page.locator('#view-aligned p.more').count(), 0);
    const at = await focusAt(page);
    assert.deepEqual([at.row, at.oneStop], [301, true]);
    assert.equal(await page.evaluate(() => document.activeElement.parentElement.getAttribute('aria-rowindex')), '302');
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [name, opts] of [['dark', { colorScheme: 'dark' }], ['light', {}], ['narrow', { viewport: { width: 420, height: 900 } }]]) {
    test(`the aligned view reads in the ${name} screenshot: AA contrast, nothing sideways`, async () => {
      const { context, page, errors } = await open(browser, offlineUrl, opts);
      await compareDemo(page);
      await page.click(`${GRID} tbody tr:first-child td:not(.silent)`);
      await page.waitForSelector(`${DIFF}:not([hidden]) [data-side=old] del`);
      await page.click('#options-toggle');
      const ratios = await contrasts(page, [
        `${GRID} .sid`, `${GRID} .stitle`, `${GRID} .corner`, `${GRID} td.silent .dash`, `${GRID} .reasons`, `${GRID} .score-word`,
        `${GRID} .verbatim-flag`, `${GRID} mark.verbatim`, `${GRID} tr.selected td:not(.silent) .member`, `${GRID} tr:not(.selected) td .member`,
        `${DIFF} del`, `${DIFF} ins`, `${DIFF} .diff-meta`, `${DIFF} .side-label`, '#aligned-note', '.run-info',
        '#view-tabs [aria-selected=false]', '#view-tabs [aria-selected=true]', '#options .field-hint', '#options .legend-note',
      ]);
      for (const [sel, ratio] of Object.entries(ratios)) assert.ok(ratio >= 4.5, `${sel}: contrast ${ratio} in ${name}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing sticks out sideways');
      await page.locator('#options').screenshot({ path: join(shotsDir, `aligned-options-${name}.png`) });
      await page.evaluate(() => document.querySelector('#view-tabs').scrollIntoView());
      await page.screenshot({ path: join(shotsDir, `aligned-diff-${name}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
