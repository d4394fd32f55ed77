// Page tests of the sources panel (issue 5): each source's author and date, given by the
// reader or found by the core; moving sources earlier and later; the progress of a long
// comparison beside Cancel. Offline page; screenshots in light, dark and 420 px wide.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, offlineUrl, shotsDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const card = (n) => `.source-card[data-index="${n}"]`;
const GRID = '#view-aligned table.agrid';

/** The report the page holds, as its "Report (JSON)" export gives it. */
async function reportOf(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

/** Stores `list` as the page's sources and reloads: quicker than typing long texts. */
async function storeSources(page, list) {
  await page.evaluate((l) => localStorage.setItem('parallax.inputs.v1', JSON.stringify(l)), list);
  await page.reload();
  await page.evaluate(() => Parallax.ready);
}

async function compare(page) {
  await page.click('#compare');
  await page.waitForSelector('#status.ok');
  await page.waitForSelector(GRID);
}

// A byline and a dateline the core finds; the second text has neither.
const WIRE = 'Talks open in Geneva\n\nBy Jane Doe\n\nJanuary 10, 2022\n\n'
  + 'The delegations met for nearly eight hours on Monday. Officials expect little progress this week.';
const PAPER = 'The delegations met for nearly eight hours. Officials expect little progress this week, aides said.';
const RADIO = 'Officials expect little progress this week. The delegations met for eight hours in Geneva.';

describe('author and date', () => {
  test('each card has labelled author and date fields; what is found shows as a placeholder, what is typed is sent and kept', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await storeSources(page, [{ title: 'Wire', text: WIRE }, { title: 'Paper', text: PAPER }]);
    // Labelled by name and by source; before a comparison nothing is known yet.
    assert.equal(await page.locator(`${card(0)} input.author`).getAttribute('aria-label'), 'Author of source S1');
    assert.equal(await page.locator(`${card(1)} input.date`).getAttribute('aria-label'), 'Date of source S2');
    assert.deepEqual(await page.locator(`${card(0)} .byline-name`).allTextContents(), ['Author', 'Date']);
    assert.equal(await page.getAttribute(`${card(0)} input.author`, 'placeholder'), 'automatic');
    // The title stays the card's one text field of its kind (other tests find it so).
    assert.equal(await page.locator(`${card(0)} input[type=text]`).count(), 1);

    // Compared with the fields blank: the core's finds come back and become the placeholders.
    await compare(page);
    let report = await reportOf(page);
    assert.deepEqual(report.sources.map((s) => [s.author, s.date]), [['Jane Doe', 'January 10, 2022'], [null, null]]);
    assert.equal(await page.getAttribute(`${card(0)} input.author`, 'placeholder'), 'found: Jane Doe');
    assert.equal(await page.getAttribute(`${card(0)} input.date`, 'placeholder'), 'found: January 10, 2022');
    assert.equal(await page.getAttribute(`${card(1)} input.author`, 'placeholder'), 'none found');
    assert.equal(await page.getAttribute(`${card(0)} input.date`, 'title'),
      'Found in the text: January 10, 2022. A date typed here replaces it.');

    // What the reader types replaces what was found, for that field only; blank is not sent.
    await page.fill(`${card(0)} input.author`, 'J. Doe, Geneva bureau');
    await page.fill(`${card(1)} input.date`, '11 January 2022');
    assert.match(await page.textContent('#stale'), /^Out of date: an author or date was changed since this comparison\./);
    await compare(page);
    report = await reportOf(page);
    assert.deepEqual(report.sources.map((s) => [s.author, s.date]),
      [['J. Doe, Geneva bureau', 'January 10, 2022'], [null, '11 January 2022']]);
    assert.equal(await page.textContent('#stale'), '');
    // The found author stays the placeholder, for when the field is emptied again.
    assert.equal(await page.getAttribute(`${card(0)} input.author`, 'placeholder'), 'found: Jane Doe');

    // Shown where the page names the sources: the summary and the aligned view's column heads.
    assert.deepEqual(await page.locator('#summary thead th').allTextContents(),
      ['Source', 'Title', 'Author, date', 'Words', 'Passages', 'Aligned with another source']);
    assert.deepEqual(await page.locator('#summary tbody td.byline-cell').allTextContents(),
      ['J. Doe, Geneva bureauJanuary 10, 2022', '11 January 2022']);
    assert.equal(await page.getAttribute(`${GRID} thead th[data-source="0"]`, 'title'),
      'S1 · Wire, by J. Doe, Geneva bureau, January 10, 2022. Enter or click: order the rows by its reading order.');
    assert.equal(await page.getAttribute(`${GRID} thead th[data-source="1"]`, 'title'),
      'S2 · Paper, 11 January 2022. Enter or click: order the rows by its reading order.');

    // Kept with the source across a reload.
    await page.waitForTimeout(400); // the page saves 200 ms after the last keystroke
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.inputs.v1')));
    assert.deepEqual(saved.map((s) => [s.author, s.date]), [['J. Doe, Geneva bureau', ''], ['', '11 January 2022']]);
    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.equal(await page.inputValue(`${card(0)} input.author`), 'J. Doe, Geneva bureau');
    assert.equal(await page.inputValue(`${card(1)} input.date`), '11 January 2022');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a summary with no author or date anywhere has no column for them', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await storeSources(page, [{ title: 'Paper', text: PAPER }, { title: 'Radio', text: RADIO }]);
    await compare(page);
    assert.deepEqual(await page.locator('#summary thead th').allTextContents(),
      ['Source', 'Title', 'Words', 'Passages', 'Aligned with another source']);
    await context.close();
  });
});

describe('order of the sources', () => {
  test('move earlier and later by keyboard: focus follows the card, the order is kept and compared, old results are out of date', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    await storeSources(page, [
      { title: 'Wire', text: WIRE, author: 'Wire desk' }, { title: 'Paper', text: PAPER }, { title: 'Radio', text: RADIO }]);
    const titles = () => page.locator('.source-card input[type=text]').evaluateAll((xs) => xs.map((x) => x.value));
    // Each card's buttons name it; the ends cannot move further.
    assert.deepEqual(await page.locator('.source-card button.move').evaluateAll((bs) => bs.map((b) => [b.getAttribute('aria-label'), b.disabled])), [
      ['Move source S1 earlier', true], ['Move source S1 later', false],
      ['Move source S2 earlier', false], ['Move source S2 later', false],
      ['Move source S3 earlier', false], ['Move source S3 later', true],
    ]);
    await compare(page);
    assert.deepEqual((await reportOf(page)).sources.map((s) => s.title), ['Wire', 'Paper', 'Radio']);

    // By keyboard: Wire moves later twice; focus stays on its button, then (at the end) on the other one.
    await page.focus(`${card(0)} button.move.later`);
    await page.keyboard.press('Enter');
    assert.deepEqual(await titles(), ['Paper', 'Wire', 'Radio']);
    const focused = () => page.evaluate(() => [document.activeElement.closest('.source-card')?.dataset.index,
      document.activeElement.getAttribute('aria-label')]);
    assert.deepEqual(await focused(), ['1', 'Move source S2 later']);
    assert.equal(await page.textContent('#status'), 'Moved “Wire” to S2.');
    assert.match(await page.textContent('#stale'), /^Out of date: the sources were reordered since this comparison\. Compare again$/);
    await page.keyboard.press('Space');
    assert.deepEqual(await titles(), ['Paper', 'Radio', 'Wire']);
    assert.deepEqual(await focused(), ['2', 'Move source S3 earlier']);
    // Everything of the source moves with it: its text, author and card.
    assert.equal(await page.inputValue(`${card(2)} textarea`), WIRE);
    assert.equal(await page.inputValue(`${card(2)} input.author`), 'Wire desk');
    assert.equal(await page.textContent(`${card(2)} .label`), 'S3');

    // Kept across a reload.
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.inputs.v1')));
    assert.deepEqual(saved.map((s) => s.title), ['Paper', 'Radio', 'Wire']);
    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.deepEqual(await titles(), ['Paper', 'Radio', 'Wire']);

    // Compared in the new order: S1 is Paper now, and Wire's author is S3's.
    await compare(page);
    const report = await reportOf(page);
    assert.deepEqual(report.sources.map((s) => [s.id, s.title, s.author]), [['S1', 'Paper', null], ['S2', 'Radio', null], ['S3', 'Wire', 'Wire desk']]);
    assert.equal(await page.textContent('#stale'), '');

    // Moving back to the compared order makes the results current again.
    await page.click(`${card(2)} button.move.earlier`);
    assert.match(await page.textContent('#stale'), /the sources were reordered/);
    await page.click(`${card(1)} button.move.later`);
    assert.equal(await page.textContent('#stale'), '');
    // A source removed or added (with text) also puts the results out of date.
    await page.click(`${card(0)} button.remove`);
    assert.match(await page.textContent('#stale'), /^Out of date: a source was removed since this comparison\./);
    await page.click('#add-source');
    assert.match(await page.textContent('#stale'), /^Out of date: a source was removed since/, 'an empty card changes nothing');
    await page.fill(`${card(2)} textarea`, 'A new text.');
    await page.click(`${card(0)} button.move.later`);
    assert.match(await page.textContent('#stale'), /^Out of date: the sources were reordered, a source was added and a source was removed since this comparison\./);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('progress', () => {
  test('a long comparison shows its stage and a bar beside Cancel, and they go when it is done', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    // Twenty texts of 60 KB each, enough for the core to take more than a moment; each
    // sentence has words of its own, so the report stays small and quick to draw.
    const words = 'talks geneva monday officials expect little progress missile europe russia'.split(' ');
    const list = Array.from({ length: 20 }, (_, s) => {
      let text = '';
      for (let k = 0; text.length < 60 * 1024; k++) text += `Note ${s}x${k} on ${words[(k + s) % 10]} lists q${s}w${k} and z${k}y${s} for ${words[(k * 3) % 10]}. `;
      return { title: `Text ${s + 1}`, text };
    });
    await storeSources(page, list);
    // Every label the status shows while comparing, as it changes, and what it announces.
    await page.evaluate(() => {
      window.seen = [];
      const status = document.querySelector('#status');
      new MutationObserver(() => {
        const bar = status.querySelector('progress');
        if (!bar || bar.hidden) return;
        const label = status.querySelector('.progress-label').textContent;
        if (window.seen[window.seen.length - 1]?.label !== label) {
          window.seen.push({ label, announced: status.querySelector('.stage').textContent,
            hiddenCount: status.querySelector('.count').getAttribute('aria-hidden'),
            valuetext: bar.getAttribute('aria-valuetext'), cancel: Boolean(status.querySelector('#cancel')),
            determinate: bar.hasAttribute('value') });
        }
      }).observe(status, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.click('#compare');
    await page.waitForSelector('#status progress:not([hidden])');
    assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#status progress', 'aria-label'), 'Progress of the comparison');
    await page.locator('#status').screenshot({ path: join(shotsDir, 'sources-progress.png') });
    await page.waitForSelector('#status.ok', { timeout: 120000 });
    assert.equal(await page.locator('#status progress').count(), 0, 'the bar is gone');
    assert.match(await page.textContent('#status'), /^Compared 20 sources: /);

    const seen = await page.evaluate(() => window.seen);
    // The count is of the input at work: from 1 to 20, never 0 nor past 20.
    const STAGES = [/^Reading sources: ([1-9]|1\d|20) of 20$/, /^Finding passages: ([1-9]|1\d|20) of 20$/, /^Aligning passages…$/, /^Writing the report…$/];
    const NAMES = ['Reading sources', 'Finding passages', 'Aligning passages', 'Writing the report'];
    assert.ok(seen.length > 0);
    assert.ok(seen.every((s) => STAGES.some((re) => re.test(s.label))), JSON.stringify(seen.map((x) => x.label)));
    let last = -1;
    for (const s of seen) {
      const stage = STAGES.findIndex((re) => re.test(s.label));
      assert.ok(stage >= last, `stages in order: ${JSON.stringify(seen.map((x) => x.label))}`);
      last = stage;
      // The stage's name is announced; its count is not (the bar's value text has it).
      assert.equal(s.announced, NAMES[stage]);
      assert.equal(s.hiddenCount, 'true');
      assert.equal(s.valuetext, s.label);
      assert.equal(s.cancel, true, 'Cancel stays beside the bar');
      assert.equal(s.determinate, stage < 2, 'reading and finding passages count; aligning and writing cannot');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});

for (const [name, opts] of [['light', {}], ['dark', { colorScheme: 'dark' }], ['narrow', { viewport: { width: 420, height: 900 } }]]) {
  test(`the sources panel reads in the ${name} screenshot: fields labelled, AA contrast, nothing sideways`, async () => {
    const { context, page, errors } = await open(browser, offlineUrl, opts);
    await storeSources(page, [{ title: 'Wire', text: WIRE }, { title: 'Paper', text: PAPER, author: 'Paper staff' }, { title: 'Radio', text: RADIO }]);
    await compare(page);
    const ratios = await page.evaluate(() => {
      const rgb = (c) => { const p = c.match(/[\d.]+/g).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
      const lum = ({ r, g, b }) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const bgOf = (e) => { for (let n = e; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c.a > 0.99) return c; } return null; };
      const ratio = (fg, bg) => { const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x); return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100; };
      const first = (sel) => document.querySelector(sel);
      const input = first('.source-card input.author');
      return {
        label: ratio(rgb(getComputedStyle(first('.byline-name')).color), bgOf(first('.byline-name'))),
        placeholder: ratio(rgb(getComputedStyle(input, '::placeholder').color), bgOf(input)),
        typed: ratio(rgb(getComputedStyle(first('.source-card[data-index="1"] input.author')).color), bgOf(input)),
        move: ratio(rgb(getComputedStyle(first('.source-card button.move.later')).color), bgOf(first('.source-card button.move.later'))),
      };
    });
    for (const [what, ratio] of Object.entries(ratios)) assert.ok(ratio >= 4.5, `${what}: contrast ${ratio} in ${name}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing sticks out sideways');
    // In one column the arrows point up and down; in rows of cards, sideways.
    const arrows = await page.locator(`${card(1)} button.move`).evaluateAll((bs) => bs.map((b) => b.innerText.trim()));
    assert.deepEqual(arrows, name === 'narrow' ? ['↑', '↓'] : ['←', '→']);
    await page.locator('#sources').screenshot({ path: join(shotsDir, `sources-${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
