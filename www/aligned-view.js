/*
 * The aligned view: every source side by side, one column per source and one row per
 * group of aligned passages (report.groups), a dash where a source is silent. Rows follow
 * one source's reading order (by default for versions of one text: the first source's), or
 * how many sources share them (by default for articles), or their similarity.
 * Selecting a row (a click, or Enter) opens the word diff of two of its passages below the
 * grid, side by side or inline. It renders only: groups, scores, reasons, shared runs and
 * diffs all come from the core; text is only ever put into the page as text nodes.
 *
 * The grid follows the WAI-ARIA grid pattern: a <table role=grid> with one tab stop (a
 * roving tabindex); arrow keys move between cells, Home/End to the row's ends, Ctrl+Home/
 * Ctrl+End to the grid's, PageUp/PageDown by ten rows; Enter or Space on a row opens its
 * diff (on a source's column header, orders the rows by that source); Escape closes it.
 * One scroll container with sticky column and row headers keeps every column in step.
 *
 *   const aligned = ParallaxAlignedView.create({ el, diffNodes, shortLabel, sourceLabel,
 *     diffOptions, layout, setLayout, onError });
 *   panel.append(aligned.element);
 *   aligned.render(report);   // after each comparison
 *   aligned.refreshDiff();    // the diff options changed: the open diff is computed again
 *
 * The host gives `el` (its text-only DOM builder), `diffNodes(text, ops, side)` (one side
 * of a word diff, marked), `shortLabel(i)` ("S2", "S2 comments") and `sourceLabel(i)`
 * ("S2 · title"), `diffOptions()` (the DiffOptions to pass to Parallax.diff), `layout()`
 * and `setLayout(value)` (the kept choice of "side" or "inline"), `onError(message)`, and
 * optionally `onSelect(group, members)`, called when a row's diff opens or its pair changes,
 * with the group and the two members (of report.groups[].members) compared.
 */
(function () {
  'use strict';
  /** The mean number of words of a group's passages. */
  function meanWords(report, g) {
    const words = g.members.reduce((n, m) =>
      n + report.sources[m.source].text.slice(m.start, m.end).split(/\s+/).filter(Boolean).length, 0);
    return words / g.members.length;
  }
  /**
   * A row whose passages are shorter than this, on average, is small talk or a dateline
   * ("Thank you.", "Good afternoon.", "GENEVA, Jan. 10"): many sources may share it, but
   * it says little, so "most sources first" puts it after every row that says something.
   * Eight, not fewer: a press call's courtesies ("Q Thank you so much for doing this.")
   * run to seven words, and the news demo's first rows were theirs.
   */
  const SUBSTANTIVE_WORDS = 8;
  /**
   * How much a row is worth reading, among rows as widely shared: its similarity, scaled
   * down for short passages. Passages of 12 words or more count in full.
   */
  const rowWeight = (g, words) => g.score * Math.min(1, words / 12);

  // Rows drawn until the reader asks for all: 300, fewer when there are many columns,
  // since laying out a wide table costs by the cell (20 sources, 300 rows: 0.3 s).
  const MAX_ROWS = 300;
  const MAX_CELLS = 2400;
  const firstRows = (columns) => Math.max(60, Math.min(MAX_ROWS, Math.floor(MAX_CELLS / columns)));
  const PAGE_ROWS = 10; // PageUp/PageDown move this many rows

  const { clip } = globalThis.ParallaxDom; // loaded before the views (dom.js)
  const percent = (score) => `${Math.round(score * 100)}%`;

  function create({ el, diffNodes, shortLabel, sourceLabel, diffOptions, layout, setLayout, onError, onSelect }) {
    let report = null;
    let order = 'sources'; // 'sources' (shared by most first), 'score' or 'source:N' (N's reading order)
    let chosen = null; // the order the reader chose, kept over later reports; null: each report's default
    let ordered = []; // the groups in the order drawn
    let showAll = false;
    // The grid's tab stop: its row ('head', a group id, or null for the first row of passages) and column.
    let active = { row: null, col: 1 };
    const diff = { open: false, group: null, pair: null, seq: 0 }; // pair: [key, key] of the members compared
    let verbatim = []; // per source: its shared-text spans, by start

    const orderSelect = el('select', { class: 'order', onchange: (e) => setOrder(e.target.value) });
    const note = el('p', { class: 'grid-note hint', id: 'aligned-note' });
    const scroller = el('div', { class: 'grid-scroll' });
    const more = el('p', { class: 'more' }); // under the grid only while some rows are not drawn
    const live = el('p', { class: 'sr-only no-snapshot', role: 'status', 'aria-live': 'polite' });
    const diffRegion = el('section', { class: 'aligned-diff', id: 'aligned-diff', 'aria-labelledby': 'aligned-diff-h', hidden: true,
      onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); closeDiff(true); } } });
    const element = el('div', { class: 'aligned' },
      el('div', { class: 'bar aligned-bar' },
        el('h3', {}, 'Every source, passage by passage'),
        el('label', {}, 'Order rows by ', orderSelect),
        el('span', { class: 'legend' }, el('mark', { class: 'verbatim' }, 'word for word'), ' in another source too')),
      note, scroller, diffRegion, live);

    // ---- the report's parts, as the grid needs them ----
    const textOf = (m) => report.sources[m.source].text.slice(m.start, m.end);
    const groupById = (id) => report.groups[id];
    const memberKey = (m) => `${m.source}:${m.start}:${m.end}`;
    const sourcesIn = (g) => new Set(g.members.map((m) => m.source));
    /** ", by Jane Doe, 10 January 2022": a source's author and date, given or found, for its column head. */
    const byline = (s) => (s.parent == null ? [s.author ? `by ${s.author}` : null, s.date].filter(Boolean).map((x) => `, ${x}`).join('') : '');

    /** A group's members, in column order, each with a label naming its source (and which of its passages). */
    function membersOf(g) {
      const sorted = [...g.members].sort((a, b) => a.source - b.source || a.start - b.start);
      return sorted.map((m) => {
        const same = sorted.filter((x) => x.source === m.source);
        const n = same.indexOf(m);
        return { m, key: memberKey(m), label: same.length > 1 ? `${shortLabel(m.source)} (passage ${n + 1} of ${same.length})` : shortLabel(m.source) };
      });
    }

    /** The shared-text spans of each source, sorted, to mark verbatim runs inside the cells. */
    function indexVerbatim() {
      verbatim = report.sources.map(() => []);
      for (const s of report.shared) {
        // Text one source repeats within itself is not shared with another.
        if (new Set(s.spans.map((sp) => sp.source)).size < 2) continue;
        for (const sp of s.spans) if (verbatim[sp.source]) verbatim[sp.source].push(sp);
      }
      for (const list of verbatim) list.sort((a, b) => a.start - b.start);
    }
    /** Stretches of member `m` shared word for word with another source, merged: [[start, end], …]. */
    function verbatimIn(m) {
      const out = [];
      for (const sp of verbatim[m.source] || []) {
        if (sp.start >= m.end) break;
        const a = Math.max(sp.start, m.start);
        const b = Math.min(sp.end, m.end);
        if (a >= b) continue;
        const last = out[out.length - 1];
        if (last && a <= last[1]) last[1] = Math.max(last[1], b); else out.push([a, b]);
      }
      return out;
    }

    // ---- order ----
    function orderedGroups() {
      const gs = report.groups;
      const byId = (a, b) => a.id - b.id;
      const first = (g) => g.members.reduce((x, m) => (!x || m.source < x.source || (m.source === x.source && m.start < x.start) ? m : x), null);
      const byFirst = (a, b) => { const x = first(a), y = first(b); return x.source - y.source || x.start - y.start || a.id - b.id; };
      if (order.startsWith('source:')) {
        const s = Number(order.slice(7));
        const at = new Map();
        for (const g of gs) {
          for (const m of g.members) if (m.source === s && !(at.get(g.id) <= m.start)) at.set(g.id, m.start);
        }
        const within = gs.filter((g) => at.has(g.id)).sort((a, b) => at.get(a.id) - at.get(b.id) || byId(a, b));
        const without = gs.filter((g) => !at.has(g.id)).sort(byFirst);
        return { rows: [...within, ...without], silentFrom: within.length };
      }
      const count = new Map(gs.map((g) => [g.id, sourcesIn(g).size]));
      const words = new Map(gs.map((g) => [g.id, meanWords(report, g)]));
      const substantive = (g) => (words.get(g.id) >= SUBSTANTIVE_WORDS ? 1 : 0);
      const weight = new Map(gs.map((g) => [g.id, rowWeight(g, words.get(g.id))]));
      const rows = [...gs].sort(order === 'score'
        ? (a, b) => b.score - a.score || count.get(b.id) - count.get(a.id) || byId(a, b)
        : (a, b) => substantive(b) - substantive(a) || count.get(b.id) - count.get(a.id)
          || weight.get(b.id) - weight.get(a.id) || byId(a, b));
      return { rows, silentFrom: null };
    }

    /** The reader chose an order (the select, or a source's column head): it is kept. */
    function setOrder(value) {
      chosen = value;
      order = value;
      orderSelect.value = value;
      const focused = scroller.contains(scroller.getRootNode().activeElement); // in a shadow root too
      drawGrid();
      if (focused) focusActive();
      live.textContent = `Rows ordered by ${orderSelect.selectedOptions[0].textContent}.`;
    }

    // ---- drawing ----
    function render(r) {
      report = r;
      indexVerbatim();
      showAll = false;
      const n = report.sources.length;
      // Versions of one text read best in the order of the first; articles, most shared first.
      order = chosen || (report.mode === 'version' ? 'source:0' : 'sources');
      if (order.startsWith('source:') && Number(order.slice(7)) >= n) order = 'source:0';
      orderSelect.replaceChildren(
        el('optgroup', { label: 'Sharing' },
          el('option', { value: 'sources' }, 'Most sources first'),
          el('option', { value: 'score' }, 'Highest similarity first')),
        el('optgroup', { label: 'Reading order of' }, report.sources.map((s, i) => el('option', { value: `source:${i}` }, clip(sourceLabel(i), 60)))));
      orderSelect.value = order;
      // A new report: its rows are new, so the tab stop goes back to the first and the diff closes.
      active = { row: null, col: Math.min(active.col, n) };
      diff.open = false;
      drawGrid();
      drawDiff();
    }

    function drawGrid() {
      const { rows, silentFrom } = orderedGroups();
      ordered = rows;
      const n = report.sources.length;
      if (!rows.length) {
        note.textContent = '';
        scroller.replaceChildren(el('p', { class: 'empty' }, 'No passages of different sources are similar enough to align.'));
        more.remove();
        return;
      }
      const shown = showAll ? rows : rows.slice(0, firstRows(n + 1));
      if (order.startsWith('source:')) {
        const s = Number(order.slice(7));
        const rest = rows.length - silentFrom;
        note.textContent = `In ${shortLabel(s)}’s reading order` + (rest ? `; the ${rest} row${rest > 1 ? 's' : ''} without ${shortLabel(s)} come last.` : '.');
      } else {
        note.textContent = order === 'score' ? 'The most similar rows first.'
          : `Rows that more sources share first; among them, the most similar. Short rows, whose passages average under ${SUBSTANTIVE_WORDS} words (“Thank you.”, datelines), come after all the others.`;
      }
      note.append(el('span', { class: 'no-snapshot how' }, ' Click a row, or press Enter on it, to compare two of its passages word for word.'));
      const sortedBy = order.startsWith('source:') ? Number(order.slice(7)) : null;
      const head = el('tr', { role: 'row', 'aria-rowindex': 1 },
        el('th', { role: 'columnheader', class: 'corner', tabindex: -1, scope: 'col' }, 'Similarity, shared words'),
        report.sources.map((s, i) => el('th', {
          role: 'columnheader', scope: 'col', tabindex: -1, 'data-source': i,
          title: `${sourceLabel(i)}${byline(s)}. Enter or click: order the rows by its reading order.`,
          'aria-sort': sortedBy === i ? 'ascending' : null, class: sortedBy === i ? 'sorted' : null,
        },
        el('span', { class: 'sid' }, shortLabel(i)),
        s.parent == null && s.title ? el('span', { class: 'stitle' }, s.title) : null,
        sortedBy === i ? el('span', { class: 'sort-note' }, '↓ reading order') : null)));
      const body = shown.map((g, k) => row(g, k, k === silentFrom && silentFrom > 0));
      const table = el('table', {
        class: 'agrid', role: 'grid', 'aria-label': 'Aligned passages: a column per source, a row per group',
        'aria-describedby': 'aligned-note', 'aria-rowcount': rows.length + 1, 'aria-colcount': n + 1,
        'aria-multiselectable': 'false',
        onkeydown: onGridKey, onfocusin: onGridFocus, onclick: onGridClick,
      },
      el('colgroup', {}, el('col', { class: 'c-head' }), report.sources.map(() => el('col', { class: 'c-src' }))),
      el('thead', {}, head),
      el('tbody', {}, body));
      // How many columns share the width (style.css); the widget's stylesheet names its
      // custom properties with a --parallax- prefix. Set through the CSSOM, which a strict
      // style-src allows where a style attribute would be refused.
      for (const name of ['--sources', '--parallax-sources']) table.style.setProperty(name, String(n));
      scroller.replaceChildren(table);
      if (shown.length < rows.length) {
        scroller.after(more);
        // The sentence stays when the button cannot (in print and in a snapshot).
        more.replaceChildren(`The first ${shown.length} of ${rows.length} rows are shown. `,
          el('button', { type: 'button', onclick: () => showAllRows(shown.length) }, `Show all ${rows.length} rows (${rows.length - shown.length} more)`));
      } else {
        more.remove();
      }
      placeTabStop();
    }

    /** Draws every row; focus goes to the first row that was not drawn before. */
    function showAllRows(drawnBefore) {
      showAll = true;
      active = { row: ordered[drawnBefore] ? ordered[drawnBefore].id : null, col: active.col };
      drawGrid();
      focusActive();
    }

    /** One group's row: its score and reasons, then a cell per source. */
    function row(g, k, firstSilent) {
      const present = sourcesIn(g);
      const marked = g.members.some((m) => verbatimIn(m).length);
      const selected = diff.open && diff.group === g.id;
      const why = (g.mutual ? 'Each is the other’s best match' : 'Best match one way only')
        + (g.reasons.length ? `. Shared words: ${g.reasons.join(', ')}` : '');
      const cells = report.sources.map((_, i) => {
        if (!present.has(i)) {
          return el('td', { role: 'gridcell', tabindex: -1, class: 'silent', 'data-source': i, title: `Not in ${shortLabel(i)}` },
            el('span', { class: 'dash', 'aria-hidden': 'true' }, '—'), el('span', { class: 'sr-only' }, 'not in this source'));
        }
        const members = g.members.filter((m) => m.source === i).sort((a, b) => a.start - b.start);
        return el('td', { role: 'gridcell', tabindex: -1, 'data-source': i }, members.map((m) => passage(m)));
      });
      return el('tr', {
        class: ['arow', selected ? 'selected' : null, firstSilent ? 'first-silent' : null].filter(Boolean).join(' '),
        role: 'row', 'data-group': g.id, 'aria-rowindex': k + 2, 'aria-selected': String(selected),
      },
      el('th', { role: 'rowheader', scope: 'row', tabindex: -1, title: why },
        el('span', { class: 'score' }, percent(g.score)), el('span', { class: 'score-word' }, ' similar'),
        g.mutual ? null : el('span', { class: 'oneway' }, ' · one-way'),
        g.reasons.length ? el('span', { class: 'reasons' }, el('span', { class: 'sr-only' }, 'shared words: '), g.reasons.join(' · ')) : null,
        marked ? el('span', { class: 'verbatim-flag' }, '❝ word for word') : null),
      cells);
    }

    /** One passage of a cell, with its verbatim runs marked; an empty one says so. */
    function passage(m) {
      const text = textOf(m);
      if (!text.trim()) return el('div', { class: 'member blank' }, '(empty passage)');
      const parts = [];
      let at = m.start;
      const full = report.sources[m.source].text;
      for (const [a, b] of verbatimIn(m)) {
        if (a > at) parts.push(full.slice(at, a));
        parts.push(el('mark', { class: 'verbatim' }, full.slice(a, b)));
        at = b;
      }
      if (at < m.end) parts.push(full.slice(at, m.end));
      return el('div', { class: 'member', 'data-start': m.start, 'data-end': m.end }, parts);
    }

    // ---- keyboard and focus: the roving tab stop ----
    const table = () => scroller.querySelector('table.agrid');
    /** The cell at the tab stop, found again after a redraw by its group and column. */
    function activeCell() {
      const t = table();
      if (!t) return null;
      const tr = active.row === 'head' ? t.tHead.rows[0]
        : active.row != null ? t.querySelector(`tbody tr[data-group="${active.row}"]`) : null;
      const rowEl = tr || t.tBodies[0].rows[0];
      return rowEl ? rowEl.cells[Math.min(active.col, rowEl.cells.length - 1)] : null;
    }
    function placeTabStop() {
      const t = table();
      if (!t) return;
      for (const c of t.querySelectorAll('[tabindex="0"]')) c.setAttribute('tabindex', '-1');
      const cell = activeCell();
      if (cell) cell.setAttribute('tabindex', '0');
    }
    function focusActive() {
      placeTabStop();
      const cell = activeCell();
      if (cell) cell.focus();
    }
    const positionOf = (cell) => {
      const tr = cell.parentElement;
      return { row: tr.dataset.group != null ? Number(tr.dataset.group) : 'head', col: cell.cellIndex };
    };
    function moveTo(cell, { follow = true } = {}) {
      if (!cell) return;
      active = positionOf(cell);
      focusActive();
      // An open diff follows the row.
      if (follow && diff.open && typeof active.row === 'number' && active.row !== diff.group) openDiff(active.row, { follow: true });
    }
    function onGridFocus(e) {
      const cell = e.target.closest('th, td');
      if (!cell || !table().contains(cell)) return;
      active = positionOf(cell);
      placeTabStop();
    }
    function onGridKey(e) {
      const cell = e.target.closest('th, td');
      if (!cell) return;
      const t = table();
      const rowsAll = [...t.rows];
      const r = rowsAll.indexOf(cell.parentElement);
      const c = cell.cellIndex;
      const at = (ri, ci) => { const tr = rowsAll[Math.max(0, Math.min(rowsAll.length - 1, ri))]; return tr.cells[Math.max(0, Math.min(tr.cells.length - 1, ci))]; };
      const keys = {
        ArrowRight: () => at(r, c + 1), ArrowLeft: () => at(r, c - 1),
        ArrowDown: () => at(r + 1, c), ArrowUp: () => at(r - 1, c),
        PageDown: () => at(r + PAGE_ROWS, c), PageUp: () => at(r - PAGE_ROWS, c),
        Home: () => (e.ctrlKey ? at(0, 0) : at(r, 0)),
        End: () => (e.ctrlKey ? at(rowsAll.length - 1, Infinity) : at(r, Infinity)),
      };
      if (keys[e.key]) {
        e.preventDefault();
        moveTo(keys[e.key]());
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        activate(cell);
      } else if (e.key === 'Escape' && diff.open) {
        e.preventDefault();
        closeDiff(false);
      }
    }
    function onGridClick(e) {
      const cell = e.target.closest('th, td');
      if (!cell) return;
      // Selecting text to copy it is not choosing a row.
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed && cell.contains(sel.anchorNode)) return;
      moveTo(cell, { follow: false });
      activate(cell);
    }
    /** Enter, Space or a click: a row opens its diff; a source's header orders the rows by it. */
    function activate(cell) {
      const tr = cell.parentElement;
      if (tr.dataset.group != null) {
        openDiff(Number(tr.dataset.group), { follow: false });
      } else if (cell.dataset.source != null) {
        setOrder(`source:${cell.dataset.source}`);
      }
    }

    // ---- the word diff of the selected row ----
    function openDiff(groupId, { follow }) {
      const g = groupById(groupId);
      const members = membersOf(g);
      if (members.length < 2) return;
      const keys = members.map((x) => x.key);
      const bySource = (src) => members.find((x) => x.m.source === src);
      // Keep the sources compared before when this row has both; else its first two passages.
      let pair = null;
      if (diff.pair) {
        const [a, b] = diff.pair.map((k) => bySource(Number(k.split(':')[0])));
        if (a && b && a !== b) pair = [a.key, b.key];
      }
      if (!pair || !pair.every((k) => keys.includes(k))) pair = [keys[0], keys[1]];
      const wasOpen = diff.open;
      Object.assign(diff, { open: true, group: groupId, pair });
      for (const tr of scroller.querySelectorAll('tr.arow')) {
        const on = Number(tr.dataset.group) === groupId;
        tr.classList.toggle('selected', on);
        tr.setAttribute('aria-selected', String(on));
      }
      drawDiff();
      selected();
      if (!follow) {
        live.textContent = `Word diff of ${members.find((x) => x.key === pair[0]).label} and ${members.find((x) => x.key === pair[1]).label} shown below the grid. Escape closes it.`;
        if (!wasOpen) diffRegion.scrollIntoView({ block: 'nearest' });
      }
    }

    /**
     * Scrolls the grid, and only the grid, so `tr` shows below the sticky head: the grid
     * is shorter once a diff is open, and the chosen row must stay in sight above it.
     */
    function revealRow(tr) {
      if (!tr) return;
      const box = scroller.getBoundingClientRect();
      const row = tr.getBoundingClientRect();
      const head = table().tHead ? table().tHead.getBoundingClientRect().height : 0;
      if (row.top < box.top + head) scroller.scrollTop -= box.top + head - row.top;
      else if (row.bottom > box.bottom) scroller.scrollTop += Math.min(row.bottom - box.bottom, row.top - box.top - head);
    }

    function closeDiff(refocus) {
      diff.open = false;
      for (const tr of scroller.querySelectorAll('tr.arow.selected')) {
        tr.classList.remove('selected');
        tr.setAttribute('aria-selected', 'false');
      }
      drawDiff();
      live.textContent = 'Word diff closed.';
      if (refocus) focusActive();
    }

    function setPair(which, key) {
      const pair = [...diff.pair];
      const other = 1 - which;
      if (pair[other] === key) pair[other] = pair[which]; // picking the other side's passage swaps them
      pair[which] = key;
      diff.pair = pair;
      drawDiff();
      selected();
    }

    /** Tells the host which passages the open diff compares. */
    function selected() {
      if (!onSelect) return;
      const members = membersOf(groupById(diff.group));
      onSelect(groupById(diff.group), diff.pair.map((k) => members.find((x) => x.key === k).m));
    }

    async function drawDiff() {
      const seq = ++diff.seq;
      if (!diff.open || !report) {
        diffRegion.hidden = true;
        diffRegion.replaceChildren();
        element.classList.remove('diff-open');
        return;
      }
      const g = groupById(diff.group);
      const members = membersOf(g);
      const [a, b] = diff.pair.map((k) => members.find((x) => x.key === k));
      const oldText = textOf(a.m);
      const newText = textOf(b.m);
      const opts = diffOptions();
      let d = null;
      let failed = null;
      try {
        [d] = await Parallax.diff([{ old: oldText, new: newText }], opts);
      } catch (err) {
        failed = err.message;
      }
      if (seq !== diff.seq) return; // a newer diff was asked for meanwhile
      const picker = (which) => el('select', {
        'aria-label': which ? 'Compare with' : 'Compare', class: which ? 'diff-new' : 'diff-old',
        onchange: (e) => setPair(which, e.target.value),
      }, members.map((x) => el('option', { value: x.key, selected: x.key === diff.pair[which] }, x.label)));
      const mode = layout();
      const radio = (value, label) => el('label', { class: 'seg' },
        el('input', { type: 'radio', name: 'diff-layout', value, checked: mode === value,
          onchange: () => { setLayout(value); drawDiff(); } }), ` ${label}`);
      const ignoring = [opts.case_sensitive === false ? 'case' : null, opts.punctuation_sensitive === false ? 'punctuation' : null].filter(Boolean);
      const head = el('div', { class: 'bar diff-bar' },
        el('h4', { id: 'aligned-diff-h' }, 'Word diff'),
        el('label', {}, picker(0)),
        el('button', { type: 'button', class: 'swap', title: 'Swap the two passages', 'aria-label': 'Swap the two passages',
          onclick: () => { diff.pair = [diff.pair[1], diff.pair[0]]; drawDiff(); } }, '⇄'),
        el('label', {}, picker(1)),
        el('fieldset', { class: 'segmented' }, el('legend', { class: 'sr-only' }, 'Show the diff'),
          radio('side', 'Side by side'), radio('inline', 'Inline')),
        el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'quiet close', 'aria-label': 'Close the word diff (Escape)', title: 'Close (Escape)',
          onclick: () => closeDiff(true) }, '✕'));
      const facts = el('p', { class: 'diff-meta' },
        el('span', { class: 'legend' }, el('del', {}, `only in ${a.label}`), ' ', el('ins', {}, `only in ${b.label}`)),
        d ? ` · ${Math.round(d.same_per_mille / 10)}% of words the same` : '',
        ` · row similarity ${percent(g.score)}`,
        ignoring.length ? ` · ignoring ${ignoring.join(' and ')}` : '');
      let bodyNodes;
      if (failed) {
        bodyNodes = el('p', { class: 'view-error', role: 'alert' }, failed);
        onError(failed);
      } else if (mode === 'inline') {
        bodyNodes = el('div', { class: 'diff-body inline' },
          el('div', { class: 'diff-side' }, el('p', { class: 'side-label' }, `${a.label} → ${b.label}`),
            el('p', { class: 'diff-text', 'data-side': 'inline' }, inlineNodes(oldText, newText, d.ops))));
      } else {
        bodyNodes = el('div', { class: 'diff-body side' },
          el('div', { class: 'diff-side' }, el('p', { class: 'side-label', title: sourceLabel(a.m.source) }, clip(a.label === shortLabel(a.m.source) ? sourceLabel(a.m.source) : a.label, 90)),
            el('p', { class: 'diff-text', 'data-side': 'old' }, diffNodes(oldText, d.ops, 'old'))),
          el('div', { class: 'diff-side' }, el('p', { class: 'side-label', title: sourceLabel(b.m.source) }, clip(b.label === shortLabel(b.m.source) ? sourceLabel(b.m.source) : b.label, 90)),
            el('p', { class: 'diff-text', 'data-side': 'new' }, diffNodes(newText, d.ops, 'new'))));
      }
      diffRegion.replaceChildren(head, facts, bodyNodes);
      diffRegion.dataset.group = String(g.id);
      diffRegion.hidden = false;
      element.classList.add('diff-open');
      revealRow(scroller.querySelector('tr.arow.selected'));
    }

    /** One text reading the old passage into the new: removed words struck, added ones underlined. */
    function inlineNodes(oldText, newText, ops) {
      const out = [];
      const marked = (tag, piece) => {
        // Spaces at the edges of a change stay unmarked, so marks hug the words.
        const [, lead, core, trail] = piece.match(/^(\s*)([\s\S]*?)(\s*)$/);
        if (lead) out.push(lead);
        if (core) out.push(el(tag, {}, core));
        if (trail) out.push(trail);
      };
      for (const op of ops) {
        const a = oldText.slice(op.old_start, op.old_end);
        const b = newText.slice(op.new_start, op.new_end);
        if (op.kind === 'equal') out.push(b);
        if ((op.kind === 'delete' || op.kind === 'replace') && a) marked('del', a);
        if ((op.kind === 'insert' || op.kind === 'replace') && b) marked('ins', b);
      }
      return out;
    }

    return {
      element,
      render,
      refreshDiff: () => { if (diff.open) drawDiff(); },
    };
  }

  globalThis.ParallaxAlignedView = Object.freeze({ create });
})();
