/*
 * The Parallax page: collects sources, calls window.Parallax, and draws the report.
 * It renders only; every score, pairing and offset comes from the Rust core.
 * User text is only ever put into the page as text nodes, never as markup.
 */
(function () {
  'use strict';
  const STORE_KEY = 'parallax.inputs.v1';
  const MAX_ROWS = 150;
  const $ = (id) => document.getElementById(id);

  let sources = load();
  let report = null;
  let reportInputs = null;

  // ---- small DOM builder: text only, never innerHTML ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c == null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // ---- persistence: inputs survive a reload or a crash ----
  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
      if (Array.isArray(saved) && saved.length) {
        return saved.map((s) => ({ title: String(s.title || ''), text: String(s.text || '') }));
      }
    } catch (_) { /* unreadable storage: start fresh */ }
    return [{ title: '', text: '' }, { title: '', text: '' }];
  }
  let saveTimer = null;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      try { localStorage.setItem(STORE_KEY, JSON.stringify(sources)); } catch (_) { /* quota: keep going */ }
    }, 200);
  }

  function wordCount(text) {
    const m = text.match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu);
    return m ? m.length : 0;
  }

  function status(message, kind) {
    const s = $('status');
    s.textContent = message || '';
    s.className = 'status' + (kind ? ' ' + kind : '');
  }

  // ---- sources panel ----
  function renderSources() {
    const box = $('sources');
    box.replaceChildren(...sources.map((src, i) => {
      const words = el('span', { class: 'count' });
      const chars = el('span', {});
      const counts = () => {
        words.textContent = `${wordCount(src.text).toLocaleString('en')} words`;
        chars.textContent = `${src.text.length.toLocaleString('en')} characters`;
      };
      counts();
      const area = el('textarea', {
        'aria-label': `Text of source S${i + 1}`, placeholder: 'Paste an article here…', spellcheck: 'false',
        oninput: (e) => { src.text = e.target.value; counts(); save(); },
      });
      area.value = src.text;
      const title = el('input', {
        type: 'text', 'aria-label': `Title of source S${i + 1}`, placeholder: 'Title (optional)',
        oninput: (e) => { src.title = e.target.value; save(); },
      });
      title.value = src.title;
      return el('div', { class: 'source-card', 'data-index': i },
        el('div', { class: 'head' },
          el('span', { class: 'label' }, `S${i + 1}`), title,
          el('button', { type: 'button', class: 'quiet remove', 'aria-label': `Remove source S${i + 1}`,
            onclick: () => { sources.splice(i, 1); if (!sources.length) sources.push({ title: '', text: '' }); save(); renderSources(); } }, '✕')),
        area,
        el('div', { class: 'meta' }, words, chars));
    }));
  }

  function addSources(list) {
    // Fill empty cards first, then append.
    for (const item of list) {
      const empty = sources.find((s) => !s.text.trim() && !s.title.trim());
      if (empty) Object.assign(empty, item); else sources.push(item);
    }
    save();
    renderSources();
  }

  async function readFiles(files) {
    const added = [];
    const problems = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let text;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch (_) {
        problems.push(`${file.name} is not UTF-8 text; is it a binary file? It was not added.`);
        continue;
      }
      if (text.includes('\u0000')) {
        problems.push(`${file.name} contains NUL bytes; is it a binary file? It was not added.`);
        continue;
      }
      added.push({ title: file.name.replace(/\.[^.]+$/, ''), text });
    }
    if (added.length) addSources(added);
    if (problems.length) status(problems.join(' '), 'error');
    else if (added.length) status(`Added ${added.length} file${added.length > 1 ? 's' : ''}.`, 'ok');
  }

  function showAttribution(show) {
    const foot = $('attribution');
    foot.hidden = !show;
    if (show && globalThis.ParallaxDemo) foot.textContent = globalThis.ParallaxDemo.attribution;
  }

  // ---- comparing ----
  async function runCompare() {
    const inputs = sources.map((s) => ({ title: s.title, text: s.text }));
    const button = $('compare');
    button.disabled = true;
    status('Comparing… ');
    $('status').append(el('button', { type: 'button', id: 'cancel', onclick: () => Parallax.cancel() }, 'Cancel'));
    try {
      await Parallax.ready;
      const r = await Parallax.compare(inputs, {});
      report = r;
      reportInputs = inputs;
      status(`Compared ${r.sources.length} sources: ${r.groups.length} groups of aligned passages, ${r.shared.length} runs of shared text.`, 'ok');
      await renderReport();
    } catch (err) {
      if (err.code === 'cancelled') {
        status('Cancelled. Your texts are kept.', 'ok');
        return;
      }
      const kept = err.code === 'crashed' ? ' Your texts are kept; you can try again.' : '';
      status(err.message + kept, 'error');
      if (!report) $('results').hidden = true;
    } finally {
      button.disabled = false;
    }
  }

  function sourceLabel(i) {
    const s = report.sources[i];
    return `${s.id} · ${s.title}`;
  }

  async function renderReport() {
    const r = report;
    $('results').hidden = false;
    $('summary').replaceChildren(el('table', { class: 'summary' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Source'), el('th', {}, 'Title'), el('th', { class: 'num' }, 'Words'),
        el('th', { class: 'num' }, 'Passages'), el('th', { class: 'num' }, 'Aligned with another source'))),
      el('tbody', {}, r.sources.map((s) => el('tr', {},
        el('td', {}, s.id), el('td', {}, s.title), el('td', { class: 'num' }, s.word_count.toLocaleString('en')),
        el('td', { class: 'num' }, s.passage_count),
        el('td', { class: 'num' }, s.passage_count ? `${Math.round(100 * (s.passage_count - s.unique.length) / s.passage_count)}%` : '—'))))));

    const left = $('left-source');
    const right = $('right-source');
    const options = () => r.sources.map((s, i) => el('option', { value: i }, sourceLabel(i)));
    left.replaceChildren(...options());
    right.replaceChildren(...options());
    left.value = '0';
    right.value = String(bestPartner(0));
    await renderPairs();
    renderShared();
  }

  /** The source sharing the most aligned pairs with source `s`. */
  function bestPartner(s) {
    const counts = report.sources.map(() => 0);
    for (const g of report.groups) {
      if (g.members.some((m) => m.source === s)) for (const m of g.members) if (m.source !== s) counts[m.source]++;
    }
    let best = s === 0 ? 1 : 0;
    counts.forEach((c, i) => { if (i !== s && c > counts[best]) best = i; });
    return best;
  }

  function passageText(m) {
    return reportInputs[m.source].text.slice(m.start, m.end);
  }

  /** Renders text with the diff's changed stretches marked, for one side. */
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

  async function renderPairs(limit = MAX_ROWS) {
    const L = Number($('left-source').value);
    const R = Number($('right-source').value);
    const box = $('pairs');
    if (L === R) {
      box.replaceChildren(el('p', { class: 'empty' }, 'Pick two different sources.'));
      return;
    }
    const rows = [];
    for (const g of report.groups) {
      const a = g.members.find((m) => m.source === L);
      const b = g.members.find((m) => m.source === R);
      if (a && b) rows.push({ g, a, b });
    }
    rows.sort((x, y) => x.a.start - y.a.start || x.b.start - y.b.start);
    if (!rows.length) {
      box.replaceChildren(el('p', { class: 'empty' }, `No passages of ${report.sources[L].id} and ${report.sources[R].id} are similar enough to pair.`));
      return;
    }
    const shown = rows.slice(0, limit);
    let diffs;
    try {
      diffs = await Parallax.diff(shown.map((x) => ({ old: passageText(x.a), new: passageText(x.b) })), {});
    } catch (err) {
      status(err.message, 'error');
      diffs = shown.map(() => null);
    }
    const table = el('table', { class: 'pair-table', 'aria-label': `Aligned passages of ${report.sources[L].id} and ${report.sources[R].id}` },
      el('thead', {}, el('tr', {}, el('th', {}, sourceLabel(L)), el('th', { class: 'score' }, 'Similarity'), el('th', {}, sourceLabel(R)))),
      el('tbody', {}, shown.map((x, i) => {
        const d = diffs[i];
        const at = passageText(x.a), bt = passageText(x.b);
        return el('tr', { 'data-group': x.g.id },
          el('td', { class: 'passage left' }, d ? diffNodes(at, d.ops, 'old') : at),
          el('td', { class: 'score', title: (x.g.mutual ? 'Each is the other’s best match' : 'Best match one way only')
            + (x.g.reasons.length ? `. Shared words: ${x.g.reasons.join(', ')}` : '') },
            `${Math.round(x.g.score * 100)}%`),
          el('td', { class: 'passage right' }, d ? diffNodes(bt, d.ops, 'new') : bt));
      })));
    const parts = [table];
    if (rows.length > shown.length) {
      parts.push(el('button', { type: 'button', class: 'more', onclick: () => renderPairs(rows.length) },
        `Show all ${rows.length} pairs (${rows.length - shown.length} more)`));
    }
    box.replaceChildren(...parts);
  }

  function renderShared() {
    const r = report;
    if (!r.shared.length) {
      $('shared').replaceChildren(el('p', { class: 'empty' }, `No run of ${r.options.min_shared_words} or more words appears word for word in two sources.`));
      return;
    }
    const items = [...r.shared].sort((a, b) => b.words - a.words || a.id - b.id);
    $('shared').replaceChildren(el('ul', { class: 'shared-list' }, items.map((s) => {
      const first = s.spans[0];
      const counts = new Map();
      for (const sp of s.spans) counts.set(sp.source, (counts.get(sp.source) || 0) + 1);
      const places = [...counts].map(([src, n]) => report.sources[src].id + (n > 1 ? ` (${n}×)` : ''));
      return el('li', { 'data-shared': s.id, class: s.quoted ? 'quoted' : null },
        el('q', {}, reportInputs[first.source].text.slice(first.start, first.end)),
        el('span', { class: 'where' },
          s.quoted ? el('strong', {}, 'Quotation · ') : null,
          `${s.words} words, in ${places.join(', ')}`));
    })));
  }

  // ---- wiring ----
  function init() {
    renderSources();
    Parallax.ready.then(
      () => { $('version').textContent = `v${Parallax.version}`; },
      (err) => status(err.message, 'error'));
    $('add-source').addEventListener('click', () => { sources.push({ title: '', text: '' }); save(); renderSources(); });
    $('load-demo').addEventListener('click', () => {
      const demo = globalThis.ParallaxDemo;
      if (!demo) return status('The demo texts are missing from this build.', 'error');
      const hasText = sources.some((s) => s.text.trim());
      if (hasText && !confirm('Replace the current sources with the demo texts?')) return;
      sources = demo.sources.map((s) => ({ title: s.title, text: s.text }));
      save();
      renderSources();
      showAttribution(true);
      status(`Loaded ${sources.length} demo texts. Press Compare.`, 'ok');
    });
    $('clear-all').addEventListener('click', () => {
      if (!confirm('Remove all sources and their text?')) return;
      sources = [{ title: '', text: '' }, { title: '', text: '' }];
      report = null;
      save();
      renderSources();
      $('results').hidden = true;
      showAttribution(false);
      status('');
    });
    $('compare').addEventListener('click', runCompare);
    $('file-input').addEventListener('change', (e) => { readFiles([...e.target.files]); e.target.value = ''; });
    const box = $('sources');
    box.addEventListener('dragover', (e) => { e.preventDefault(); box.classList.add('dragging'); });
    box.addEventListener('dragleave', () => box.classList.remove('dragging'));
    box.addEventListener('drop', (e) => {
      e.preventDefault();
      box.classList.remove('dragging');
      if (e.dataTransfer && e.dataTransfer.files.length) readFiles([...e.dataTransfer.files]);
    });
    $('left-source').addEventListener('change', () => renderPairs());
    $('right-source').addEventListener('change', () => renderPairs());
    $('swap').addEventListener('click', () => {
      const l = $('left-source').value;
      $('left-source').value = $('right-source').value;
      $('right-source').value = l;
      renderPairs();
    });
    if (globalThis.ParallaxDemo && sources.some((s) => globalThis.ParallaxDemo.sources.some((d) => d.text === s.text))) {
      showAttribution(true);
    }
  }
  init();
})();
