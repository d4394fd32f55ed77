/*
 * Drawing text safely, for the page (app.js), the views and the widget (widget/element.js):
 * `el` builds an element from attributes and children, putting every string in as a text
 * node, never as markup; `diffNodes` draws one side of a word diff with its changed
 * stretches marked; `clip`, `plural` and `listed` word what the views write.
 *
 *   const { el, diffNodes } = ParallaxDom;
 *   el('p', { class: 'note', onclick: f }, 'Text ', el('b', {}, 'bold'));
 *   diffNodes(text, diff.ops, 'old');   // text, with <del> around what the other side lacks
 *
 * `sourceMenu` fills a view's "Show: every source / one source" menu.
 */
(function () {
  'use strict';
  /** An element with `attrs` (on* are listeners; true is present, false or null absent) and `children` (nodes or text). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c == null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  /** `text` as one side (`old` or `new`) of a word diff's `ops`, its changed stretches marked. */
  function diffNodes(text, ops, side) {
    const out = [];
    for (const op of ops) {
      const [a, b] = side === 'old' ? [op.old_start, op.old_end] : [op.new_start, op.new_end];
      if (a === b) continue;
      const piece = text.slice(a, b);
      const marked = (side === 'old' && (op.kind === 'delete' || op.kind === 'replace'))
        || (side === 'new' && (op.kind === 'insert' || op.kind === 'replace'));
      if (op.kind === 'equal' || !marked) { out.push(piece); continue; }
      // Spaces at the edges of a change stay unmarked, so marks hug the words.
      const [, lead, core, trail] = piece.match(/^(\s*)([\s\S]*?)(\s*)$/);
      if (lead) out.push(lead);
      if (core) out.push(el(side === 'old' ? 'del' : 'ins', {}, core));
      if (trail) out.push(trail);
    }
    return out;
  }
  /** `s` cut to at most `n` characters, an ellipsis marking the cut. */
  const clip = (s, n) => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);
  /** "1 word", "2,048 words". */
  const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  /** "S2, S6 and S9". */
  function listed(names) {
    return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }

  /**
   * Fills `select` with "Every source" and one option per source (`label(i)`, clipped),
   * keeps `only` selected if the report still has that source, and returns what is
   * selected: 'all', or a source's index.
   */
  function sourceMenu(select, count, label, only) {
    const kept = only !== 'all' && Number(only) < count ? only : 'all';
    select.replaceChildren(el('option', { value: 'all' }, 'Every source'),
      ...Array.from({ length: count }, (_, i) => el('option', { value: i }, clip(label(i), 80))));
    select.value = kept;
    return kept;
  }

  globalThis.ParallaxDom = Object.freeze({ el, diffNodes, clip, plural, listed, sourceMenu });
})();
