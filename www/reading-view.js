/*
 * The reading view: one source's whole text, as it reads, with each passage tinted by how
 * many OTHER sources have a passage aligned with it (a sequential scale, in the manner of
 * Juxta's heat map) and that number written in a mark in the margin, so colour is never the
 * only signal. Choosing a mark (a click, or Enter) shows the aligned passages of the other
 * sources beside the text (below it on a narrow screen). Text the source shares word for
 * word with another source is underlined, and says where else it stands. Blocks that were
 * not compared (report.sources[i].blocks with included = false) are folded away, muted, so
 * the article reads first.
 *
 * It renders only: passages, groups, shared runs and offsets all come from the core; the
 * number of other sources per passage is counted from report.groups. Text is only ever put
 * into the page as text nodes.
 *
 *   const reading = ParallaxReadingView.create({ el, shortLabel, sourceLabel });
 *   panel.append(reading.element);
 *   reading.render(report);   // after each comparison
 *
 * The host gives `el` (its text-only DOM builder), `shortLabel(i)` ("S2", "S2 comments")
 * and `sourceLabel(i)` ("S2 · title"), and may give `narrow`: a MediaQueryList, or any
 * object with `matches` and a "change" event, true when the aligned passages should open
 * under their paragraph rather than beside the text (by default: a window 800px wide or
 * less; the widget passes its own width instead), and `onSelect(group, members)`: called
 * when a passage's aligned passages are opened, with the first group that holds it and
 * that group's members.
 *
 * The margin marks are absolutely positioned with no `top`, so each keeps the height of the
 * line where its passage starts (its static position) and is moved into the text's left
 * padding by `left: 0`: no script measures where lines fall, and the static snapshot and
 * print keep them in place. Where two passages start on one line, the later mark would hide
 * the earlier, so after layout it becomes a badge inside the line instead (settleMarks). A
 * static twin of each mark (hidden on screen) stands in for the button where buttons are
 * dropped: in the snapshot and in print, which may be read at any width, every twin is a
 * badge in the line.
 */
(function () {
  'use strict';
  const TOP_LEVEL = 5; // tint levels: none, 1, 2, 3, 4, and 5 or more other sources
  const MAX_CHARS = 60000; // text drawn until the reader asks for all of it
  const NARROW = '(max-width: 800px)'; // below this the aligned passages open under their paragraph

  const { clip, plural, listed } = globalThis.ParallaxDom; // loaded before the views (dom.js)
  const percent = (x) => `${Math.round(x * 100)}%`;
  /** The tint level of a passage that `k` other sources cover. */
  const levelOf = (k) => Math.min(k, TOP_LEVEL);
  const KIND_NAMES = { body: 'body text', heading: 'heading', caption: 'caption', boilerplate: 'page furniture',
    comment: 'reader comment', metadata: 'metadata' };
  const KIND_CHIPS = { body: 'Body', heading: 'Heading', caption: 'Caption', boilerplate: 'Boilerplate',
    comment: 'Comment', metadata: 'Metadata' };

  /** A block's stretch of `text` without the white space at its ends: [start, end]. */
  function trimmed(text, b) {
    const raw = text.slice(b.start, b.end);
    return [b.start + (raw.length - raw.trimStart().length), b.start + raw.trimEnd().length];
  }

  function create({ el, shortLabel, sourceLabel, narrow = typeof matchMedia === 'function' ? matchMedia(NARROW) : null, onSelect }) {
    let report = null;
    let current = 0; // the source read
    let selected = null; // the passage whose aligned passages are shown, or null
    let showAll = false;
    // Per report: passage id -> Map(other source -> [{passage, score, group}]), and per source its shared spans.
    let others = new Map();
    let verbatim = [];

    const select = el('select', { id: 'reading-source', onchange: (e) => choose(Number(e.target.value)) });
    const title = el('h4', { class: 'reading-title', id: 'reading-title' });
    const summary = el('p', { class: 'reading-summary' });
    const legend = el('div', { class: 'heat-legend reading-legend' });
    const text = el('div', { class: 'reading-text', role: 'region', 'aria-labelledby': 'reading-title',
      onclick: onTextClick });
    const more = el('p', { class: 'more' }); // under the text only while some of it is not drawn
    const panel = el('section', { class: 'reading-panel', id: 'reading-panel', 'aria-labelledby': 'reading-panel-h',
      onkeydown: (e) => { if (e.key === 'Escape' && selected != null) { e.preventDefault(); close(true); } } });
    const side = el('div', { class: 'reading-side' }, panel);
    const live = el('p', { class: 'sr-only no-snapshot', role: 'status', 'aria-live': 'polite' });
    const element = el('div', { class: 'reading-view' },
      el('div', { class: 'bar reading-bar' },
        el('h3', {}, 'One source, read in full'),
        el('label', {}, 'Source ', select)),
      el('p', { class: 'hint no-snapshot' }, 'Each passage is tinted by how many other sources have a passage aligned with it, '
        + 'and the number in the margin says the same. Choose a number (or press Enter on it) to read those passages.'),
      title, summary, legend,
      el('div', { class: 'reading-layout' }, el('div', { class: 'reading-main' }, text), side),
      live);
    if (narrow) narrow.addEventListener('change', () => placePanel());
    // Lines fall anew when the text's width changes (and when its tab is first shown).
    let settledWidth = 0;
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        if (text.clientWidth && text.clientWidth !== settledWidth) settleMarks();
      }).observe(text);
    }

    // ---- the report's parts, as this view needs them ----
    function index() {
      others = new Map();
      const add = (p, source, entry) => {
        let bySource = others.get(p);
        if (!bySource) others.set(p, (bySource = new Map()));
        const list = bySource.get(source) || [];
        const same = list.find((x) => x.passage === entry.passage);
        if (same) same.score = Math.max(same.score, entry.score); else list.push(entry);
        bySource.set(source, list);
      };
      for (const g of report.groups) {
        for (const m of g.members) {
          for (const o of g.members) if (o.source !== m.source) add(m.passage, o.source, { passage: o.passage, score: g.score, group: g.id });
        }
      }
      verbatim = report.sources.map(() => []);
      for (const item of report.shared) for (const sp of item.spans) if (verbatim[sp.source]) verbatim[sp.source].push({ sp, item });
      for (const list of verbatim) list.sort((a, b) => a.sp.start - b.sp.start || a.sp.end - b.sp.end);
    }
    const coveredBy = (p) => others.get(p) || new Map();
    const passagesOf = (s) => report.passages.filter((p) => p.source === s).sort((a, b) => a.start - b.start);

    /** Where else a shared text stands, seen from its place in source `s`: "S9 (4×) and once more in S1". */
    function whereElse(item, s) {
      const counts = new Map();
      for (const sp of item.spans) counts.set(sp.source, (counts.get(sp.source) || 0) + 1);
      const names = [];
      for (const [src, n] of [...counts].sort((a, b) => a[0] - b[0])) {
        if (src === s) continue;
        names.push(shortLabel(src) + (n > 1 ? ` (${n}×)` : ''));
      }
      const again = (counts.get(s) || 0) - 1;
      const also = names.length ? listed(names) : '';
      const repeated = again > 0 ? `${again === 1 ? 'once' : `${again} times`} more in ${shortLabel(s)}` : '';
      return [also, repeated].filter(Boolean).join(', and ');
    }
    /** The sentence a shared run says of itself. */
    function runNote(items, s) {
      return items.map((item) => `Word for word ${item.quoted ? '(a quotation) ' : ''}also in ${whereElse(item, s)}: ${plural(item.words, 'word', 'words')}`)
        .join('. ') + '.';
    }

    /** Source `s`'s shared runs inside [x, y), merged where they overlap: [{a, b, items}]. */
    function runsIn(s, x, y) {
      const out = [];
      for (const { sp, item } of verbatim[s] || []) {
        if (sp.start >= y) break;
        const a = Math.max(sp.start, x);
        const b = Math.min(sp.end, y);
        if (a >= b) continue;
        const last = out[out.length - 1];
        if (last && a <= last.b) {
          last.b = Math.max(last.b, b);
          if (!last.items.includes(item)) last.items.push(item);
        } else out.push({ a, b, items: [item] });
      }
      return out;
    }

    /** Text [x, y) of source `s`, its shared runs underlined. */
    function withRuns(s, x, y) {
      const full = report.sources[s].text;
      const out = [];
      let at = x;
      for (const run of runsIn(s, x, y)) {
        if (run.a > at) out.push(full.slice(at, run.a));
        const note = runNote(run.items, s);
        out.push(el('span', { class: 'rverbatim', title: note, 'aria-description': note }, full.slice(run.a, run.b)));
        at = run.b;
      }
      if (at < y) out.push(full.slice(at, y));
      return out;
    }

    // ---- drawing ----
    function render(r) {
      report = r;
      index();
      if (!(current < report.sources.length)) current = 0;
      select.replaceChildren(...report.sources.map((s, i) => el('option', { value: i }, clip(sourceLabel(i), 80))));
      select.value = String(current);
      selected = null;
      showAll = false;
      draw();
    }

    function choose(s) {
      current = s;
      selected = null;
      showAll = false;
      draw();
      live.textContent = `Reading ${sourceLabel(s)}.`;
    }

    function draw() {
      const s = current;
      const src = report.sources[s];
      const passages = passagesOf(s);
      const counts = Array(TOP_LEVEL + 1).fill(0);
      for (const p of passages) counts[levelOf(coveredBy(p.id).size)]++;
      const alone = counts[0];
      const skipped = src.blocks.filter((b) => !b.included && src.text.slice(b.start, b.end).trim()).length;
      title.textContent = sourceLabel(s);
      summary.textContent = passages.length
        ? `${plural(passages.length, 'passage', 'passages')}: ${(passages.length - alone).toLocaleString('en')} also in another source, `
          + `${alone.toLocaleString('en')} in ${shortLabel(s)} alone.`
          + (skipped ? ` ${plural(skipped, 'block was', 'blocks were')} not compared (folded away below).` : '')
        : `Nothing of ${shortLabel(s)} was compared.`;
      drawLegend(counts, report.sources.length - 1);
      drawText(s, passages);
      drawPanel();
      placePanel();
    }

    /** The scale: one entry per level that can occur, each with its swatch, its number and how many passages have it. */
    function drawLegend(counts, most) {
      const top = Math.min(most, TOP_LEVEL);
      const items = [];
      for (let k = 0; k <= top; k++) {
        const orMore = k === TOP_LEVEL && most > TOP_LEVEL;
        const label = k === 0 ? 'no other source' : orMore ? `${k} or more others` : `${k} other${k === 1 ? '' : 's'}`;
        items.push(el('li', { class: 'heat-key', 'data-level': k },
          el('span', { class: `rmark-key heat-${k}`, 'aria-hidden': 'true' }, orMore ? `${k}+` : String(k)),
          el('span', { class: 'heat-key-label' }, label),
          el('span', { class: 'heat-key-n' }, ` (${counts[k].toLocaleString('en')})`)));
      }
      legend.replaceChildren(
        el('p', { class: 'heat-legend-title', id: 'reading-legend-h' }, 'Passages in'),
        el('ul', { class: 'heat-scale', 'aria-labelledby': 'reading-legend-h' }, items),
        el('p', { class: 'heat-legend-extra' }, el('span', { class: 'rverbatim' }, 'Underlined'), ': word for word in another source too'));
    }

    function drawText(s, passages) {
      const src = report.sources[s];
      const full = src.text;
      const byBlock = new Map();
      for (const p of passages) {
        if (!byBlock.has(p.paragraph)) byBlock.set(p.paragraph, []);
        byBlock.get(p.paragraph).push(p);
      }
      const nodes = [];
      let folded = []; // not-compared blocks waiting to be drawn as one fold
      let drawn = 0;
      let cut = null; // where drawing stopped: {blocks shown, blocks in all}
      const blocks = src.blocks.map((b, i) => ({ b, i })).filter(({ b }) => full.slice(b.start, b.end).trim());
      const flush = () => {
        if (folded.length) nodes.push(fold(s, folded));
        folded = [];
      };
      for (let n = 0; n < blocks.length; n++) {
        const { b, i } = blocks[n];
        if (!showAll && drawn >= MAX_CHARS) { cut = { shown: n, all: blocks.length }; break; }
        drawn += b.end - b.start;
        if (!b.included && !byBlock.has(i)) { folded.push(b); continue; }
        flush();
        nodes.push(paragraph(s, b, i, byBlock.get(i) || [], passages));
      }
      flush();
      if (!nodes.length) nodes.push(el('p', { class: 'empty' }, `${shortLabel(s)} has no text.`));
      text.replaceChildren(...nodes);
      settleMarks();
      if (cut) {
        text.after(more);
        // The sentence stays when the button cannot (in print and in a snapshot).
        more.replaceChildren(`The first ${cut.shown.toLocaleString('en')} of ${cut.all.toLocaleString('en')} blocks are shown. `,
          el('button', { type: 'button', onclick: () => { showAll = true; drawText(s, passages); placePanel(); } },
            `Show the whole text (${(cut.all - cut.shown).toLocaleString('en')} more blocks)`));
      } else {
        more.remove();
      }
    }

    /** A run of blocks that were not compared, folded: its kinds and first words say what it is. */
    function fold(s, blocks) {
      const full = report.sources[s].text;
      const kinds = [...new Set(blocks.map((b) => KIND_NAMES[b.kind] || b.kind))];
      const first = full.slice(blocks[0].start, blocks[0].end).trim().replace(/\s+/g, ' ');
      return el('details', { class: 'set-aside' },
        el('summary', {},
          el('span', { class: 'set-aside-what' }, `Not compared: ${plural(blocks.length, 'block', 'blocks')} of ${listed(kinds)}`),
          el('span', { class: 'set-aside-preview' }, ` “${clip(first, 70)}”`)),
        blocks.map((b) => {
          const [a, z] = trimmed(full, b);
          return el('p', { class: `rblock set-aside-block kind-${b.kind}` },
            el('span', { class: 'chip' }, KIND_CHIPS[b.kind] || b.kind), ' ', withRuns(s, a, z));
        }));
    }

    /** One compared block: its passages, each with its mark, tint and shared runs. */
    function paragraph(s, b, i, inBlock, passages) {
      const [a, z] = trimmed(report.sources[s].text, b);
      const parts = [];
      let at = a;
      for (const p of inBlock) {
        const ps = Math.max(p.start, at);
        const pe = Math.max(p.end, ps);
        if (ps > at) parts.push(...withRuns(s, at, ps));
        parts.push(passageNodes(s, p, ps, pe, passages));
        at = pe;
      }
      if (at < z) parts.push(...withRuns(s, at, z));
      return el('p', { class: `rblock kind-${b.kind}${b.included ? '' : ' not-compared'}`, 'data-block': i }, parts);
    }

    /** What a passage's mark says, for a screen reader and as a tooltip. */
    function coverNote(p) {
      const bySource = coveredBy(p.id);
      const k = bySource.size;
      const names = [...bySource.keys()].sort((x, y) => x - y).map(shortLabel);
      return k ? `${k} other source${k > 1 ? 's' : ''}: ${listed(names)}` : `0 other sources: only ${shortLabel(p.source)} says this`;
    }

    /**
     * A passage: its tint, and its mark (the button, and its static twin for a snapshot).
     * The marks share a no-wrap span with the passage's first character, so the line breaks
     * before them, never between them and the text: each stands level with its first line.
     */
    function passageNodes(s, p, ps, pe, passages) {
      const k = coveredBy(p.id).size;
      const level = levelOf(k);
      const n = passages.indexOf(p) + 1;
      const on = selected === p.id;
      const full = report.sources[s].text;
      const first = ps < pe ? String.fromCodePoint(full.codePointAt(ps)) : '';
      const lead = /\s/.test(first) ? 0 : first.length;
      return el('span', { class: `rpassage heat-${level}${on ? ' selected' : ''}`, 'data-passage': p.id, 'data-k': k, title: `In ${coverNote(p)}` },
        el('span', { class: 'rlead' },
          el('button', { type: 'button', class: `rmark heat-${level}`, 'data-passage': p.id, 'data-k': k,
            'aria-label': `Passage ${n}, in ${coverNote(p)}. Show the aligned passages.`, title: `In ${coverNote(p)}`,
            'aria-controls': 'reading-panel', 'aria-expanded': String(on),
            onclick: (e) => { e.stopPropagation(); open(p.id, { focus: true }); } }, String(k)),
          el('span', { class: `rmark rmark-static heat-${level}` }, String(k), el('span', { class: 'sr-only' }, ` other source${k === 1 ? '' : 's'}: `)),
          withRuns(s, ps, ps + lead)),
        withRuns(s, ps + lead, pe));
    }

    /**
     * Each mark stands in the margin, level with its passage's first line; a mark whose line
     * already has one becomes a badge at its passage's start, so no mark hides another.
     */
    function settleMarks() {
      settledWidth = text.clientWidth;
      if (!settledWidth) return; // not shown: done when it is
      const marks = [...text.querySelectorAll('button.rmark')];
      if (marks.length && !marks[0].getClientRects().length) return; // buttons not drawn (print)
      for (const m of text.querySelectorAll('.rmark-inline')) m.classList.remove('rmark-inline');
      // Measure every mark, then change the ones that share a line: one layout per pass,
      // not one per mark (on a long text, measuring between changes took a second). A
      // badge can push the text after it down a little, so repeat until nothing changes.
      const inline = new Set();
      for (let pass = 0; pass < 6; pass++) {
        const tops = marks.map((m) => (inline.has(m) ? null : m.getBoundingClientRect().top));
        const added = [];
        let lineTop = -Infinity;
        marks.forEach((m, i) => {
          if (tops[i] === null) return;
          if (Math.abs(tops[i] - lineTop) < 4) added.push(m);
          else lineTop = tops[i];
        });
        if (!added.length) break;
        for (const m of added) {
          inline.add(m);
          m.classList.add('rmark-inline');
          m.nextElementSibling.classList.add('rmark-inline'); // its static twin
        }
      }
    }

    // ---- the aligned passages of the chosen passage ----
    function onTextClick(e) {
      const span = e.target.closest('.rpassage');
      if (!span) return;
      // Selecting text to copy it is not choosing a passage.
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed && span.contains(sel.anchorNode)) return;
      open(Number(span.dataset.passage), { focus: false });
    }

    function open(id, { focus }) {
      selected = id;
      for (const node of text.querySelectorAll('.rpassage.selected')) node.classList.remove('selected');
      for (const node of text.querySelectorAll('.rmark[aria-expanded="true"]')) node.setAttribute('aria-expanded', 'false');
      const span = text.querySelector(`.rpassage[data-passage="${id}"]`);
      const mark = text.querySelector(`button.rmark[data-passage="${id}"]`);
      if (span) span.classList.add('selected');
      if (mark) mark.setAttribute('aria-expanded', 'true');
      drawPanel();
      placePanel();
      if (onSelect) {
        const group = report.groups.find((g) => g.members.some((m) => m.passage === id));
        if (group) onSelect(group, group.members);
      }
      const heading = panel.querySelector('h4');
      if (focus && heading) {
        heading.focus({ preventScroll: true });
        panel.scrollIntoView({ block: 'nearest' });
      } else {
        live.textContent = heading ? `${heading.textContent}: its aligned passages are shown.` : '';
      }
    }

    function close(refocus) {
      const id = selected;
      selected = null;
      for (const node of text.querySelectorAll('.rpassage.selected')) node.classList.remove('selected');
      for (const node of text.querySelectorAll('.rmark[aria-expanded="true"]')) node.setAttribute('aria-expanded', 'false');
      drawPanel();
      placePanel();
      const mark = text.querySelector(`button.rmark[data-passage="${id}"]`);
      if (refocus && mark) mark.focus();
    }

    /** Steps to the passage `by` places away, among those drawn. */
    function step(by) {
      const marks = [...text.querySelectorAll('button.rmark')];
      const at = marks.findIndex((m) => Number(m.dataset.passage) === selected);
      const to = marks[at + by];
      if (to) {
        open(Number(to.dataset.passage), { focus: true });
        const span = text.querySelector(`.rpassage[data-passage="${to.dataset.passage}"]`);
        if (span && !(narrow && narrow.matches)) span.scrollIntoView({ block: 'nearest' });
      }
    }

    function drawPanel() {
      const s = current;
      side.classList.toggle('no-snapshot', selected == null);
      if (selected == null) {
        panel.classList.add('idle');
        panel.replaceChildren(
          el('h4', { id: 'reading-panel-h', tabindex: -1 }, 'Aligned passages'),
          el('p', { class: 'hint' }, 'Choose a number in the margin, or a passage, to read what the other sources say there. '
            + 'Tab moves from mark to mark; Enter opens one; Escape comes back.'));
        return;
      }
      panel.classList.remove('idle');
      const p = report.passages[selected];
      const passages = passagesOf(s);
      const n = passages.findIndex((x) => x.id === p.id) + 1;
      const bySource = coveredBy(p.id);
      const k = bySource.size;
      const marks = [...text.querySelectorAll('button.rmark')];
      const at = marks.findIndex((m) => Number(m.dataset.passage) === p.id);
      const head = el('div', { class: 'panel-head' },
        el('h4', { id: 'reading-panel-h', tabindex: -1 }, `${shortLabel(s)}, passage ${n} of ${passages.length}`),
        el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'quiet', 'aria-label': 'Previous passage', title: 'Previous passage', disabled: at <= 0,
          onclick: () => step(-1) }, '↑'),
        el('button', { type: 'button', class: 'quiet', 'aria-label': 'Next passage', title: 'Next passage', disabled: at < 0 || at >= marks.length - 1,
          onclick: () => step(1) }, '↓'),
        el('button', { type: 'button', class: 'quiet close', 'aria-label': 'Close (Escape)', title: 'Close (Escape)',
          onclick: () => close(true) }, '✕'));
      const own = el('blockquote', { class: `panel-own heat-${levelOf(k)}` }, withRuns(s, p.start, p.end));
      const cover = el('p', { class: 'panel-k' },
        el('span', { class: `rmark-key heat-${levelOf(k)}`, 'aria-hidden': 'true' }, String(k)),
        k ? ` In ${plural(k, 'other source', 'other sources')}:` : ` In no other source: only ${shortLabel(s)} says this.`);
      const list = k ? el('ul', { class: 'panel-others', 'aria-label': 'Aligned passages of the other sources' },
        [...bySource.keys()].sort((x, y) => x - y).map((o) => el('li', { 'data-source': o },
          el('p', { class: 'panel-src' }, clip(sourceLabel(o), 110)),
          bySource.get(o).sort((x, y) => report.passages[x.passage].start - report.passages[y.passage].start).map((x) => {
            const q = report.passages[x.passage];
            return el('p', { class: 'panel-text', 'data-passage': q.id },
              withRuns(o, q.start, q.end), ' ', el('span', { class: 'panel-score' }, `${percent(x.score)} similar`));
          })))) : null;
      const runs = runsIn(s, p.start, p.end).flatMap((run) => run.items);
      const shared = [...new Set(runs)];
      const sharedList = shared.length ? [
        el('h5', {}, 'Word for word elsewhere'),
        el('ul', { class: 'panel-shared' }, shared.map((item) => {
          const sp = item.spans.find((x) => x.source === s && x.start < p.end && x.end > p.start);
          return el('li', { 'data-shared': item.id },
            el('q', {}, report.sources[s].text.slice(sp.start, sp.end)),
            el('span', { class: 'where' }, `${item.quoted ? 'A quotation · ' : ''}${plural(item.words, 'word', 'words')}, also in ${whereElse(item, s)}`));
        }))] : [];
      panel.replaceChildren(head, own, cover, list, ...sharedList);
    }

    /** Beside the text on a wide screen; under the passage's paragraph on a narrow one. */
    function placePanel() {
      const span = selected != null ? text.querySelector(`.rpassage[data-passage="${selected}"]`) : null;
      if (narrow && narrow.matches && span) {
        span.closest('.rblock').after(panel);
        side.hidden = true;
      } else {
        if (panel.parentNode !== side) side.append(panel);
        side.hidden = !!(narrow && narrow.matches);
      }
      panel.hidden = narrow && narrow.matches ? selected == null : false;
    }

    return { element, render };
  }

  globalThis.ParallaxReadingView = Object.freeze({ create });
})();
