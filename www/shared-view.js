/*
 * The shared-text view: every run of words that stands word for word in more than one
 * place (report.shared), longest first, each with every place it stands: the source, and
 * the run as that source words it with the text around it (up to its block's edges), so a
 * reader sees whether it is a quotation, copied prose or a repeated line. Quotations are
 * labelled as such, not told by colour alone, and so is near-verbatim text (a run whose
 * places differ by a word changed, dropped or added: `edits` > 0). A select narrows the
 * list to the runs one source has. It renders only: runs, spans, `quoted` and `edits`
 * come from the core; this file
 * cuts the context at word edges. Text is only ever put into the page as text nodes.
 *
 *   const shared = ParallaxSharedView.create({ el, shortLabel, sourceLabel });
 *   panel.append(shared.element);
 *   shared.render(report);   // after each comparison
 *
 * The host gives `el` (its text-only DOM builder), `shortLabel(i)` ("S2", "S2 comments")
 * and `sourceLabel(i)` ("S2 · title").
 */
(function () {
  'use strict';
  const MAX_RUNS = 100; // runs listed until the reader asks for all
  const CONTEXT = 90; // characters of context on each side of a run, at most

  const { plural, clip, listed, sourceMenu } = globalThis.ParallaxDom; // loaded before the views (dom.js)

  function create({ el, shortLabel, sourceLabel }) {
    let report = null;
    let only = 'all'; // 'all', or the index of the one source whose runs are listed
    let showAll = false;

    const select = el('select', { id: 'shared-source', onchange: (e) => { only = e.target.value; showAll = false; draw(); } });
    const intro = el('p', { class: 'shared-intro' });
    const list = el('div', { class: 'shared-runs' });
    const element = el('div', { class: 'shared-view' },
      el('div', { class: 'bar shared-bar' },
        el('h3', {}, 'Text shared word for word'),
        el('label', {}, 'Show ', select)),
      intro, list);

    /** The block of source `s` that holds offset `at`: [start, end] without its edge white space. */
    function blockAround(s, at) {
      const src = report.sources[s];
      const b = src.blocks.find((x) => x.start <= at && at < x.end) || { start: 0, end: src.text.length };
      const raw = src.text.slice(b.start, b.end);
      return [b.start + (raw.length - raw.trimStart().length), b.start + raw.trimEnd().length];
    }

    /** A span in its context: {before, run, after}, the context cut at word edges and inside the span's block. */
    function inContext(sp) {
      const text = report.sources[sp.source].text;
      const [a, z] = blockAround(sp.source, sp.start);
      let from = Math.max(a, sp.start - CONTEXT);
      if (from > a) {
        const gap = text.slice(from, sp.start).search(/\s/);
        from = gap < 0 ? sp.start : from + gap + 1;
      }
      let to = Math.min(z, sp.end + CONTEXT);
      if (to < z) {
        const tail = text.slice(sp.end, to);
        const gap = tail.search(/\s\S*$/);
        to = gap < 0 ? sp.end : sp.end + gap;
      }
      const squeeze = (s) => s.replace(/\s+/g, ' ');
      return {
        before: (from > a ? '…' : '') + squeeze(text.slice(from, sp.start)),
        run: squeeze(text.slice(sp.start, sp.end)),
        after: squeeze(text.slice(sp.end, to)) + (to < z ? '…' : ''),
      };
    }

    function render(r) {
      report = r;
      showAll = false;
      only = sourceMenu(select, report.sources.length, sourceLabel, only);
      draw();
    }

    function draw() {
      const min = report.options.min_shared_words;
      const all = [...report.shared].sort((a, b) => b.words - a.words || a.id - b.id);
      const runs = only === 'all' ? all : all.filter((x) => x.spans.some((sp) => sp.source === Number(only)));
      const quoted = runs.filter((x) => x.quoted).length;
      const near = runs.filter((x) => x.edits > 0).length;
      if (!all.length) {
        intro.textContent = '';
        list.replaceChildren(el('p', { class: 'empty' }, `No run of ${min} or more words appears word for word in two places.`));
        return;
      }
      if (!runs.length) {
        intro.textContent = '';
        list.replaceChildren(el('p', { class: 'empty' }, `${shortLabel(Number(only))} shares no run of ${min} or more words word for word.`));
        return;
      }
      intro.textContent = `${plural(runs.length, 'run', 'runs')} of ${min} or more words stand word for word in more than one place`
        + `${only === 'all' ? '' : ` (those in ${shortLabel(Number(only))})`}, the longest first`
        + `${quoted ? `; ${quoted.toLocaleString('en')} ${quoted === 1 ? 'is' : 'are'} quoted somewhere` : ''}`
        + `${near ? `; ${near.toLocaleString('en')} ${near === 1 ? 'stands' : 'stand'} nearly word for word, a word changed, dropped or added here and there` : ''}`
        + '. Each place shows the run in its own words, marked, with the text around it.';
      const shown = showAll ? runs : runs.slice(0, MAX_RUNS);
      const parts = [el('ul', { class: 'shared-list' }, shown.map(item))];
      if (shown.length < runs.length) {
        // The sentence stays when the button cannot (in print and in a snapshot).
        parts.push(el('p', { class: 'more' }, `The first ${shown.length} of ${runs.length.toLocaleString('en')} runs are listed. `,
          el('button', { type: 'button', onclick: () => { showAll = true; draw(); } }, `List all ${runs.length.toLocaleString('en')}`)));
      }
      list.replaceChildren(...parts);
    }

    /** One run: what it is, then every place it stands, in source order. */
    function item(x) {
      const counts = new Map();
      for (const sp of x.spans) counts.set(sp.source, (counts.get(sp.source) || 0) + 1);
      const where = listed([...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => shortLabel(s) + (n > 1 ? ` (${n}×)` : '')));
      const places = [...x.spans].sort((a, b) => a.source - b.source || a.start - b.start);
      return el('li', { 'data-shared': x.id, class: x.quoted ? 'quoted' : null },
        el('p', { class: 'where shared-facts' },
          x.quoted ? el('strong', {}, 'Quotation · ') : null,
          x.edits > 0 ? el('strong', {}, 'Nearly word for word · ') : null,
          `${plural(x.words, 'word', 'words')}, in ${where}`,
          x.edits > 0 ? ` · ${plural(x.edits, 'word differs', 'words differ')} between its places` : ''),
        el('ul', { class: 'shared-places' }, places.map((sp) => {
          const c = inContext(sp);
          return el('li', { 'data-source': sp.source, 'data-start': sp.start, 'data-end': sp.end },
            el('span', { class: 'place-label', title: sourceLabel(sp.source) }, clip(sourceLabel(sp.source), 90)),
            el('span', { class: 'shared-context' }, c.before, el('mark', { class: 'shared-hit' }, c.run), c.after));
        })));
    }

    return { element, render };
  }

  globalThis.ParallaxSharedView = Object.freeze({ create });
})();
