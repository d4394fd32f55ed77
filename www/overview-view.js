/*
 * The overview: how much of each source the others cover, at a glance, with every number
 * written out as well as drawn.
 *
 *   - The coverage matrix (report.coverage): a table whose cell in row A, column B is the
 *     share of A's words that lie in passages aligned with B, tinted on a sequential scale
 *     and with its percentage written in it. Row and column heads are <th> with scope.
 *   - Per-source bars: for each source, the share of its passages aligned with at least one
 *     other source (counted from report.groups) and the share that no other source has
 *     (report.sources[i].unique), as a bar and in words.
 *
 * It renders only: coverage, groups and unique passages are the core's; this file counts
 * and rounds. Text is only ever put into the page as text nodes; bar lengths are width
 * attributes and tints are classes, so a static snapshot (which keeps no style attributes)
 * keeps both.
 *
 *   const overview = ParallaxOverviewView.create({ el, shortLabel, sourceLabel });
 *   panel.append(overview.element);
 *   overview.render(report);   // after each comparison
 */
(function () {
  'use strict';
  const { clip, plural } = globalThis.ParallaxDom; // loaded before the views (dom.js)

  /** The scale of the matrix: a tint level for each rounded percentage. */
  const BANDS = [
    { level: 0, label: '0%', has: (n) => n === 0 },
    { level: 1, label: '1–19%', has: (n) => n >= 1 && n < 20 },
    { level: 2, label: '20–39%', has: (n) => n >= 20 && n < 40 },
    { level: 3, label: '40–59%', has: (n) => n >= 40 && n < 60 },
    { level: 4, label: '60–79%', has: (n) => n >= 60 && n < 80 },
    { level: 5, label: '80–100%', has: (n) => n >= 80 },
  ];
  const levelOf = (n) => BANDS.find((b) => b.has(n)).level;

  function create({ el, shortLabel, sourceLabel }) {
    let report = null;
    const matrix = el('div', { class: 'matrix-box' });
    const bars = el('div', { class: 'bars-box' });
    const element = el('div', { class: 'overview-view' },
      el('h3', {}, 'How much each source shares'),
      el('section', { class: 'overview-part', 'aria-labelledby': 'overview-matrix-h' },
        el('h4', { id: 'overview-matrix-h' }, 'Coverage: how much of one source another one covers'),
        el('p', { class: 'hint' }, 'Each cell is the share of the row’s source (its words) that lies in passages aligned with the column’s source. '
          + 'Read across a row for what the others cover of it; down a column for how much of the others it covers.'),
        matrix),
      el('section', { class: 'overview-part', 'aria-labelledby': 'overview-bars-h' },
        el('h4', { id: 'overview-bars-h' }, 'Each source: aligned with another, or alone'),
        el('p', { class: 'hint' }, 'The share of each source’s passages aligned with at least one passage of another source, '
          + 'and the share no other source has (the Unique tab lists them).'),
        bars));

    function render(r) {
      report = r;
      drawMatrix();
      drawBars();
    }

    function drawMatrix() {
      const n = report.sources.length;
      const cov = report.coverage;
      const legend = el('div', { class: 'heat-legend matrix-legend' },
        el('p', { class: 'heat-legend-title', id: 'overview-legend-h' }, 'Share covered'),
        el('ul', { class: 'heat-scale', 'aria-labelledby': 'overview-legend-h' }, BANDS.map((b) => el('li', { class: 'heat-key' },
          el('span', { class: `cell-key heat-${b.level}`, 'aria-hidden': 'true' }), el('span', { class: 'heat-key-label' }, b.label)))),
        el('p', { class: 'heat-legend-extra' }, el('span', { class: 'cell-key self', 'aria-hidden': 'true' }, '—'), ' a source against itself'));
      const table = el('table', { class: 'matrix', 'aria-describedby': 'overview-legend-h' },
        el('caption', { class: 'sr-only' }, 'Coverage: the share of each row’s source that passages aligned with each column’s source cover'),
        el('thead', {},
          el('tr', {},
            el('td', { class: 'matrix-corner' }),
            el('th', { scope: 'colgroup', colspan: n, class: 'matrix-axis' }, '…is covered by →')),
          el('tr', {},
            el('th', { scope: 'col', class: 'matrix-axis rows-axis' }, 'How much of ↓…'),
            report.sources.map((s, b) => el('th', { scope: 'col', class: 'matrix-col', title: sourceLabel(b) }, shortLabel(b))))),
        el('tbody', {}, report.sources.map((s, a) => el('tr', {},
          el('th', { scope: 'row', class: 'matrix-row', title: sourceLabel(a) },
            el('span', { class: 'sid' }, shortLabel(a)),
            s.parent == null && s.title ? el('span', { class: 'stitle' }, ` ${clip(s.title, 70)}`) : null),
          report.sources.map((_, b) => {
            if (a === b) {
              return el('td', { class: 'matrix-cell self', title: `${shortLabel(a)} against itself` },
                el('span', { 'aria-hidden': 'true' }, '—'), el('span', { class: 'sr-only' }, 'itself'));
            }
            const pct = Math.round(((cov[a] && cov[a][b]) || 0) * 100);
            return el('td', { class: `matrix-cell heat-${levelOf(pct)}`, 'data-row': a, 'data-col': b, 'data-level': levelOf(pct),
              title: `${pct}% of ${shortLabel(a)}’s words lie in passages aligned with ${shortLabel(b)}` }, `${pct}%`);
          })))));
      matrix.replaceChildren(legend, el('div', { class: 'matrix-scroll', role: 'region', 'aria-label': 'Coverage matrix (scrolls sideways when wide)', tabindex: 0 }, table));
    }

    /** Per source: its passages aligned with another source's, and those no other source has. */
    function drawBars() {
      const aligned = report.sources.map(() => new Set());
      for (const g of report.groups) {
        for (const m of g.members) if (g.members.some((o) => o.source !== m.source)) aligned[m.source]?.add(m.passage);
      }
      const counts = report.sources.map(() => 0);
      for (const p of report.passages) if (counts[p.source] != null) counts[p.source]++;
      const items = report.sources.map((s, i) => {
        const total = counts[i];
        const shared = aligned[i].size;
        const alone = s.unique.length;
        const pct = (x) => (total ? Math.round(100 * x / total) : 0);
        const figures = total
          ? [el('span', { class: 'fig-aligned' }, `${pct(shared)}% aligned with another source`), ` (${shared.toLocaleString('en')} of ${plural(total, 'passage', 'passages')})`,
            ' · ', el('span', { class: 'fig-alone' }, `${pct(alone)}% alone`), ` (${alone.toLocaleString('en')})`]
          : ['nothing compared'];
        return el('li', { class: 'cover-bar', 'data-source': i, 'data-aligned': shared, 'data-alone': alone, 'data-total': total },
          el('span', { class: 'cover-label', title: sourceLabel(i) }, el('span', { class: 'sid' }, shortLabel(i)),
            s.parent == null && s.title ? el('span', { class: 'stitle' }, ` ${clip(s.title, 90)}`) : null),
          bar(total ? shared / total : 0),
          el('span', { class: 'cover-figures' }, figures));
      });
      bars.replaceChildren(
        el('p', { class: 'heat-legend bars-legend' },
          el('span', { class: 'bar-key aligned', 'aria-hidden': 'true' }), ' aligned with another source ',
          el('span', { class: 'bar-key alone', 'aria-hidden': 'true' }), ' alone (striped)'),
        el('ul', { class: 'cover-bars', 'aria-labelledby': 'overview-bars-h' }, items));
    }

    /**
     * The bar of one source: a filled cell as wide as the aligned share, a striped one for
     * the rest. A table cell's width attribute sets the share, since a static snapshot
     * keeps attributes but drops style attributes, and <meter> cannot be styled alike
     * everywhere. The words beside it say the same, so it is hidden from screen readers.
     */
    function bar(share) {
      const pct = Math.round(share * 1000) / 10;
      return el('table', { class: 'cover-graphic', role: 'presentation', 'aria-hidden': 'true', 'data-share': pct },
        el('tr', {},
          pct > 0 ? el('td', { class: 'bar-fill', width: `${pct}%` }) : null,
          pct < 100 ? el('td', { class: 'bar-rest' }) : null));
    }

    return { element, render };
  }

  globalThis.ParallaxOverviewView = Object.freeze({ create });
})();
