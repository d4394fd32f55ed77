/*
 * The unique view: what each source alone says. For every source, its passages aligned
 * with no passage of any other source (report.sources[i].unique), in reading order, with
 * how many there are. It renders only: which passages are unique is the core's call. Text
 * is only ever put into the page as text nodes.
 *
 *   const unique = ParallaxUniqueView.create({ el, shortLabel, sourceLabel });
 *   panel.append(unique.element);
 *   unique.render(report);   // after each comparison
 *
 * The host gives `el` (its text-only DOM builder), `shortLabel(i)` ("S2", "S2 comments")
 * and `sourceLabel(i)` ("S2 · title").
 */
(function () {
  'use strict';
  const MAX_ITEMS = 200; // passages listed per source until the reader asks for all

  const { plural, clip, sourceMenu } = globalThis.ParallaxDom; // loaded before the views (dom.js)

  function create({ el, shortLabel, sourceLabel }) {
    let report = null;
    let only = 'all'; // 'all', or the index of the one source shown
    const expanded = new Set(); // sources listed in full

    const select = el('select', { id: 'unique-source', onchange: (e) => { only = e.target.value; draw(); } });
    const intro = el('p', { class: 'unique-intro' });
    const list = el('div', { class: 'unique-sources' });
    const element = el('div', { class: 'unique-view' },
      el('div', { class: 'bar unique-bar' },
        el('h3', {}, 'What each source alone says'),
        el('label', {}, 'Show ', select)),
      intro, list);

    /** "S2 says" or, for a source's reader comments, "The comments on S2 say". */
    function says(i) {
      const s = report.sources[i];
      return s.parent != null && report.sources[s.parent] ? `The comments on ${report.sources[s.parent].id} say` : `${shortLabel(i)} says`;
    }
    function everything(i) {
      const s = report.sources[i];
      return s.parent != null && report.sources[s.parent] ? `Everything the comments on ${report.sources[s.parent].id} say` : `Everything ${shortLabel(i)} says`;
    }

    function render(r) {
      report = r;
      expanded.clear();
      only = sourceMenu(select, report.sources.length, sourceLabel, only);
      draw();
    }

    function draw() {
      const total = report.sources.reduce((n, s) => n + s.unique.length, 0);
      const passages = report.passages.length;
      const word = report.options && report.options.granularity === 'paragraph' ? 'paragraphs' : 'sentences';
      intro.textContent = `Passages (${word}) that no passage of any other source is aligned with, in each source’s reading order: `
        + `${plural(total, 'passage', 'passages')} of ${passages.toLocaleString('en')} in all.`;
      const shown = only === 'all' ? report.sources.map((_, i) => i) : [Number(only)];
      list.replaceChildren(...shown.map(section));
    }

    function section(i) {
      const s = report.sources[i];
      const text = s.text;
      const ids = [...s.unique].sort((a, b) => report.passages[a].start - report.passages[b].start || a - b);
      const count = ids.length;
      const head = el('h4', { id: `unique-h-${i}` }, clip(sourceLabel(i), 140));
      let body;
      if (!s.passage_count) {
        body = [el('p', { class: 'empty' }, `Nothing of ${shortLabel(i)} was compared.`)];
      } else if (!count) {
        body = [el('p', { class: 'empty unique-none' }, `${everything(i)} is also in another source.`)];
      } else {
        const full = expanded.has(i) || count <= MAX_ITEMS;
        const items = full ? ids : ids.slice(0, MAX_ITEMS);
        body = [
          el('p', { class: 'unique-count' },
            el('strong', {}, `${says(i)} ${plural(count, 'thing', 'things')} no other source does`),
            ` (${count.toLocaleString('en')} of ${plural(s.passage_count, 'passage', 'passages')}, ${Math.round(100 * count / s.passage_count)}%).`),
          el('ol', { class: 'unique-list', 'aria-labelledby': `unique-h-${i}` },
            items.map((id) => {
              const p = report.passages[id];
              return el('li', { 'data-passage': id }, text.slice(p.start, p.end));
            })),
        ];
        if (!full) {
          // The sentence stays when the button cannot (in print and in a snapshot).
          body.push(el('p', { class: 'more' }, `The first ${MAX_ITEMS} of ${count.toLocaleString('en')} are listed. `,
            el('button', { type: 'button', onclick: () => { expanded.add(i); draw(); } }, `List all ${count.toLocaleString('en')}`)));
        }
      }
      return el('section', { class: 'unique-source', 'data-source': i, 'aria-labelledby': `unique-h-${i}` }, head, body);
    }

    return { element, render };
  }

  globalThis.ParallaxUniqueView = Object.freeze({ create });
})();
