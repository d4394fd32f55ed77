// Benchmark: the whole Parallax pipeline in wasm against jsdiff and diff-match-patch,
// all in this one Node process (V8, the engine of Chrome). Prints times and ratios;
// asserts nothing (timings belong here, never in tests).
// Usage: node scripts/bench.mjs   (after ./run.sh --no-serve or scripts/build.sh)
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const Diff = require('diff');
const DiffMatchPatch = require('diff-match-patch');

// Load the no-modules glue into this context and instantiate the release wasm.
const glue = readFileSync(join(root, 'target/wasm-page/parallax.js'), 'utf8');
vm.runInThisContext(glue + '\nglobalThis.wasm_bindgen = wasm_bindgen;');
const wasmBytes = readFileSync(join(root, 'target/wasm-page/parallax_bg.wasm'));
globalThis.wasm_bindgen.initSync({ module: wasmBytes });
const core = globalThis.wasm_bindgen;

const demoDir = join(root, 'www/demo/news');
const files = readdirSync(demoDir).filter((f) => f.endsWith('.txt')).sort();
const pick = (prefixes) => files.filter((f) => prefixes.some((p) => f.startsWith(p)))
  .map((f) => ({ title: f, text: readFileSync(join(demoDir, f), 'utf8') }));
const five = pick(['01_', '02_', '06_', '08_', '09_']);
const words = (t) => (t.match(/\S+/g) || []).length;

function timeIt(fn, { runs, warmup = 1 }) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const totalWords = five.reduce((n, s) => n + words(s.text), 0);
console.log(`Parallax ${core.version()} benchmark, Node ${process.version}`);
console.log(`release wasm: ${wasmBytes.length.toLocaleString('en')} bytes, ${gzipSync(wasmBytes, { level: 9 }).length.toLocaleString('en')} gzipped\n`);

const pipeline = timeIt(() => core.compare(five, {}), { runs: 20, warmup: 3 });
const report = core.compare(five, {});
console.log(`whole pipeline, 5 demo articles (${totalWords.toLocaleString('en')} words): median ${pipeline.toFixed(1)} ms`
  + ` -> ${report.passages.length} passages, ${report.groups.length} groups, ${report.shared.length} shared runs`);

// The same five where every word needs full NFKC, which the wasm leaves to the
// engine's String.prototype.normalize (plain words never leave the wasm): typed with
// combining accents throughout, and in fullwidth Latin.
const transformed = (name, f) => {
  const texts = five.map((s) => ({ title: s.title, text: f(s.text) }));
  const ms = timeIt(() => core.compare(texts, {}), { runs: 20, warmup: 3 });
  console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms  ${(ms / pipeline).toFixed(2).padStart(7)}x plain`);
};
console.log('\nThe same five, every word needing full NFKC (done by the JS engine):');
transformed('every e with a combining acute accent', (t) => t.replace(/e/g, 'e\u0301'));
transformed('fullwidth Latin letters', (t) => t.replace(/[a-z]/g, (c) => String.fromCharCode(0xff41 + c.charCodeAt(0) - 97)));

// Peers compare two texts only: the two longest background calls (02 and 06).
const [a, b] = [five[1].text, five[2].text];
console.log(`\nOne article pair (${words(a).toLocaleString('en')} and ${words(b).toLocaleString('en')} words):`);
const ours = timeIt(() => core.compare([{ title: 'a', text: a }, { title: 'b', text: b }], {}), { runs: 20, warmup: 3 });
const jsdiff = timeIt(() => Diff.diffWords(a, b), { runs: 3 });
const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0; // let it finish: the default 1 s cap returns a partial diff
const dmpFull = timeIt(() => { const d = dmp.diff_main(a, b); dmp.diff_cleanupSemantic(d); }, { runs: 3 });
const row = (name, ms) => console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms  ${(ms / ours).toFixed(1).padStart(7)}x Parallax`);
row('Parallax compare (align + shared text), wasm', ours);
row('jsdiff diffWords', jsdiff);
row('diff-match-patch diff_main + cleanupSemantic', dmpFull);
console.log(`\nFive articles: Parallax compares all of them at once; jsdiff needs ${5 * 4 / 2} pairwise runs`
  + ` (~${(10 * jsdiff).toFixed(0)} ms at the pair's speed, ${(10 * jsdiff / pipeline).toFixed(0)}x the Parallax pipeline).`);
