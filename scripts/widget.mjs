// Builds dist/parallax-compare.js, the <parallax-compare> widget: one classic script with
// the core (glue and wasm) inlined, dom.js and the view modules the page uses, the widget's element
// (www/widget/element.js) and its stylesheet, and the page's API (www/parallax-api.js).
//
// The script adds one global, window.Parallax. Every file it bundles is written for the
// page, where it puts its export on the global object (`globalThis.ParallaxAlignedView =
// …`); here each runs inside `(function (globalThis) { … })(scope)`, so those exports land
// on the bundle's own `scope` object instead. parallax-api.js takes the scope the same
// way, finds the core and the widget's `ParallaxExtend` there, and defines the API on
// the real global. The element is defined last (`scope.ParallaxStart()`), once
// window.Parallax exists, since defining it upgrades elements already in the page.
//
// The stylesheet is the page's www/style.css made fit for a shadow root (`:root` becomes
// `:host`, and every custom property `--x` becomes `--parallax-x`, so a host page can
// theme the widget with prefixed properties and its own properties never leak in),
// followed by www/widget/widget.css. In both, a length in `rem` becomes a multiple of
// `--parallax-font-size` (16px unless the host sets it): `rem` is the host page's root
// font size, which many sites shrink (`html { font-size: 62.5% }`), and the widget must
// not shrink with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const VIEWS = ['dom.js', 'aligned-view.js', 'reading-view.js', 'shared-view.js', 'unique-view.js', 'overview-view.js'];

/** The page's stylesheet as the widget's shadow root uses it. */
export function widgetCss(root) {
  const page = readFileSync(join(root, 'www/style.css'), 'utf8')
    .replace(/:root\b/g, ':host')
    .replace(/--([a-z][a-z0-9-]*)/g, '--parallax-$1');
  return `${page}\n${readFileSync(join(root, 'www/widget/widget.css'), 'utf8')}`
    .replace(/(?<![\w.-])(\d*\.?\d+)rem\b/g, 'calc($1 * var(--parallax-font-size))');
}

/** The widget script, as a string. */
export function buildWidget({ root, version, glue, wasmBase64 }) {
  const read = (p) => readFileSync(join(root, p), 'utf8');
  const json = (v) => JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const inScope = (file) => `(function (globalThis) {\n${read(file)}\n})(scope);\n`;
  return [
    `/*! Parallax ${version}: the <parallax-compare> widget, with its WebAssembly core inlined.`,
    ' * MIT licence. Load it with <script src="parallax-compare.js"></script>; see README.md. */',
    '(function () {',
    "  'use strict';",
    '  // Loaded twice: the first copy stays in charge.',
    "  if (typeof window === 'undefined' || (window.Parallax && window.Parallax.CompareElement)) return;",
    '  const scope = {};',
    `  scope.ParallaxCore = {version: ${json(version)}, glue: ${json(glue)}, wasmBase64: "${wasmBase64}"};`,
    `  scope.ParallaxWidgetCss = ${json(widgetCss(root))};`,
    ...VIEWS.map((f) => inScope(`www/${f}`)),
    inScope('www/widget/element.js'),
    inScope('www/parallax-api.js'),
    '  if (typeof scope.ParallaxStart === \'function\') scope.ParallaxStart();',
    '})();',
    '',
  ].join('\n');
}
