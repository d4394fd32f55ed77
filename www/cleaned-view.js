/*
 * The cleaned view of a source: what Parallax.ingest makes of it, block by block. Each
 * block shows its kind as a chip, with a "compare" checkbox; filters hide kinds; reader
 * comments are grouped under their author and time. It renders only: kinds, `included`
 * and offsets all come from the core. Text is only ever put into the page as text nodes.
 *
 * It also keeps the user's overrides right. A source's override {at, include, quote} says
 * the block holding offset `at` is (not) compared; `quote` (the block's first words,
 * page-only) finds the block again after the text is edited. Ticking a box records one;
 * reanchor() moves each to its block, or drops it, before an ingest or a compare.
 *
 *   const cleaned = ParallaxCleanedView.create({ el, contentOf, toInput, save });
 *   const { toggle, choices, region } = cleaned.controls(src, 'S1', 'cleaned-0');
 *   // ...put the three into the source's card, then:
 *   cleaned.attach(src, card);
 *   cleaned.edited(src);         // the text changed: redraw 400 ms later, if open
 *   cleaned.reread(src);         // the format changed: redraw now, if open
 *   await cleaned.reanchor(src); // before comparing: returns the overrides to use
 *
 * The host gives `el(tag, attrs, ...children)` (its text-only DOM builder),
 * `contentOf(src)` (the text or HTML), `toInput(src, {overrides})` (the input the core
 * takes, without `quote`) and `save()` (store the sources now).
 */
(function () {
  'use strict';
  const MAX_BLOCKS = 400; // a cleaned view draws this many blocks until asked for all

  /** Block kinds in the order the cleaned view lists them, with their names on screen. */
  const KINDS = [
    { kind: 'body', chip: 'Body', filter: 'Body' },
    { kind: 'heading', chip: 'Heading', filter: 'Headings' },
    { kind: 'caption', chip: 'Caption', filter: 'Captions' },
    { kind: 'metadata', chip: 'Metadata', filter: 'Metadata' },
    { kind: 'boilerplate', chip: 'Boilerplate', filter: 'Boilerplate' },
    { kind: 'comment', chip: 'Comment', filter: 'Comments' },
  ];
  const kindInfo = (kind) => KINDS.find((k) => k.kind === kind) || { kind, chip: kind, filter: kind };

  function languageName(code) {
    try {
      const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
      return name && name !== code ? `${name} (${code})` : code;
    } catch (_) { return code; }
  }

  function create({ el, contentOf, toInput, save }) {
    /** Page-only state of each source's cleaned view, by source object. */
    const views = new WeakMap();

    function viewOf(src) {
      let v = views.get(src);
      if (!v) {
        // card, toggle, choices and region are the card's nodes, set by controls() and attach().
        v = { open: false, all: false, doc: null, error: null, busy: false, hidden: new Set(), seq: 0, timer: null,
          label: '', card: null, toggle: null, choices: null, region: null };
        views.set(src, v);
      }
      return v;
    }

    /** The view's nodes for a (re)drawn card of `src`: the toggle button, the "N set by you" note, the view. */
    function controls(src, label, id) {
      const view = viewOf(src);
      view.label = label;
      view.toggle = el('button', {
        type: 'button', class: 'open-cleaned', 'aria-controls': id, onclick: () => toggleView(src),
      }, el('span', { class: 'chevron', 'aria-hidden': 'true' }), ' Cleaned view');
      view.choices = el('span', { class: 'choices' });
      view.region = el('section', { class: 'cleaned', id, 'aria-label': `Cleaned view of ${label}` });
      return { toggle: view.toggle, choices: view.choices, region: view.region };
    }

    /** Called once the card holding the controls is built: shows the view's state, drawn if open. */
    function attach(src, card) {
      const view = viewOf(src);
      view.card = card;
      showViewState(src);
      if (view.open) renderView(src);
    }

    /** The text of `src` changed: an open view is read again after typing pauses. */
    function edited(src) {
      if (viewOf(src).open) scheduleRefresh(src);
    }

    /** How `src` is read changed: an open view is read again now. */
    function reread(src) {
      if (viewOf(src).open) refreshView(src);
    }

    /** Updates a card in place for its view's state, so typing in it is never interrupted. */
    function showViewState(src) {
      const view = viewOf(src);
      const n = src.overrides.length;
      view.card.classList.toggle('reading', view.open);
      view.toggle.setAttribute('aria-expanded', String(view.open));
      view.toggle.firstChild.textContent = view.open ? '▾' : '▸';
      view.choices.textContent = n ? `${n} block${n > 1 ? 's' : ''} set by you` : '';
      view.region.hidden = !view.open;
    }

    // Overrides: the user's "compare this block" choices.
    const blockText = (doc, b) => doc.text.slice(b.start, b.end);
    const blockAt = (doc, at) => doc.blocks.find((b) => b.start <= at && at < b.end)
      || (at === doc.text.length && doc.blocks.length ? doc.blocks[doc.blocks.length - 1] : null);
    const quoteOf = (doc, b) => blockText(doc, b).trim().slice(0, 60);

    /**
     * Moves each override of `src` to the start of the block it was made on, found by its
     * quote after an edit, and drops those whose block is gone or that no longer change
     * anything (the core's own choice is the same). Returns the overrides to use.
     */
    async function reanchor(src) {
      const before = src.overrides;
      if (!before.length) return before;
      const base = await Parallax.ingest(toInput(src, { overrides: false }));
      const kept = [];
      for (const o of before) {
        let b = blockAt(base, o.at);
        if (o.quote && !(b && quoteOf(base, b).startsWith(o.quote))) {
          const same = base.blocks.filter((x) => quoteOf(base, x).startsWith(o.quote));
          b = same.sort((x, y) => Math.abs(x.start - o.at) - Math.abs(y.start - o.at))[0] || null;
        }
        if (!b || b.included === o.include || kept.some((k) => k.at === b.start)) continue;
        kept.push({ at: b.start, include: o.include, quote: o.quote || quoteOf(base, b) });
      }
      const changed = kept.length !== before.length || kept.some((k, i) => k.at !== before[i].at);
      // A toggle made meanwhile replaced the list: it wins.
      if (changed && src.overrides === before) {
        src.overrides = kept;
        save();
      }
      return src.overrides;
    }

    async function toggleBlock(src, block, include) {
      const view = viewOf(src);
      const doc = view.doc;
      const others = src.overrides.filter((o) => !(block.start <= o.at && o.at < block.end));
      // Undoing one's own choice removes it; otherwise the choice is recorded.
      src.overrides = others.length < src.overrides.length
        ? others : [...others, { at: block.start, include, quote: quoteOf(doc, block) }];
      save();
      await refreshView(src, block.start);
      const now = view.doc && blockAt(view.doc, block.start);
      if (now && now.included !== include) {
        // The removed override was not what made the difference: state the choice outright.
        src.overrides = [...src.overrides.filter((o) => !(now.start <= o.at && o.at < now.end)),
          { at: now.start, include, quote: quoteOf(view.doc, now) }];
        save();
        await refreshView(src, block.start);
      }
    }

    // Opening, reading and drawing the view.
    function toggleView(src) {
      const view = viewOf(src);
      view.open = !view.open;
      showViewState(src);
      if (view.open) {
        renderView(src);
        refreshView(src);
      }
    }

    function scheduleRefresh(src) {
      const view = viewOf(src);
      clearTimeout(view.timer);
      view.timer = setTimeout(() => refreshView(src), 400);
    }

    /** Runs ingest for `src` and redraws its view; `focusAt` puts focus back on that block's checkbox. */
    async function refreshView(src, focusAt) {
      const view = viewOf(src);
      const seq = ++view.seq;
      view.busy = true;
      view.region.setAttribute('aria-busy', 'true');
      try {
        await Parallax.ready;
        if (!contentOf(src).trim()) {
          view.doc = null;
          view.error = 'This source is empty: paste or open an article first.';
        } else {
          await reanchor(src);
          const doc = await Parallax.ingest(toInput(src));
          if (seq !== view.seq) return;
          view.doc = doc;
          view.error = null;
        }
      } catch (err) {
        if (seq !== view.seq) return;
        view.error = err.code === 'cancelled' ? 'Stopped. Press Cleaned view again to read this source cleaned.' : err.message;
      }
      view.busy = false;
      showViewState(src);
      if (!view.open) return;
      renderView(src);
      if (focusAt != null && view.doc) {
        const b = blockAt(view.doc, focusAt);
        const box = b && view.region.querySelector(`input[data-start="${b.start}"]`);
        if (box) box.focus();
      }
    }

    function renderView(src) {
      const view = viewOf(src);
      const region = view.region;
      region.setAttribute('aria-busy', String(view.busy));
      if (view.error) {
        region.replaceChildren(el('p', { class: 'view-error', role: 'alert' }, view.error));
        return;
      }
      const doc = view.doc;
      if (!doc) {
        region.replaceChildren(el('p', { class: 'empty' }, 'Reading…'));
        return;
      }
      const facts = [
        doc.title != null ? ['Title', doc.title] : null,
        doc.author != null ? ['By', doc.author] : null,
        doc.date != null ? ['Date', doc.date] : null,
        doc.language != null ? ['Language', languageName(doc.language)] : null,
      ].filter(Boolean);
      const metaLine = el('p', { class: 'doc-meta' },
        el('span', { class: 'doc-meta-lead' }, 'Found in the text: '),
        facts.length ? facts.map(([k, v], n) => [n ? ' · ' : null, el('span', { class: 'fact', 'data-fact': k.toLowerCase() }, el('b', {}, k), ' ', v)])
          : 'no title, byline, date or language.');

      const shown = doc.blocks.filter((b) => blockText(doc, b).trim());
      const counts = new Map();
      for (const b of shown) counts.set(b.kind, (counts.get(b.kind) || 0) + 1);
      const compared = shown.filter((b) => b.included).length;
      const filters = el('fieldset', { class: 'filters' },
        el('legend', {}, 'Show blocks:'),
        KINDS.filter((k) => counts.has(k.kind)).concat(
          [...counts.keys()].filter((k) => !KINDS.some((x) => x.kind === k)).map(kindInfo)).map((k) => {
          const box = el('input', {
            type: 'checkbox', 'data-kind': k.kind, checked: !view.hidden.has(k.kind),
            onchange: (e) => {
              if (e.target.checked) view.hidden.delete(k.kind); else view.hidden.add(k.kind);
              applyFilters(region, view);
            },
          });
          return el('label', { class: `filter kind-${k.kind}` }, box, ` ${k.filter} `, el('span', { class: 'n' }, `(${counts.get(k.kind)})`));
        }));

      const own = src.overrides.length;
      const summary = el('p', { class: 'doc-summary' },
        `${compared} of ${shown.length} blocks are compared`,
        doc.format === 'html' ? ' (text taken from the HTML)' : null,
        '. Untick “compare” to leave a block out, tick it to bring one back.',
        own ? [' ', el('button', {
          type: 'button', class: 'quiet reset', onclick: async () => {
            src.overrides = [];
            save();
            await refreshView(src);
          },
        }, `Undo my ${own} choice${own > 1 ? 's' : ''}`)] : null);

      // Comment blocks are grouped under their comment, with its author and time.
      const items = [];
      let group = null;
      const drawn = shown.slice(0, view.all ? shown.length : MAX_BLOCKS);
      for (const b of drawn) {
        const n = doc.comments.findIndex((c) => c.start <= b.start && b.start < c.end);
        if (n < 0) { group = null; items.push(blockItem(src, doc, b)); continue; }
        if (!group || group.n !== n) {
          const c = doc.comments[n];
          const list = el('ol', { class: 'blocks' });
          const who = [c.author ? `by ${c.author}` : 'author not given', c.time ? c.time : null].filter(Boolean).join(' · ');
          group = { n, list };
          items.push(el('li', { class: 'comment-group', 'data-kind': 'comment' },
            el('p', { class: 'comment-head' }, el('b', {}, `Reader comment ${n + 1} of ${doc.comments.length}`), ` ${who}`),
            list));
        }
        group.list.append(blockItem(src, doc, b, true));
      }
      region.replaceChildren(...[
        el('div', { class: 'view-head' }, metaLine, filters, summary),
        el('ol', { class: 'blocks', 'aria-label': `Blocks of ${view.label}` }, items),
        drawn.length < shown.length ? el('button', {
          type: 'button', class: 'more', onclick: () => { view.all = true; renderView(src); },
        }, `Show all ${shown.length} blocks (${shown.length - drawn.length} more)`) : null].filter(Boolean));
      applyFilters(region, view);
    }

    /** One block: its kind as a chip (inside a comment, the comment's head says it), "compare", its text. */
    function blockItem(src, doc, b, inComment) {
      const info = kindInfo(b.kind);
      const text = blockText(doc, b).trim();
      const mine = src.overrides.some((o) => b.start <= o.at && o.at < b.end);
      const preview = text.length > 50 ? text.slice(0, 50) + '…' : text;
      const box = el('input', {
        type: 'checkbox', checked: b.included, 'data-start': b.start,
        'aria-label': `compare this ${info.chip.toLowerCase()} block: ${preview}`,
        onchange: (e) => toggleBlock(src, b, e.target.checked),
      });
      return el('li', {
        class: `block kind-${b.kind}${b.included ? '' : ' excluded'}${mine ? ' mine' : ''}`,
        'data-kind': b.kind, 'data-start': b.start, 'data-end': b.end, 'data-included': String(b.included),
      },
      el('div', { class: 'block-side' },
        inComment && b.kind === 'comment' ? null : el('span', { class: 'chip' }, info.chip),
        el('label', { class: 'include' }, box, ' compare'),
        mine ? el('span', { class: 'mine-note' }, 'your choice') : null),
      el('div', { class: 'block-text' }, text));
    }

    function applyFilters(region, view) {
      for (const item of region.querySelectorAll('[data-kind]')) {
        if (item.tagName === 'INPUT') continue;
        item.hidden = view.hidden.has(item.dataset.kind);
      }
    }

    return { controls, attach, edited, reread, reanchor };
  }

  globalThis.ParallaxCleanedView = Object.freeze({ create });
})();
