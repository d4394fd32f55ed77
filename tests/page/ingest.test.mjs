// Page tests of ingest: the cleaned view of a messy pasted page and of an HTML file,
// the user's "compare" choices, reader comments, and what survives a reload.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, open, offlineUrl, shotsDir } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

// A news page as a reader's "select all, copy" gives it: menu, headline, byline, photo
// credit, body, a teaser, a donation appeal and a comment thread.
const MESSY = `Skip to main content
Home | World | Politics | Business | Opinion | Sign in | Subscribe

World

Geneva talks end without a deal on missile limits

By Maria Lopez
January 10, 2022 6:42 p.m. ET

Negotiators leave the U.S. mission in Geneva after the talks on Monday. Photo: Jane Doe / Wire Agency

American and Russian negotiators ended nearly eight hours of talks in Geneva on Monday without agreeing on limits to missile deployments in Europe.

Deputy Secretary of State Wendy Sherman said the United States had firmly rejected security proposals that were simply non-starters, while leaving room for talks on arms control.

Both delegations agreed to keep talking, and further meetings with NATO allies and the OSCE are planned in Brussels and Vienna later in the week.

Read more: What to know about NATO's eastern flank keep readingShow less

Our journalism depends on readers like you. Donate today and support independent reporting. Every contribution, however big or small, makes a difference.

3 comments for “Geneva talks end without a deal on missile limits”

Peter K.
January 10, 2022 at 7:15 pm
Eight hours of talks and nothing to show for it, as usual with these summits.
Reply

Anna S.
January 10, 2022 at 8:02 pm
At least the two sides are still talking, which is more than anyone expected last month.
Reply

Mark T.
January 11, 2022 at 9:30 am
Sherman was right to call those proposals non-starters from the outset.
Reply
`;

// A second report of the same day: one sentence matches the photo caption above.
const OTHER = `Russian and American negotiators met for nearly eight hours in Geneva on Monday and ended without agreeing on missile limits in Europe.

The negotiators leave the U.S. mission in Geneva after the talks on Monday, photographers waiting outside.

Further meetings with NATO allies and the OSCE are planned in Brussels and Vienna later in the week.
`;

const EVIL_HTML = `<!doctype html>
<html><head><title>Geneva talks | The Daily Wire Desk</title>
<script>alert(1); document.title = 'pwned';</script>
<style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Geneva talks end without a deal</h1>
<p>American and Russian negotiators met for nearly eight hours in Geneva on Monday without agreeing on missile limits.</p>
<img src=x onerror=alert(1)>
<p>Read the <a href="javascript:alert(1)">full statement</a> of the State Department on the talks and what comes next.</p>
<p onclick="alert(2)" onmouseover="alert(3)">Further meetings with NATO allies are planned in Brussels on Wednesday.</p>
</article>
</body></html>
`;

let browser, server, servedUrl;
before(async () => {
  browser = await launch();
  ({ server, url: servedUrl } = await startServer(0));
});
after(async () => {
  await browser.close();
  server.close();
});

const card = (n) => `.source-card[data-index="${n}"]`;

/** Opens the cleaned view of source `n` and waits for its blocks. */
async function openCleaned(page, n) {
  await page.click(`${card(n)} button.open-cleaned`);
  await page.waitForSelector(`${card(n)} .cleaned[aria-busy="false"] li.block`);
}

/** The blocks of source `n`'s cleaned view as shown: kind, chip, compared or not, text, comment head. */
function blocksOf(page, n) {
  return page.locator(`${card(n)} .cleaned li.block`).evaluateAll((items) => items.map((li) => ({
    kind: li.dataset.kind,
    chip: li.querySelector('.chip')?.textContent ?? null,
    included: li.querySelector('input[type=checkbox]').checked,
    text: li.querySelector('.block-text').textContent,
    start: Number(li.dataset.start),
    comment: li.closest('.comment-group')?.querySelector('.comment-head').textContent ?? null,
  })));
}

const findBlock = (blocks, words) => {
  const b = blocks.find((x) => x.text.includes(words));
  assert.ok(b, `a block with “${words}” in ${JSON.stringify(blocks.map((x) => [x.kind, x.text.slice(0, 40)]))}`);
  return b;
};

/** Every element attribute that could run script, and the script elements, in the whole page. */
function scriptSurface(page) {
  return page.evaluate(() => ({
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
      .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map((a) => `${e.tagName}[${a.name}]`)),
    images: document.images.length,
  }));
}

for (const mode of ['offline', 'served']) {
  describe(`${mode} page: cleaned view`, () => {
    const url = () => (mode === 'offline' ? offlineUrl : servedUrl);

    test('a messy pasted page is read cleaned; a block brought back in is compared', async () => {
      const { context, page, errors, outside } = await open(browser, url());
      await page.fill(`${card(0)} textarea`, MESSY);
      await page.fill(`${card(0)} input[type=text]`, 'The Daily (pasted)');
      await page.fill(`${card(1)} textarea`, OTHER);
      await openCleaned(page, 0);
      assert.equal(await page.getAttribute(`${card(0)} button.open-cleaned`, 'aria-expanded'), 'true');

      let blocks = await blocksOf(page, 0);
      for (const words of ['American and Russian negotiators ended', 'Wendy Sherman said', 'Both delegations agreed']) {
        const b = findBlock(blocks, words);
        assert.deepEqual([b.kind, b.chip, b.included], ['body', 'Body', true], words);
      }
      for (const words of ['Home | World', 'Donate today']) {
        const b = findBlock(blocks, words);
        assert.deepEqual([b.kind, b.chip, b.included], ['boilerplate', 'Boilerplate', false], words);
      }
      for (const [words, author, time] of [['nothing to show for it', 'Peter K.', '7:15 pm'],
        ['still talking', 'Anna S.', '8:02 pm'], ['right to call', 'Mark T.', '9:30 am']]) {
        const b = findBlock(blocks, words);
        // Inside a comment the comment's head names the kind, so its blocks carry no chip.
        assert.deepEqual([b.kind, b.chip, b.included], ['comment', null, false], words);
        assert.match(b.comment, new RegExp(`^Reader comment \\d of 3 by ${author.replace('.', '\\.')}.*${time}`), words);
      }
      // Kinds are told apart by more than colour: a chip with the name, and type style.
      const heading = page.locator(`${card(0)} li.block.kind-heading .block-text`).first();
      assert.ok(Number(await heading.evaluate((e) => getComputedStyle(e).fontWeight)) >= 600);
      // Every block is in the text once, in order, and nothing user-written became markup.
      assert.deepEqual(blocks.map((b) => b.start), [...blocks.map((b) => b.start)].sort((x, y) => x - y));
      assert.equal(await page.locator(`${card(0)} .cleaned .block-text *`).count(), 0);
      assert.ok(!/null|undefined/.test(await page.textContent(`${card(0)} .cleaned`)), 'no stray null in the view');
      // The title/author/date line.
      assert.match(await page.textContent(`${card(0)} .doc-meta`), /Geneva talks end without a deal on missile limits/);

      // Filters hide a kind and say how many blocks it has.
      const boilerCount = blocks.filter((b) => b.kind === 'boilerplate').length;
      const boilerFilter = page.locator(`${card(0)} .filters label.kind-boilerplate`);
      assert.equal(await boilerFilter.textContent(), ` Boilerplate (${boilerCount})`);
      await boilerFilter.locator('input').uncheck();
      assert.equal(await page.locator(`${card(0)} li.block.kind-boilerplate:visible`).count(), 0);
      await boilerFilter.locator('input').check();
      assert.equal(await page.locator(`${card(0)} li.block.kind-boilerplate:visible`).count(), boilerCount);

      // Compare: the caption is left out, so it pairs with nothing.
      const captionWords = 'Negotiators leave the U.S. mission in Geneva';
      const caption = findBlock(blocks, captionWords);
      assert.equal(caption.included, false, 'the photo caption is not compared by default');
      await page.click('#compare');
      await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
      await page.waitForSelector('#pairs table');
      assert.ok(!(await page.textContent('#pairs')).includes(captionWords));

      // Bring it back in, from the keyboard: the view updates and the choice is kept.
      const box = page.locator(`${card(0)} li.block[data-start="${caption.start}"] input[type=checkbox]`);
      await box.focus();
      await page.keyboard.press('Space');
      await page.waitForSelector(`${card(0)} li.block[data-start="${caption.start}"][data-included="true"]`);
      assert.equal(await page.evaluate(() => document.activeElement.dataset.start), String(caption.start),
        'focus stays on the checkbox');
      assert.match(await page.textContent(`${card(0)} li.block[data-start="${caption.start}"] .block-side`), /your choice/);
      assert.equal(await page.textContent(`${card(0)} .choices`), '1 block set by you');
      blocks = await blocksOf(page, 0);
      assert.equal(findBlock(blocks, captionWords).included, true);
      assert.equal(findBlock(blocks, 'Donate today').included, false, 'other blocks keep their state');

      await page.click('#compare');
      await page.waitForFunction((w) => document.querySelector('#pairs')?.textContent.includes(w), captionWords);
      const row = page.locator('#pairs tbody tr', { hasText: captionWords });
      assert.match(await row.locator('td.left').textContent(), /^Negotiators leave the U\.S\. mission in Geneva/);
      assert.match(await row.locator('td.right').textContent(), /negotiators leave the U\.S\. mission in Geneva/);

      // Screenshot of the cleaned view, scrolled to its head.
      await page.locator(`${card(0)} .cleaned`).scrollIntoViewIfNeeded();
      await page.locator(`${card(0)}`).screenshot({ path: join(shotsDir, `${mode}-cleaned-light.png`) });
      assert.deepEqual(errors, []);
      assert.deepEqual(outside, []);
      await context.close();
    });

    test('an HTML file is read as HTML, shown as text, and none of its script runs', async () => {
      const { context, page, errors, dialogs, outside } = await open(browser, url());
      const before = await scriptSurface(page);
      assert.deepEqual(before.handlers, []);
      await page.setInputFiles('#file-input', [
        { name: 'daily-geneva.html', mimeType: 'text/html', buffer: Buffer.from(EVIL_HTML) },
        { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\nTalks in Geneva lasted nearly eight hours on Monday.\n') },
      ]);
      await page.waitForSelector('#status.ok');
      assert.equal(await page.textContent('#status'), 'Added 2 files.');
      assert.equal(await page.inputValue(`${card(0)} input[type=text]`), 'daily-geneva');
      assert.equal(await page.inputValue(`${card(0)} textarea`), EVIL_HTML, 'the HTML source, editable as text');
      assert.equal(await page.textContent(`${card(0)} .badge`), 'HTML');
      assert.equal(await page.inputValue(`${card(0)} select.format`), 'html');
      assert.equal(await page.textContent(`${card(1)} .badge`), 'Markdown');
      assert.equal(await page.locator(`${card(2)}`).count(), 0, 'the two files filled the two empty cards');

      await openCleaned(page, 0);
      const blocks = await blocksOf(page, 0);
      const text = blocks.map((b) => b.text).join('\n');
      assert.match(text, /American and Russian negotiators met for nearly eight hours/);
      assert.match(text, /Read the full statement of the State Department/);
      assert.match(text, /Further meetings with NATO allies/);
      assert.ok(!text.includes('alert('), 'script text is not part of the document');
      assert.equal(findBlock(blocks, 'American and Russian negotiators').kind, 'body');
      assert.match(await page.textContent(`${card(0)} .doc-summary`), /taken from the HTML/);
      await page.screenshot({ path: join(shotsDir, `${mode}-cleaned-html.png`), fullPage: true });

      const afterView = await scriptSurface(page);
      assert.deepEqual(afterView, before, 'no new script element, handler attribute, javascript: link or image');
      assert.deepEqual(dialogs, []);
      assert.equal(await page.evaluate(() => document.title), 'Parallax — compare sources');

      // A choice on the HTML source, then a reload: the source and the choice are still there.
      const fullStatement = findBlock(blocks, 'full statement');
      await page.locator(`${card(0)} li.block[data-start="${fullStatement.start}"] input[type=checkbox]`).uncheck();
      await page.waitForSelector(`${card(0)} li.block[data-start="${fullStatement.start}"][data-included="false"]`);
      const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.inputs.v1')));
      assert.equal(saved[0].html, EVIL_HTML);
      assert.deepEqual(saved[0].overrides.map(({ at, include }) => ({ at, include })), [{ at: fullStatement.start, include: false }]);
      assert.equal(saved[1].format, 'markdown');

      await page.reload();
      await page.evaluate(() => Parallax.ready);
      assert.equal(await page.inputValue(`${card(0)} textarea`), EVIL_HTML);
      assert.equal(await page.textContent(`${card(0)} .badge`), 'HTML');
      assert.equal(await page.textContent(`${card(0)} .choices`), '1 block set by you');
      await openCleaned(page, 0);
      const reloaded = await blocksOf(page, 0);
      assert.equal(findBlock(reloaded, 'full statement').included, false);
      assert.equal(findBlock(reloaded, 'American and Russian negotiators').included, true);
      assert.deepEqual(await scriptSurface(page), before);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      assert.deepEqual(outside, []);
      await context.close();
    });
  });
}

describe('cleaned view', () => {
  test('a choice follows its block when the text above it is edited', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await page.fill(`${card(0)} textarea`, MESSY);
    await openCleaned(page, 0);
    const caption = findBlock(await blocksOf(page, 0), 'Negotiators leave the U.S. mission');
    await page.locator(`${card(0)} li.block[data-start="${caption.start}"] input[type=checkbox]`).check();
    await page.waitForSelector(`${card(0)} li.block[data-start="${caption.start}"][data-included="true"]`);
    // Type a word at the very start: every offset after it moves.
    await page.locator(`${card(0)} textarea`).press('Control+Home');
    await page.keyboard.type('Breaking: ');
    await page.waitForFunction(() => document.querySelector('.source-card[data-index="0"] .cleaned li.block .block-text')
      ?.textContent.startsWith('Breaking:') && document.querySelector('.source-card[data-index="0"] .cleaned')?.getAttribute('aria-busy') === 'false');
    const moved = findBlock(await blocksOf(page, 0), 'Negotiators leave the U.S. mission');
    assert.equal(moved.start, caption.start + 'Breaking: '.length);
    assert.equal(moved.included, true);
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.inputs.v1')));
    assert.deepEqual(saved[0].overrides.map((o) => o.at), [moved.start]);
    // "Undo my choices" gives the core's own classification back.
    await page.click(`${card(0)} .doc-summary button.reset`);
    await page.waitForSelector(`${card(0)} li.block[data-start="${moved.start}"][data-included="false"]`);
    assert.equal(await page.textContent(`${card(0)} .choices`), '');
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.inputs.v1'))[0].overrides), []);
    await context.close();
  });

  test('inputs saved by an older page ({title, text}) still load', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await page.evaluate(() => localStorage.setItem('parallax.inputs.v1',
      JSON.stringify([{ title: 'Old', text: 'Saved before ingest.' }, { title: '', text: 'Second.' }])));
    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.equal(await page.inputValue(`${card(0)} input[type=text]`), 'Old');
    assert.equal(await page.inputValue(`${card(0)} textarea`), 'Saved before ingest.');
    assert.equal(await page.locator(`${card(0)} .badge`).count(), 0);
    assert.equal(await page.inputValue(`${card(0)} select.format`), 'text');
    await context.close();
  });

  test('reader comments are compared as their own source when asked, and the choice is kept', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await page.fill(`${card(0)} textarea`, MESSY);
    await page.fill(`${card(1)} textarea`, OTHER);
    await page.check('#include-comments');
    await page.click('#compare');
    await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
    await page.waitForSelector('#pairs table, #pairs .empty');
    const rows = await page.locator('#summary tbody tr td:first-child').allTextContents();
    assert.deepEqual(rows.sort(), ['S1', 'S1 comments', 'S2'].sort());
    assert.match(await page.textContent('#status'), /^Compared 2 sources and 1 comment section: /);
    const options = await page.locator('#left-source option').allTextContents();
    assert.ok(options.includes('S1 comments'), JSON.stringify(options));
    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.equal(await page.isChecked('#include-comments'), true);
    await context.close();
  });

  for (const [name, opts] of [['dark', { colorScheme: 'dark' }], ['narrow', { viewport: { width: 420, height: 900 } }]]) {
    test(`the cleaned view reads in the ${name} screenshot`, async () => {
      const { context, page } = await open(browser, offlineUrl, opts);
      await page.fill(`${card(0)} textarea`, MESSY);
      await page.fill(`${card(1)} textarea`, OTHER);
      await openCleaned(page, 0);
      const caption = findBlock(await blocksOf(page, 0), 'Negotiators leave the U.S. mission');
      await page.locator(`${card(0)} li.block[data-start="${caption.start}"] input[type=checkbox]`).check();
      await page.waitForSelector(`${card(0)} li.block[data-start="${caption.start}"][data-included="true"]`);
      // Nothing sticks out sideways in a narrow window.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
      await page.locator(card(0)).screenshot({ path: join(shotsDir, `cleaned-${name}.png`) });
      await context.close();
    });
  }
});

describe('JS API', () => {
  test('Parallax.ingest returns the Document; bad input rejects with a readable error', async () => {
    const { context, page } = await open(browser, offlineUrl);
    const result = await page.evaluate(async () => {
      const text = 'Geneva talks end\n\nTalks open in Geneva on Monday. Officials expect little.\n';
      const doc = await Parallax.ingest({ title: 'A', text });
      const html = await Parallax.ingest({ title: 'H', html: '<h1>Talks</h1><p>Talks open in <b>Geneva</b> on Monday.</p>',
        overrides: [{ at: 0, include: false }] });
      const errors = [];
      for (const bad of ['nope', { title: 'a', text: 'x', html: '<p>y</p>' }, { text: 'x', format: 'pdf' }]) {
        try { await Parallax.ingest(bad); errors.push(null); } catch (e) { errors.push(`${e.code}: ${e.message}`); }
      }
      return { doc, html, errors };
    });
    const { language, ...doc } = result.doc;
    assert.equal(typeof language === 'string' || language === null, true);
    assert.deepEqual(doc, {
      format: 'text', text: 'Geneva talks end\n\nTalks open in Geneva on Monday. Officials expect little.\n',
      title: 'Geneva talks end', author: null, date: null,
      blocks: [{ kind: 'heading', start: 0, end: 18, included: true }, { kind: 'body', start: 18, end: 75, included: true }],
      comments: [],
    });
    assert.equal(result.html.format, 'html');
    assert.equal(result.html.text, 'Talks\n\nTalks open in Geneva on Monday.');
    assert.deepEqual(result.html.blocks, [
      { kind: 'heading', start: 0, end: 7, included: false }, { kind: 'body', start: 7, end: 38, included: true }]);
    assert.equal(result.errors[0], 'invalid_input: Invalid input: `input` must be a {title, text} or {title, html} object.');
    assert.equal(result.errors[1], 'invalid_input: Invalid input: a source has both `text` and `html`; give one of them.');
    assert.match(result.errors[2], /^invalid_input: Invalid input: .*unknown variant `pdf`/);
    await context.close();
  });
});
