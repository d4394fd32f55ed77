// The npm package (pkg/, made by scripts/build.sh): its package.json names files that
// exist and are packed, and a bundler user's import works. Node's WebAssembly module
// integration (the way bundlers load wasm-pack's bundler output) imports pkg/parallax.js,
// and its report is the native command line's, byte for byte. Run by ./test.sh after
// the build: node --test tests/package.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'pkg');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

test('package.json names files that exist, and npm packs exactly them', () => {
  assert.equal(pkg.name, 'parallax');
  assert.equal(pkg.version, JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version=1'], { cwd: root }))
    .packages.find((p) => p.name === 'parallax').version);
  assert.equal(pkg.type, 'module');
  const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))];
  for (const file of targets) assert.ok(existsSync(join(pkgDir, file)), `${file} is named in package.json but missing`);
  assert.deepEqual(pkg.exports['./widget'], { types: './parallax-compare.d.ts', default: './parallax-compare.js' });
  assert.ok(pkg.sideEffects.includes('./parallax-compare.js'), 'a bundler must not drop the widget, which defines an element');
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: pkgDir }));
  const names = new Set(packed.files.map((f) => f.path));
  for (const file of [...pkg.files, 'package.json', 'README.md']) assert.ok(names.has(file), `npm pack leaves out ${file}`);
  assert.deepEqual([...names].filter((n) => !pkg.files.includes(n) && !['package.json', 'README.md', 'LICENSE'].includes(n)), [],
    'npm pack adds files package.json does not list');
  // The widget in the package is the one in dist/.
  assert.equal(readFileSync(join(pkgDir, 'parallax-compare.js'), 'utf8'), readFileSync(join(root, 'dist/parallax-compare.js'), 'utf8'));
});

test('importing the package as a bundler does gives the native report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-pkg-'));
  const texts = [
    ['wire.txt', 'Переговоры в Женеве начались 10 января 👍🏽, сообщили дипломаты. Talks opened in Geneva on Monday.\n\nThe envoys met for eight hours.'],
    ['paper.txt', 'Talks opened in Geneva on Monday, officials said. Переговоры в Женеве начались 10 января 👍🏽.\n\nGrain exports doubled.'],
  ];
  for (const [name, text] of texts) writeFileSync(join(dir, name), text);
  const script = join(dir, 'use.mjs');
  writeFileSync(script, `
    import { compare, diff } from ${JSON.stringify(join(pkgDir, 'parallax.js'))};
    const inputs = ${JSON.stringify(texts.map(([name, text]) => ({ title: name.replace('.txt', ''), text })))};
    const stages = [];
    const report = compare(inputs, { min_shared_words: 4 }, (stage) => stages.push(stage));
    const d = diff('a b c', 'a x c', undefined);
    process.stdout.write(JSON.stringify({ report, stages, kinds: d.ops.map((o) => o.kind) }));
  `);
  const out = JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--experimental-wasm-modules', script], { encoding: 'utf8' }));
  assert.deepEqual(out.stages, ['reading', 'reading', 'segmenting', 'segmenting', 'aligning', 'reporting']);
  assert.deepEqual(out.kinds, ['equal', 'replace', 'equal']);
  const cli = join(root, 'target/debug/parallax');
  const native = JSON.parse(execFileSync(cli, ['compare', '--json', '--min-shared-words', '4', ...texts.map(([n]) => join(dir, n))], { encoding: 'utf8' }));
  assert.ok(out.report.groups.length > 0 && out.report.shared.length > 0);
  assert.deepEqual(out.report, native);
});
