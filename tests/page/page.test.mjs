// Page tests: the offline file and the served page, driven as a user would.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, offlineUrl, shotsDir, root } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const cargoVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
let browser, server, servedUrl;

before(async () => {
  browser = await launch();
  ({ server, url: servedUrl } = await startServer(0));
});
after(async () => {
  await browser.close();
  server.close();
});

for (const mode of ['offline', 'served']) {
  describe(`${mode} page`, () => {
    const url = () => (mode === 'offline' ? offlineUrl : servedUrl);

    test('the demo compares and shows aligned pairs with word diffs, and no request leaves the machine', async () => {
      const { context, page, outside, errors } = await open(browser, url());
      assert.equal(await page.textContent('#version'), `v${cargoVersion}`);
      await page.click('#load-demo');
      assert.equal(await page.locator('.source-card').count(), 9);
      assert.match(await page.textContent('#attribution'), /public-domain works of the U\.S\. government/);
      await page.click('#compare');
      await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
      await page.waitForSelector('#pairs table');
      assert.match(await page.textContent('#status'), /^Compared 9 sources: [\d,]+ groups? of aligned passages, [\d,]+ runs? of shared text\.$/);
      assert.equal(await page.locator('#summary tbody tr').count(), 9);
      const rows = page.locator('#pairs tbody tr');
      assert.ok(await rows.count() > 0, 'some aligned pairs between the first source and its best partner');
      // Switch to the two background calls, which share much wording: diffs show both sides.
      await page.selectOption('#left-source', '1');
      await page.selectOption('#right-source', '7');
      await page.waitForFunction(() => document.querySelector('#pairs th')?.textContent.startsWith('S2'));
      const firstRow = rows.first();
      assert.equal(await firstRow.locator('td.left').textContent(),
        'Background Press Call by a Senior Administration Official on Russia');
      assert.equal(await firstRow.locator('td.left del').allTextContents().then((t) => t.join('|')), 'Russia');
      assert.ok((await firstRow.locator('td.right ins').textContent()).includes('President Biden’s Call with President Putin'));
      assert.ok(await page.locator('#shared li').count() > 0);
      // One item per shared text, with every place it occurs.
      // (The State briefing repeats a line of the White House background call.)
      // (Matched on the run itself: another run's context may hold the line too.)
      const missiles = page.locator('#shared .shared-list > li')
        .filter({ has: page.locator('.shared-places > li:first-child mark', { hasText: 'discussing the future of certain missile systems in Europe' }) });
      assert.equal(await missiles.count(), 1);
      assert.equal(await missiles.locator('.where').textContent(), '14 words, in S2 and S3');
      assert.equal(await missiles.locator('.shared-places > li').count(), 2, 'each place with its context');
      await page.screenshot({ path: join(shotsDir, `${mode}-demo.png`), fullPage: false });
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('pasted text with Cyrillic and emoji pairs reordered sentences, offsets in UTF-16', async () => {
      const { context, page } = await open(browser, url());
      const a = 'Переговоры в Женеве начались 10 января 👍🏽. The delegations met for nearly eight hours.';
      const b = 'The delegations met for nearly eight hours on Monday. Переговоры в Женеве начались 10 января 👍🏽!';
      await page.fill('.source-card[data-index="0"] textarea', a);
      await page.fill('.source-card[data-index="1"] textarea', b);
      await page.click('#compare');
      await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
      await page.waitForSelector('#pairs table');
      const cells = await page.locator('#pairs tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('td.left').textContent, tr.querySelector('td.right').textContent]));
      assert.deepEqual(cells, [
        ['Переговоры в Женеве начались 10 января 👍🏽.', 'Переговоры в Женеве начались 10 января 👍🏽!'],
        ['The delegations met for nearly eight hours.', 'The delegations met for nearly eight hours on Monday.'],
      ]);
      assert.equal(await page.locator('#pairs tbody tr').nth(1).locator('ins').textContent(), 'on Monday');
      assert.equal(await page.locator('#pairs tbody tr').nth(1).locator('td.score').getAttribute('title'),
        'Each is the other’s best match. Shared words: delegations, eight, hours, met, nearly');
      await context.close();
    });

    test('bad input gives a clear message and keeps the text', async () => {
      const { context, page } = await open(browser, url());
      await page.fill('.source-card[data-index="0"] textarea', 'Only one source has any text.');
      await page.click('#compare');
      await page.waitForSelector('#status.error');
      assert.equal(await page.textContent('#status'),
        'At least two sources with text are needed to compare; 2 given, 1 with text.');
      assert.equal(await page.inputValue('.source-card[data-index="0"] textarea'), 'Only one source has any text.');
      assert.equal(await page.textContent('.source-card[data-index="0"] .meta'), '6 words29 characters');
      assert.equal(await page.isHidden('#results'), true);
      await context.close();
    });
  });
}

describe('files', () => {
  test('text files are added as sources; a binary file is refused with a message naming it', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await page.setInputFiles('#file-input', [
      { name: 'wire.txt', mimeType: 'text/plain', buffer: Buffer.from('Talks open in Geneva on Monday. Officials expect little.') },
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]) },
    ]);
    await page.waitForSelector('#status.error');
    assert.deepEqual(await page.locator('#status .line').allTextContents(), [
      'Added 1 file.',
      'photo.jpg looks like a binary file (it has NUL or control bytes), not text; it was not added.',
    ]);
    assert.equal(await page.inputValue('.source-card[data-index="0"] input[type=text]'), 'wire');
    assert.equal(await page.inputValue('.source-card[data-index="0"] textarea'), 'Talks open in Geneva on Monday. Officials expect little.');
    assert.equal(await page.inputValue('.source-card[data-index="1"] textarea'), '');
    await context.close();
  });

  // Issue 3: text that is not valid UTF-8 is read lossily and said so; binary is still refused,
  // by the command line's rule (a NUL, or over 1 byte in 20 a control character, in the first 64 KiB).
  test('a file that is not valid UTF-8 is added with U+FFFD and a notice; binary files are refused', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    const latin1 = Buffer.from('Caf\xe9 talks in Gen\xe8ve ended on Monday. Officials expect little.', 'latin1');
    // Valid UTF-8 holding a U+FFFD of its own, then one stray continuation byte: one replacement.
    const mixed = Buffer.concat([Buffer.from('Kept \ufffd as written; '), Buffer.from([0x80]), Buffer.from(' then more text.')]);
    // Mostly text, but 1 byte in 10 is an escape character: binary.
    const controls = Buffer.from('Talks open\x1b '.repeat(200), 'latin1');
    await page.setInputFiles('#file-input', [
      { name: 'latin1.txt', mimeType: 'text/plain', buffer: latin1 },
      { name: 'mixed.txt', mimeType: 'text/plain', buffer: mixed },
      { name: 'terminal.log', mimeType: 'text/plain', buffer: controls },
    ]);
    await page.waitForSelector('#status.error');
    assert.deepEqual(await page.locator('#status .line').allTextContents(), [
      'Added 2 files.',
      'latin1.txt is not valid UTF-8: 2 invalid byte sequences were replaced with �.',
      'mixed.txt is not valid UTF-8: 1 invalid byte sequence was replaced with �.',
      'If these files are in another encoding, save them as UTF-8 and open them again.',
      'terminal.log looks like a binary file (it has NUL or control bytes), not text; it was not added.',
    ]);
    assert.equal(await page.inputValue('.source-card[data-index="0"] input[type=text]'), 'latin1');
    assert.equal(await page.inputValue('.source-card[data-index="0"] textarea'),
      'Caf\ufffd talks in Gen\ufffdve ended on Monday. Officials expect little.');
    assert.equal(await page.inputValue('.source-card[data-index="1"] textarea'), 'Kept \ufffd as written; \ufffd then more text.');
    assert.equal(await page.locator('.source-card').count(), 2, 'nothing added for the binary file');
    await page.locator('#status').screenshot({ path: join(shotsDir, 'files-refused-status.png') });

    // One lossy file alone: a warning, not an error, and it reads in the screenshot.
    await page.click('#clear-all');
    await page.setInputFiles('#file-input', [
      { name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from('Caf\xe9 talks ended on Monday. Officials expect little.', 'latin1') },
      { name: 'wire.txt', mimeType: 'text/plain', buffer: Buffer.from('Talks ended in Geneva on Monday. Officials expect little.') },
    ]);
    await page.waitForSelector('#status.warn');
    assert.equal(await page.textContent('#status'),
      'Added 2 files. latin1.txt is not valid UTF-8: 1 invalid byte sequence was replaced with �. '
      + 'If the file is in another encoding, save it as UTF-8 and open it again.');
    assert.equal(await page.locator('#status .line').count(), 3, 'one line per sentence group');
    assert.equal(await page.inputValue('.source-card[data-index="0"] textarea'), 'Caf\ufffd talks ended on Monday. Officials expect little.');
    await page.screenshot({ path: join(shotsDir, 'files-not-utf8.png') });
    await page.locator('#status').screenshot({ path: join(shotsDir, 'files-not-utf8-status.png') });
    // A few control characters in a long text are not enough to call it binary.
    await page.click('#clear-all');
    await page.setInputFiles('#file-input', [{ name: 'ok.txt', mimeType: 'text/plain',
      buffer: Buffer.from('Talks open in Geneva on Monday, with an escape \x1b here. '.repeat(3), 'latin1') }]);
    await page.waitForSelector('#status.ok');
    assert.equal(await page.textContent('#status'), 'Added 1 file.');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('JS API', () => {
  test('Parallax.compare returns the report; bad input rejects with a readable error', async () => {
    const { context, page } = await open(browser, offlineUrl);
    const result = await page.evaluate(async () => {
      const r = await Parallax.compare([
        { title: 'A', text: 'Talks open in Geneva on Monday. Officials expect little.' },
        { title: 'B', text: 'Officials expect little. Talks open in Geneva on Monday, aides said.' },
      ], { min_score: 0.3 });
      const errors = [];
      for (const bad of [[], [{ title: 'a', text: 'x' }], [{ title: 'a', text: 5 }, { title: 'b', text: 'y' }], 'nope']) {
        try { await Parallax.compare(bad); errors.push(null); } catch (e) { errors.push(e.message); }
      }
      return { version: Parallax.version, schema: r.schema, titles: r.sources.map((s) => s.title),
        groups: r.groups.map((g) => g.members.map((m) => [m.source, m.start, m.end])), errors };
    });
    assert.equal(result.version, cargoVersion);
    assert.equal(result.schema, 2);
    assert.deepEqual(result.titles, ['A', 'B']);
    assert.deepEqual(result.groups, [[[0, 0, 31], [1, 25, 68]], [[0, 32, 56], [1, 0, 24]]]);
    assert.equal(result.errors[0], 'No sources given: add at least two texts to compare.');
    assert.equal(result.errors[1], 'At least two sources with text are needed to compare; 1 given, 1 with text.');
    assert.match(result.errors[2], /^Invalid input: `inputs` must be an array of \{title, text\} or \{title, html\} objects \(invalid type: floating point `5(\.0)?`, expected a string\)\.$/);
    assert.match(result.errors[3], /^Invalid input: `inputs` must be an array of \{title, text\} or \{title, html\} objects/);
    await context.close();
  });

  test('a crash of the core is reported, the core restarts, and the texts are kept', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await page.fill('.source-card[data-index="0"] textarea', 'The talks began in Geneva on Monday morning.');
    await page.fill('.source-card[data-index="1"] textarea', 'On Monday morning the talks began in Geneva.');
    const crash = await page.evaluate(async () => {
      try { await Parallax.crashForTesting(); return null; } catch (e) { return { code: e.code, message: e.message }; }
    });
    assert.equal(crash.code, 'crashed');
    assert.match(crash.message, /^Parallax hit an internal error and was restarted: panicked at [^]*crash requested by crashForTesting\(\)$/);
    await page.click('#compare');
    await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
    await page.waitForSelector('#pairs table');
    assert.equal(await page.locator('#pairs tbody tr').count(), 1);
    assert.equal(await page.inputValue('.source-card[data-index="0"] textarea'), 'The talks began in Geneva on Monday morning.');
    await context.close();
  });

  test('a long comparison can be cancelled; the texts stay and the core still works', async () => {
    const { context, page } = await open(browser, offlineUrl);
    // Through the API: cancel right after the call.
    const viaApi = await page.evaluate(async () => {
      const big = 'Talks open in Geneva on Monday. Officials expect little. '.repeat(100000);
      const p = Parallax.compare([{ title: 'a', text: big }, { title: 'b', text: 'Talks open in Geneva.' }]);
      Parallax.cancel();
      try { await p; return 'finished'; } catch (e) { return `${e.code}: ${e.message}`; }
    });
    assert.equal(viaApi, 'cancelled: Cancelled.');
    // Through the page: the Cancel button shown while comparing.
    await page.evaluate(() => {
      const area = document.querySelector('.source-card[data-index="0"] textarea');
      area.value = 'Talks open in Geneva on Monday. Officials expect little. '.repeat(100000);
      area.dispatchEvent(new Event('input'));
    });
    await page.fill('.source-card[data-index="1"] textarea', 'Talks open in Geneva.');
    await page.click('#compare');
    await page.click('#cancel');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Cancelled. Your texts are kept.');
    assert.equal(await page.locator('#status progress').count(), 0, 'no progress bar is left behind');
    assert.equal(await page.isEnabled('#compare'), true);
    assert.equal(await page.inputValue('.source-card[data-index="1"] textarea'), 'Talks open in Geneva.');
    const after = await page.evaluate(async () => (await Parallax.compare([
      { title: 'a', text: 'Talks open in Geneva.' }, { title: 'b', text: 'Talks open in Geneva today.' }])).groups.length);
    assert.equal(after, 1);
    await context.close();
  });

  test('the limits are stated; texts over 32 MiB are refused with a clear message, and the page still works', async () => {
    const { context, page, errors } = await open(browser, offlineUrl);
    assert.match(await page.textContent('.inputs .hint'), /Up to 500 sources and 32 MiB of text in all\./);
    // Two inputs of 17 MiB each: 34 MiB in all, over the core's 32 MiB.
    const refused = await page.evaluate(async () => {
      const half = 'Talks open in Geneva on Monday. Officials expect little. '.repeat(17 * 1024 * 1024 / 57 + 1);
      try {
        await Parallax.compare([{ title: 'a', text: half }, { title: 'b', text: half }]);
        return 'accepted';
      } catch (e) { return `${e.code}: ${e.message}`; }
    });
    assert.match(refused, /^invalid_input: The texts are too long: 34\.0 MiB in all, the limit is 32\.0 MiB\.$/);
    // The same through the page's Compare button: the message is shown and the text kept.
    await page.evaluate(() => {
      const area = document.querySelector('.source-card[data-index="0"] textarea');
      area.value = 'Talks open in Geneva on Monday. Officials expect little. '.repeat(600000);
      area.dispatchEvent(new Event('input'));
    });
    await page.fill('.source-card[data-index="1"] textarea', 'Talks open in Geneva on Monday.');
    assert.equal(await page.evaluate(() => document.querySelector('.source-card[data-index="0"] textarea').value.length), 34200000);
    await page.click('#compare');
    await page.waitForSelector('#status.error');
    assert.equal(await page.textContent('#status'), 'The texts are too long: 32.6 MiB in all, the limit is 32.0 MiB.');
    assert.equal(await page.isEnabled('#compare'), true);
    assert.equal(await page.isHidden('#results'), true);
    // A normal comparison afterwards works, through the API and through the page.
    const groups = await page.evaluate(async () => (await Parallax.compare([
      { title: 'a', text: 'Talks open in Geneva.' }, { title: 'b', text: 'Talks open in Geneva today.' }])).groups.length);
    assert.equal(groups, 1);
    await page.fill('.source-card[data-index="0"] textarea', 'The talks began in Geneva on Monday morning.');
    await page.fill('.source-card[data-index="1"] textarea', 'On Monday morning the talks began in Geneva.');
    await page.click('#compare');
    await page.click('#tab-pairs'); // the pairwise view is the Pairs tab
    await page.waitForSelector('#pairs table');
    assert.match(await page.textContent('#status'), /^Compared 2 sources: /);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('inputs survive a reload', async () => {
    const { context, page } = await open(browser, offlineUrl);
    await page.fill('.source-card[data-index="0"] input[type=text]', 'Wire copy');
    await page.fill('.source-card[data-index="1"] textarea', 'Kept across reloads ✓');
    await page.waitForTimeout(400); // the page saves 200 ms after the last keystroke
    await page.reload();
    await page.evaluate(() => Parallax.ready);
    assert.equal(await page.inputValue('.source-card[data-index="0"] input[type=text]'), 'Wire copy');
    assert.equal(await page.inputValue('.source-card[data-index="1"] textarea'), 'Kept across reloads ✓');
    await context.close();
  });
});
