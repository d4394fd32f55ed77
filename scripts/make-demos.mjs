// Generates the version-mode demos from the shared data sets next to the repository:
//   www/demo/darwin/  Darwin, On the Origin of Species, chapter 1 in six editions
//   www/demo/bible/   one Bible chapter in four English translations
// Each folder gets one .txt per version and a demo.json (label, attribution, titles)
// that scripts/assemble.mjs bundles. README.md in each folder is written by hand.
// Usage: node scripts/make-demos.mjs [DATA_DIR]   (default: ../shared/data)
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(process.argv[2] || join(root, '..', 'shared', 'data'));
const demoDir = join(root, 'www', 'demo');

function writeDemo(name, meta, texts) {
  const dir = join(demoDir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.txt')) rmSync(join(dir, f));
  for (const { file, text } of texts) writeFileSync(join(dir, file), text);
  const sources = texts.map(({ file, title }) => ({ file, title }));
  writeFileSync(join(dir, 'demo.json'), JSON.stringify({ ...meta, sources }, null, 2) + '\n');
  const words = texts.reduce((n, t) => n + t.text.split(/\s+/).filter(Boolean).length, 0);
  console.log(`www/demo/${name}: ${texts.length} texts, ${words} words`);
}

// ---- Darwin: one source per edition, its paragraphs in chapter order, blank-line separated.
const paragraphs = readFileSync(join(data, 'darwin_editions', 'darwin_paragraphs.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  .sort((a, b) => a.paragraph - b.paragraph);
const editions = [...new Set(paragraphs.flatMap((p) => p.witnesses.map((w) => w.edition)))].sort();
writeDemo('darwin', {
  label: 'Darwin, Origin of Species ch. 1, six editions',
  attribution: 'Demo texts: Charles Darwin, On the Origin of Species, chapter 1 "Variation under Domestication", '
    + `in the editions of ${editions.slice(0, -1).join(', ')} and ${editions.at(-1)} (public domain). `
    + 'Paragraph segmentation: CollateX / Interedition (interedition/collatex, darwin.html). '
    + 'Details: www/demo/darwin/README.md.',
}, editions.map((edition) => ({
  file: `${edition}.txt`,
  title: `${edition} edition`,
  text: paragraphs.map((p) => p.witnesses.find((w) => w.edition === edition))
    .filter(Boolean).map((w) => w.text.replace(/\s+/g, ' ').trim()).join('\n\n') + '\n',
})));

// ---- Bible: one chapter, one source per translation, one verse per paragraph.
const BOOK = 'Genesis', CHAPTER = '1';
const translations = [
  { key: 'tyn', file: '1_tyndale.txt', title: 'Tyndale (1530)' },
  { key: 'kjv', file: '2_kjv.txt', title: 'King James Version (1611/1769)' },
  { key: 'asv', file: '3_asv.txt', title: 'American Standard Version (1901)' },
  { key: 'web', file: '4_web.txt', title: 'World English Bible (2000)' },
];
const [header, ...rows] = readFileSync(join(data, 'bible_versions', 'verses.tsv'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));
const col = Object.fromEntries(header.map((h, i) => [h, i]));
const verses = rows.filter((r) => r[col.book] === BOOK && r[col.chapter] === CHAPTER)
  .sort((a, b) => Number(a[col.verse]) - Number(b[col.verse]));
writeDemo('bible', {
  label: `Bible, ${BOOK} ${CHAPTER}, four translations`,
  attribution: `Demo texts: ${BOOK} ${CHAPTER} in four English translations: Tyndale (1530), the King James Version `
    + '(1611, 1769 text), the American Standard Version (1901) and the World English Bible. All four are in the public '
    + 'domain in the US; the King James Version remains under Crown letters patent in the United Kingdom. '
    + 'Texts as shipped by the pythonbible-tyn/-kjv/-asv/-web packages. Details: www/demo/bible/README.md.',
}, translations.map(({ key, file, title }) => ({
  file,
  title,
  text: verses.map((r) => r[col[key]].trim()).filter(Boolean).join('\n\n') + '\n',
})));
