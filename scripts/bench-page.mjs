// Page benchmark: the offline page (dist/parallax.html) in Debian's Chromium, driven
// like a user would: twenty files of about 10,000 words each (a 200,000-word corpus)
// opened and compared. Reports the time to results, the tab's peak memory (the
// renderer process's peak resident set, which holds the page and its worker), and
// whether the tab stayed responsive (the longest gap between animation frames while
// the core worked). For contrast, in the same page: jsdiff's diffWords on one pair of
// those files, run on the main thread as a page using it would, with the same
// measures. Prints figures; asserts nothing (timings never belong in tests).
//
// Usage: node scripts/bench-page.mjs [SOURCES] [WORDS_EACH] [--no-peer]   (after ./run.sh --no-serve)
// (--no-peer skips jsdiff, which takes minutes on such a pair.)
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const withPeer = !process.argv.includes('--no-peer');
const sourceCount = Number(args[0] || 20);
const wordsEach = Number(args[1] || 10000);

// A seeded generator, so every run compares the same corpus.
let seed = 2026;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

// Sources on one story: the demo articles' sentences, each source taking them in its
// own order, dropping some, rewording others, until it has `wordsEach` words.
const demoDir = join(root, 'www/demo/news');
const sentences = readdirSync(demoDir).filter((f) => f.endsWith('.txt')).sort()
  .flatMap((f) => readFileSync(join(demoDir, f), 'utf8').split(/(?<=[.!?])\s+/))
  .map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 4);
const fillers = ['reportedly', 'on Tuesday', 'officials said', 'according to sources', 'again'];
function makeSource() {
  const out = [];
  let words = 0;
  while (words < wordsEach) {
    const start = Math.floor(random() * sentences.length);
    const paragraph = [];
    for (let i = 0; i < 3 + Math.floor(random() * 4); i++) {
      let s = sentences[(start + i) % sentences.length];
      if (random() < 0.1) continue;
      if (random() < 0.3) {
        const w = s.split(' ');
        w.splice(Math.floor(random() * w.length), 0, fillers[Math.floor(random() * fillers.length)]);
        s = w.join(' ');
      }
      paragraph.push(s);
      words += s.split(/\s+/).length;
    }
    out.push(paragraph.join(' '));
  }
  return out.join('\n\n');
}
const files = Array.from({ length: sourceCount }, (_, i) => ({
  name: `outlet-${String(i + 1).padStart(2, '0')}.txt`, mimeType: 'text/plain', buffer: Buffer.from(makeSource()),
}));
if (process.env.PARALLAX_BENCH_DUMP) {
  // The corpus as Parallax.compare inputs, to study the core on it outside the page.
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.PARALLAX_BENCH_DUMP, JSON.stringify(files.map((f) => ({ title: f.name, text: f.buffer.toString() }))));
  process.exit(0);
}
const totalWords = files.reduce((n, f) => n + f.buffer.toString().split(/\s+/).length, 0);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const cdp = await browser.newBrowserCDPSession();
/** Peak resident set (VmHWM) of each renderer process, in MiB. */
async function rendererPeaks() {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo.filter((p) => p.type === 'renderer').map((p) => {
    try {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      return { pid: p.id, hwm: Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024, rss: Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024 };
    } catch { return { pid: p.id, hwm: 0, rss: 0 }; }
  });
}

/** Opens the offline page in a fresh context; returns it and its renderer's pid. */
async function openPage() {
  const before = new Set((await rendererPeaks()).map((p) => p.pid));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(root, 'dist/parallax.html')).href);
  await page.evaluate(() => Parallax.ready);
  // Chromium may start a spare renderer or two beside the page's; the page's is the
  // one holding the page and the wasm, by far the largest.
  const fresh = (await rendererPeaks()).filter((p) => !before.has(p.pid));
  if (fresh.length === 0) throw new Error('no new renderer process for the page');
  const ours = fresh.reduce((x, y) => (y.rss > x.rss ? y : x));
  return { page, pid: ours.pid, rss: ours.rss };
}
const { page, pid, rss } = await openPage();

// Frame gaps on the main thread: a frozen tab draws no frames.
const watchFrames = (page) => page.evaluate(() => {
  window.__gaps = { max: 0, last: performance.now(), on: true };
  const tick = (t) => {
    const g = window.__gaps;
    g.max = Math.max(g.max, t - g.last);
    g.last = t;
    if (g.on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
const stopFrames = (page) => page.evaluate(() => { window.__gaps.on = false; return window.__gaps.max; });

console.log(`Parallax page benchmark, Chromium ${browser.version()}, ${sourceCount} sources, ${totalWords.toLocaleString('en')} words`);
console.log(`tab at load: ${rss.toFixed(0)} MiB resident`);

await page.setInputFiles('#file-input', files);
await page.waitForSelector('#status.ok');
await watchFrames(page);
const t0 = Date.now();
await page.click('#compare');
await page.waitForSelector('#results:not([hidden])', { timeout: 600000 });
await page.waitForFunction(() => !document.querySelector('#results [aria-busy="true"]'), null, { timeout: 600000 });
const elapsed = Date.now() - t0;
const gap = await stopFrames(page);
const after = (await rendererPeaks()).find((p) => p.pid === pid);
const summary = await page.evaluate(() => document.querySelector('#summary')?.textContent.replace(/\s+/g, ' ').slice(0, 160));
console.log(`\nParallax (core in a worker), the whole corpus:`);
console.log(`  time to results ${(elapsed / 1000).toFixed(1)} s; longest frame gap ${gap.toFixed(0)} ms; tab peak ${after.hwm.toFixed(0)} MiB resident`);
console.log(`  ${summary}`);

if (!withPeer) {
  await browser.close();
  process.exit(0);
}

// jsdiff on the main thread, in a fresh tab of the same browser (so its peak is its
// own), on the first pair of files.
const other = await openPage();
await other.page.addScriptTag({ content: readFileSync(join(root, 'node_modules/diff/dist/diff.min.js'), 'utf8') });
const [a, b] = [files[0].buffer.toString(), files[1].buffer.toString()];
await watchFrames(other.page);
const peer = await other.page.evaluate(([x, y]) => new Promise((resolve) => {
  // Give the frame watcher a frame first, then block the main thread as a page would.
  requestAnimationFrame(() => setTimeout(() => {
    const t = performance.now();
    const d = Diff.diffWords(x, y);
    resolve({ ms: performance.now() - t, parts: d.length });
  }, 0));
}), [a, b]);
await other.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const peerGap = await stopFrames(other.page);
const afterPeer = (await rendererPeaks()).find((p) => p.pid === other.pid);
console.log(`\njsdiff diffWords, one pair of these files (${a.split(/\s+/).length.toLocaleString('en')} and ${b.split(/\s+/).length.toLocaleString('en')} words), main thread:`);
console.log(`  ${(peer.ms / 1000).toFixed(1)} s (${(peer.ms / elapsed).toFixed(1)}x Parallax's whole corpus); longest frame gap ${peerGap.toFixed(0)} ms; tab peak ${afterPeer.hwm.toFixed(0)} MiB resident`);
await browser.close();
