/*
 * The Parallax page: collects sources, calls window.Parallax, and draws the report.
 * It renders only; every score, pairing, block kind and offset comes from the Rust core.
 * User text (and HTML source) is only ever put into the page as text nodes, never as markup.
 *
 * A source is kept as the input the core takes: {title, text, format?, overrides, author, date}
 * or {title, html, overrides, author, date}; a blank author or date is left to the core to
 * find in the text, and is not sent. Each override {at, include, quote} says the block holding
 * offset `at` is (not) compared; `quote` (the block's first words, page-only) finds the
 * block again after the text is edited, and is not sent to the core. The cleaned view of
 * a source, where overrides are made and kept right, is cleaned-view.js.
 *
 * The results are views in tabs, listed once in VIEWS; the aligned view (every source side
 * by side) is aligned-view.js. The options (Options and DiffOptions of src/model.rs, and
 * the page's own choices) are kept in local storage with the sources.
 */
(function () {
  'use strict';
  const STORE_KEY = 'parallax.inputs.v1';
  const OPTIONS_KEY = 'parallax.options.v1';
  const MAX_ROWS = 150;
  const $ = (id) => document.getElementById(id);

  const FORMATS = { text: 'Plain text', markdown: 'Markdown', html: 'HTML' };

  let sources = []; // filled from storage by init()
  let report = null;
  let compared = []; // the sources as they stood when `report` was made, in its order
  const found = new WeakMap(); // per source: the {author, date} the core found in its text at the last comparison

  /**
   * Everything the reader sets, as kept in storage: the core's Options (the first five),
   * its DiffOptions (the next two), and the page's own choices.
   */
  const DEFAULTS = Object.freeze({
    granularity: 'sentence', mode: 'auto', min_score: 0.3, min_shared_words: 6, include_comments: false,
    case_sensitive: true, punctuation_sensitive: true,
    diff_layout: 'side', view: 'aligned', options_open: false,
  });
  const CHOICES = { granularity: ['sentence', 'paragraph'], mode: ['auto', 'topic', 'version'], diff_layout: ['side', 'inline'] };
  /** The number options: their field, what makes a value valid, and what to say when it is not. */
  const NUMBERS = {
    min_score: { id: 'opt-min-score', ok: (n) => n >= 0 && n <= 1, message: 'Enter a number from 0 to 1, such as 0.3.' },
    min_shared_words: { id: 'opt-min-shared', ok: (n) => Number.isInteger(n) && n >= 2 && n <= 200,
      message: 'Enter a whole number of words from 2 to 200, such as 6.' },
  };
  let settings = { ...DEFAULTS };

  // Text-only DOM building and word-diff marking, shared with the widget (dom.js).
  const { el, diffNodes, plural } = ParallaxDom;


  // ---- sources as the core takes them ----
  const isHtml = (src) => typeof src.html === 'string';
  const contentOf = (src) => (isHtml(src) ? src.html : src.text);
  const formatOf = (src) => (isHtml(src) ? 'html' : src.format === 'markdown' ? 'markdown' : 'text');
  const emptySource = () => ({ title: '', text: '', overrides: [], author: '', date: '' });

  /** A source from anything saved or given: {title, text} from older pages still loads. */
  function normalizeSource(s) {
    s = s && typeof s === 'object' ? s : {};
    const out = { title: String(s.title || '') };
    if (typeof s.html === 'string') out.html = s.html;
    else if (s.format === 'html') out.html = String(s.text || '');
    else {
      out.text = String(s.text || '');
      if (s.format === 'markdown') out.format = 'markdown';
    }
    out.overrides = (Array.isArray(s.overrides) ? s.overrides : [])
      .filter((o) => o && Number.isInteger(o.at) && o.at >= 0 && typeof o.include === 'boolean')
      .map((o) => (typeof o.quote === 'string' && o.quote ? { at: o.at, include: o.include, quote: o.quote } : { at: o.at, include: o.include }));
    out.author = typeof s.author === 'string' ? s.author : '';
    out.date = typeof s.date === 'string' ? s.date : '';
    return out;
  }

  function setContent(src, value) {
    if (isHtml(src)) src.html = value; else src.text = value;
  }

  function setFormat(src, format) {
    const content = contentOf(src);
    delete src.text; delete src.html; delete src.format;
    if (format === 'html') src.html = content;
    else {
      src.text = content;
      if (format === 'markdown') src.format = 'markdown';
    }
  }

  /** The input the core takes: overrides without the page's own `quote`; author and date when given. */
  function toInput(src, { overrides = true } = {}) {
    const input = { title: src.title };
    if (isHtml(src)) input.html = src.html;
    else {
      input.text = src.text;
      if (src.format) input.format = src.format;
    }
    input.overrides = overrides ? src.overrides.map((o) => ({ at: o.at, include: o.include })) : [];
    if (src.author.trim()) input.author = src.author;
    if (src.date.trim()) input.date = src.date;
    return input;
  }

  // ---- persistence: inputs survive a reload or a crash ----
  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
      if (Array.isArray(saved) && saved.length) return saved.map(normalizeSource);
    } catch (_) { /* unreadable storage: start fresh */ }
    return [emptySource(), emptySource()];
  }
  /** The kept options, each checked: a value that is missing or not valid takes its default. */
  function loadOptions() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(OPTIONS_KEY) || 'null'); } catch (_) { /* unreadable: defaults */ }
    const out = { ...DEFAULTS };
    if (!saved || typeof saved !== 'object') return out;
    for (const [key, def] of Object.entries(DEFAULTS)) {
      const v = saved[key];
      if (typeof def === 'boolean') { if (typeof v === 'boolean') out[key] = v; }
      else if (CHOICES[key]) { if (CHOICES[key].includes(v)) out[key] = v; }
      else if (NUMBERS[key]) { if (typeof v === 'number' && NUMBERS[key].ok(v)) out[key] = v; }
      else if (typeof v === 'string') out[key] = v;
    }
    return out;
  }
  let saveTimer = null;
  function saveNow() {
    clearTimeout(saveTimer);
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(sources));
      localStorage.setItem(OPTIONS_KEY, JSON.stringify(settings));
    } catch (_) { /* quota: keep going */ }
  }
  /** Saves 200 ms after the last keystroke; discrete actions call saveNow(). */
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 200);
  }

  function wordCount(text) {
    const m = text.match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu);
    return m ? m.length : 0;
  }

  /** Shows `message` in the status area; an array of sentences is shown one per line. */
  function status(message, kind) {
    const s = $('status');
    if (Array.isArray(message)) {
      // One line each; the spaces between keep the area's text a run of sentences for readers.
      s.replaceChildren();
      message.forEach((line, n) => s.append(n ? ' ' : '', el('span', { class: 'line' }, line)));
    } else {
      s.textContent = message || '';
    }
    s.className = 'status' + (kind ? ' ' + kind : '');
  }

  const cleaned = ParallaxCleanedView.create({ el, contentOf, toInput, save: saveNow });

  // ---- sources panel ----
  function renderSources() {
    $('sources').replaceChildren(...sources.map(sourceCard));
    showStale(); // sources added, removed or moved make a report out of date
  }

  function sourceCard(src, i) {
    const label = `S${i + 1}`;
    const words = el('span', { class: 'count' });
    const chars = el('span', {});
    const counts = () => {
      const content = contentOf(src);
      // An HTML page's word count would count its markup: the cleaned view gives the real one.
      words.textContent = isHtml(src) ? '' : `${wordCount(content).toLocaleString('en')} words`;
      chars.textContent = `${content.length.toLocaleString('en')} characters${isHtml(src) ? ' of HTML' : ''}`;
    };
    counts();
    const area = el('textarea', {
      'aria-label': `${isHtml(src) ? 'HTML source' : 'Text'} of source ${label}`,
      placeholder: 'Paste an article here…', spellcheck: 'false',
      oninput: (e) => {
        setContent(src, e.target.value);
        counts();
        save();
        cleaned.edited(src);
      },
    });
    area.value = contentOf(src);
    const title = el('input', {
      type: 'text', 'aria-label': `Title of source ${label}`, placeholder: 'Title (optional)',
      oninput: (e) => { src.title = e.target.value; save(); },
    });
    title.value = src.title;
    // Author and date: what the reader gives replaces what the core finds in the text.
    // (No type attribute: the title stays the card's one input[type=text].)
    const byline = (field, name) => {
      const input = el('input', {
        class: field, 'aria-label': `${name} of source ${label}`, spellcheck: 'false', autocomplete: 'off',
        placeholder: foundNote(src, field), title: foundHint(src, field),
        oninput: (e) => { src[field] = e.target.value; save(); showStale(); },
      });
      input.value = src[field];
      return fitByline(el('label', { class: `byline-field ${field}-field` }, el('span', { class: 'byline-name' }, name), input));
    };
    const mover = (by) => {
      const to = i + by;
      const ok = to >= 0 && to < sources.length;
      return el('button', {
        type: 'button', class: `quiet move ${by < 0 ? 'earlier' : 'later'}`, disabled: !ok,
        'aria-label': `Move source ${label} ${by < 0 ? 'earlier' : 'later'}`,
        title: ok ? `Move ${by < 0 ? 'earlier' : 'later'}: swap with S${to + 1}` : null,
        onclick: () => moveSource(i, to),
      },
      // Arrows that point where the card goes: sideways in rows of cards, up and down in one column.
      el('span', { class: 'arrow-row', 'aria-hidden': 'true' }, by < 0 ? '←' : '→'),
      el('span', { class: 'arrow-column', 'aria-hidden': 'true' }, by < 0 ? '↑' : '↓'));
    };
    const format = formatOf(src);
    const formatSelect = el('select', {
      class: 'format', 'aria-label': `Read as (source ${label})`,
      onchange: (e) => {
        setFormat(src, e.target.value);
        saveNow();
        renderSources();
        $('sources').querySelector(`.source-card[data-index="${i}"] select.format`).focus();
        cleaned.reread(src);
      },
    }, Object.entries(FORMATS).map(([value, name]) => el('option', { value }, name)));
    formatSelect.value = format;
    const view = cleaned.controls(src, label, `cleaned-${i}`);
    const card = el('div', { class: 'source-card', 'data-index': i, 'data-format': format },
      el('div', { class: 'head' },
        el('span', { class: 'label' }, label), title,
        format !== 'text' ? el('span', { class: 'badge', title: `This source is read as ${FORMATS[format]}` }, FORMATS[format]) : null,
        el('span', { class: 'movers', role: 'group', 'aria-label': `Position of source ${label}` }, mover(-1), mover(1)),
        el('button', { type: 'button', class: 'quiet remove', 'aria-label': `Remove source ${label}`,
          onclick: () => {
            sources.splice(i, 1);
            if (!sources.length) sources.push(emptySource());
            saveNow();
            renderSources();
          } }, '✕')),
      el('div', { class: 'byline' }, byline('author', 'Author'), byline('date', 'Date')),
      area,
      el('div', { class: 'meta' }, words, chars),
      el('div', { class: 'card-actions' }, view.toggle, view.choices, el('span', { class: 'spacer' }),
        el('label', { class: 'format-label' }, 'Read as ', formatSelect)),
      view.region);
    cleaned.attach(src, card);
    return card;
  }

  /**
   * Moves the source at `from` to `to` (a neighbour), keeping its cleaned view and choices;
   * focus stays on the moved card's button, or its other one once it reaches an end.
   */
  function moveSource(from, to) {
    const [src] = sources.splice(from, 1);
    sources.splice(to, 0, src);
    saveNow();
    renderSources();
    const card = $('sources').querySelector(`.source-card[data-index="${to}"]`);
    const [same, other] = to < from ? ['earlier', 'later'] : ['later', 'earlier'];
    const button = card.querySelector(`button.move.${same}`);
    (button.disabled ? card.querySelector(`button.move.${other}`) : button).focus();
    status(`Moved ${src.title.trim() ? `“${src.title.trim()}”` : `S${from + 1}`} to S${to + 1}.`, 'ok');
  }

  /** The placeholder of an author or date field: what the core found there at the last comparison. */
  function foundNote(src, field) {
    const known = found.get(src);
    if (!known) return 'automatic'; // found in the text when compared
    return known[field] ? `found: ${known[field]}` : 'none found';
  }

  /** The field's tooltip: the whole of what was found, which a narrow field may cut. */
  function foundHint(src, field) {
    const known = found.get(src);
    const what = field === 'author' ? 'An author' : 'A date';
    if (!known) return `${what} typed here replaces the one Parallax finds in the text.`;
    return known[field] ? `Found in the text: ${known[field]}. ${what} typed here replaces it.` : `None found in the text. ${what} typed here is used.`;
  }

  /**
   * Shares the byline row between author and date by what they hold (a value, or what was
   * found), so "found: Jane Doe" and "found: January 10, 2022" both fit where they can.
   */
  function fitByline(field) {
    const input = field.querySelector('input');
    input.size = Math.max(8, input.value.length, input.placeholder.length);
    return field;
  }

  /** Keeps what the core found for each source left blank, and shows it in the fields' placeholders. */
  function noteFound(list, r) {
    list.forEach((src, i) => {
      const s = r.sources[i];
      const known = found.get(src) || { author: null, date: null };
      // A field the reader filled came back as given: what the text holds is still unknown.
      if (!src.author.trim()) known.author = s.author;
      if (!src.date.trim()) known.date = s.date;
      found.set(src, known);
    });
    for (const card of $('sources').querySelectorAll('.source-card')) {
      const src = sources[Number(card.dataset.index)];
      for (const field of ['author', 'date']) {
        const input = card.querySelector(`input.${field}`);
        input.placeholder = foundNote(src, field);
        input.title = foundHint(src, field);
        fitByline(input.parentElement);
      }
    }
  }

  function addSources(list) {
    // Fill empty cards first, then append.
    for (const item of list) {
      const empty = sources.findIndex((s) => !contentOf(s).trim() && !s.title.trim());
      if (empty >= 0) sources[empty] = normalizeSource(item); else sources.push(normalizeSource(item));
    }
    saveNow();
    renderSources();
  }

  /** How a file is read, by its name: HTML pages, Markdown, else plain text. */
  function sourceFromFile(name, content) {
    const title = name.replace(/\.[^.]+$/, '');
    if (/\.html?$/i.test(name)) return { title, html: content };
    if (/\.(md|markdown)$/i.test(name)) return { title, text: content, format: 'markdown' };
    return { title, text: content };
  }

  /**
   * Whether `bytes` look like a binary file, by the command line's rule (`looks_binary`
   * in src/bin/parallax.rs): a NUL byte, or more than 1 byte in 20 being a control
   * character other than tab, newline, carriage return or form feed, in the first 64 KiB.
   */
  function looksBinary(bytes) {
    const head = bytes.subarray(0, 64 * 1024);
    let controls = 0;
    for (const b of head) {
      if (b === 0) return true;
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
    }
    return controls * 20 > head.length;
  }

  /**
   * A file's text, decoded as UTF-8 with each invalid byte sequence replaced by U+FFFD:
   * {text, replaced}, where `replaced` counts the replacements (a U+FFFD the file itself
   * holds, as the bytes EF BF BD, is not counted).
   */
  function decodeText(bytes) {
    const text = new TextDecoder('utf-8').decode(bytes);
    let replaced = 0;
    for (const c of text) if (c === '\uFFFD') replaced++;
    for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
      if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) replaced--;
    }
    return { text, replaced };
  }

  /** Adds the files that hold text; says which were refused as binary and which had bad UTF-8. */
  async function readFiles(files) {
    const added = [];
    const refused = [];
    const repaired = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (looksBinary(bytes)) {
        refused.push(`${file.name} looks like a binary file (it has NUL or control bytes), not text; it was not added.`);
        continue;
      }
      const { text, replaced } = decodeText(bytes);
      if (replaced) {
        repaired.push(`${file.name} is not valid UTF-8: ${replaced} invalid byte sequence${replaced > 1 ? 's were' : ' was'} `
          + 'replaced with �.');
      }
      added.push(sourceFromFile(file.name, text));
    }
    if (added.length) addSources(added);
    const summary = `Added ${added.length} file${added.length > 1 ? 's' : ''}.`;
    if (repaired.length) {
      repaired.push(repaired.length > 1 ? 'If these files are in another encoding, save them as UTF-8 and open them again.'
        : 'If the file is in another encoding, save it as UTF-8 and open it again.');
    }
    const notices = [...repaired, ...refused];
    if (!notices.length) {
      if (added.length) status(summary, 'ok');
      return;
    }
    status(added.length ? [summary, ...notices] : notices, refused.length ? 'error' : 'warn');
    // Below many cards the notice could be out of sight of where the files were dropped.
    $('status').scrollIntoView({ block: 'nearest' });
  }

  // The bundled demos (generated/demo.js): the news demo's texts and attribution are at the
  // top level, `demos` lists every demo by id (the news entry without its texts).
  function demoList() {
    const d = globalThis.ParallaxDemo;
    if (!d) return [];
    const news = { id: 'news', attribution: d.attribution, sources: d.sources };
    return (d.demos || [news]).map((e) => (e.sources ? e : { ...news, ...e }));
  }

  // `demo` is the demo whose attribution to show; by default the news demo.
  function showAttribution(show, demo = demoList()[0]) {
    const foot = $('attribution');
    foot.hidden = !(show && demo);
    if (show && demo) foot.textContent = demo.attribution;
  }

  // ---- comparing ----
  async function runCompare() {
    const invalid = invalidOptions();
    if (invalid.length) {
      showOptions(true);
      status(`Options: ${invalid.map((k) => NUMBERS[k].message).join(' ')}`, 'error');
      $(NUMBERS[invalid[0]].id).focus();
      return;
    }
    const button = $('compare');
    button.disabled = true;
    const progress = compareProgress();
    status('');
    $('status').classList.add('busy');
    $('status').append(progress.element, el('button', { type: 'button', id: 'cancel', onclick: () => Parallax.cancel() }, 'Cancel'));
    try {
      await Parallax.ready;
      // Overrides made before an edit are moved to their block (or dropped) first.
      for (const src of sources) if (src.overrides.length && contentOf(src).trim()) await cleaned.reanchor(src);
      const asSent = sources.map((src) => ({ src, author: src.author, date: src.date }));
      const inputs = sources.map((src) => toInput(src));
      const r = await Parallax.compare(inputs, compareOptions(), { onProgress: progress.update });
      progress.stop();
      report = r;
      compared = asSent;
      noteFound(asSent.map((x) => x.src), r);
      showStale(); // these results match the options and sources now, while the views are drawn
      const articles = r.sources.filter((s) => s.parent == null).length;
      const threads = r.sources.length - articles;
      status(`Compared ${plural(articles, 'source', 'sources')}${threads ? ` and ${plural(threads, 'comment section', 'comment sections')}` : ''}: `
        + `${plural(r.groups.length, 'group', 'groups')} of aligned passages, ${plural(r.shared.length, 'run', 'runs')} of shared text.`, 'ok');
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
      progress.stop();
      button.disabled = false;
      showStale();
    }
  }

  /** How the page names each stage Parallax.compare reports. */
  const STAGES = { reading: 'Reading sources', segmenting: 'Finding passages', aligning: 'Aligning passages', reporting: 'Writing the report' };
  const PROGRESS_DELAY = 250; // ms: a comparison done sooner never shows the bar, so nothing flickers

  /**
   * The progress of one comparison, for the status line beside Cancel: "Comparing…" until it
   * has run PROGRESS_DELAY ms, then the stage ("Reading sources: 7 of 20") and a bar. The
   * stage's name is text of the polite status region, so a screen reader hears each stage
   * once; the count is hidden from it (the bar's value text has it) so no step is announced.
   * Reading and finding passages fill the bar input by input; aligning and writing the report
   * cannot say how far they are, and the bar shows only that work goes on.
   */
  function compareProgress() {
    const stage = el('span', { class: 'stage' }, 'Comparing…');
    const count = el('span', { class: 'count', 'aria-hidden': 'true' });
    const bar = el('progress', { 'aria-label': 'Progress of the comparison', hidden: true });
    let last = null;
    let shown = false;
    const draw = () => {
      if (!shown || !last) return;
      const name = STAGES[last.stage] || 'Comparing';
      if (stage.textContent !== name) stage.textContent = name; // a new stage is announced once
      const counted = (last.stage === 'reading' || last.stage === 'segmenting') && last.total > 0;
      // `done` counts the inputs finished, so the one at work is the next: "1 of 20" from the start, "20 of 20" last.
      const at = Math.min(last.done + 1, last.total);
      count.textContent = counted ? `: ${at.toLocaleString('en')} of ${last.total.toLocaleString('en')}` : '…';
      if (counted) {
        bar.max = 2 * last.total;
        bar.value = (last.stage === 'segmenting' ? last.total : 0) + last.done;
      } else {
        bar.removeAttribute('value'); // indeterminate
      }
      bar.setAttribute('aria-valuetext', stage.textContent + count.textContent);
    };
    const timer = setTimeout(() => { shown = true; bar.hidden = false; draw(); }, PROGRESS_DELAY);
    return {
      element: el('span', { class: 'progress' }, el('span', { class: 'progress-label' }, stage, count), bar),
      update: (p) => { last = p; draw(); },
      stop: () => { clearTimeout(timer); shown = false; },
    };
  }

  // ---- options ----
  /** The Options to compare with (src/model.rs), from the kept settings. */
  function compareOptions() {
    const { granularity, mode, min_score, min_shared_words, include_comments } = settings;
    return { granularity, mode, min_score, min_shared_words, include_comments };
  }
  /** The DiffOptions every word diff is computed with. */
  function diffOptions() {
    return { case_sensitive: settings.case_sensitive, punctuation_sensitive: settings.punctuation_sensitive };
  }

  /** A number field's value, or null when it holds no valid value. */
  function numberIn(key) {
    const input = $(NUMBERS[key].id);
    const raw = input.value.trim();
    const n = Number(raw);
    return !input.validity.badInput && raw !== '' && Number.isFinite(n) && NUMBERS[key].ok(n) ? n : null;
  }
  const invalidOptions = () => Object.keys(NUMBERS).filter((key) => numberIn(key) === null);

  /** Shows (or clears) the message under a number field. */
  function showFieldError(key, show) {
    const input = $(NUMBERS[key].id);
    const error = $(`${NUMBERS[key].id}-error`);
    input.setAttribute('aria-invalid', String(show));
    error.textContent = show ? NUMBERS[key].message : '';
    error.hidden = !show;
  }

  function showOptionControls() {
    $('opt-granularity').value = settings.granularity;
    $('opt-mode').value = settings.mode;
    $('opt-min-score').value = String(settings.min_score);
    $('opt-min-shared').value = String(settings.min_shared_words);
    $('include-comments').checked = settings.include_comments;
    $('opt-case').checked = settings.case_sensitive;
    $('opt-punct').checked = settings.punctuation_sensitive;
    for (const key of Object.keys(NUMBERS)) showFieldError(key, false);
  }

  function showOptions(open) {
    settings.options_open = open;
    $('options').hidden = !open;
    $('options-toggle').setAttribute('aria-expanded', String(open));
    $('options-toggle').querySelector('.chevron').textContent = open ? '▾' : '▸';
  }

  /**
   * What changed in the sources since the report was made, each in words: moved, added (with
   * text) or removed, or an author or date edited. (Edits to a text are not tracked.)
   */
  function sourceChanges() {
    const kept = compared.filter((x) => sources.includes(x.src)); // in the compared order
    const now = sources.filter((src) => kept.some((x) => x.src === src)); // in today's order
    const added = sources.filter((src) => !kept.some((x) => x.src === src) && contentOf(src).trim()).length;
    const removed = compared.length - kept.length;
    const some = (n, what) => (n === 1 ? `a source was ${what}` : `${n} sources were ${what}`);
    return [
      now.some((src, i) => src !== kept[i].src) ? 'the sources were reordered' : null,
      added ? some(added, 'added') : null,
      removed ? some(removed, 'removed') : null,
      kept.some((x) => x.src.author !== x.author || x.src.date !== x.date) ? 'an author or date was changed' : null,
    ].filter(Boolean);
  }

  /** A compare option or the sources changed: results made before are marked out of date. */
  function showStale() {
    const box = $('stale');
    const now = compareOptions();
    const options = report && (invalidOptions().length || Object.keys(now).some((k) => report.options[k] !== now[k]));
    const why = report ? [options ? 'the options changed' : null, ...sourceChanges()].filter(Boolean) : [];
    if (!why.length) { box.replaceChildren(); return; }
    const text = `${why.length > 1 ? `${why.slice(0, -1).join(', ')} and ${why[why.length - 1]}` : why[0]} since this comparison. `;
    if (box.querySelector('.why')?.textContent === text) return; // already says so: not announced again
    box.replaceChildren(el('p', {},
      el('strong', {}, 'Out of date: '), el('span', { class: 'why' }, text),
      el('button', { type: 'button', onclick: runCompare }, 'Compare again')));
  }

  /** A diff option changed: every diff on screen is computed again. */
  function diffOptionsChanged() {
    if (!report) return;
    renderPairs();
    aligned.refreshDiff();
  }

  function wireOptions() {
    const set = (key, value) => { settings[key] = value; saveNow(); };
    $('options-toggle').addEventListener('click', () => { showOptions($('options').hidden); saveNow(); });
    $('opt-granularity').addEventListener('change', (e) => { set('granularity', e.target.value); showStale(); });
    $('opt-mode').addEventListener('change', (e) => { set('mode', e.target.value); showStale(); });
    $('include-comments').addEventListener('change', (e) => { set('include_comments', e.target.checked); showStale(); });
    for (const key of Object.keys(NUMBERS)) {
      const input = $(NUMBERS[key].id);
      // While typing, a valid value is taken at once and a message only ever cleared;
      // leaving the field (or Enter) shows what is wrong.
      input.addEventListener('input', () => {
        const n = numberIn(key);
        if (n !== null) { set(key, n); showFieldError(key, false); }
        showStale();
      });
      input.addEventListener('change', () => { showFieldError(key, numberIn(key) === null); showStale(); });
    }
    $('opt-case').addEventListener('change', (e) => { set('case_sensitive', e.target.checked); diffOptionsChanged(); });
    $('opt-punct').addEventListener('change', (e) => { set('punctuation_sensitive', e.target.checked); diffOptionsChanged(); });
    $('options-reset').addEventListener('click', () => {
      const { diff_layout, view, options_open } = settings;
      settings = { ...DEFAULTS, diff_layout, view, options_open };
      saveNow();
      showOptionControls();
      showStale();
      diffOptionsChanged();
    });
  }

  // ---- the views of a report, as tabs: adding a view is adding an entry ----
  /**
   * Each view: `id` (its panel is #view-<id>, made if the page has none), `label` (its tab),
   * `element` (what its panel holds, if made here) and `render` (draws the report).
   */
  const aligned = ParallaxAlignedView.create({
    el, diffNodes, shortLabel, sourceLabel, diffOptions,
    layout: () => settings.diff_layout,
    setLayout: (value) => { settings.diff_layout = value; saveNow(); },
    onError: (message) => status(message, 'error'),
  });
  const reading = ParallaxReadingView.create({ el, shortLabel, sourceLabel });
  const unique = ParallaxUniqueView.create({ el, shortLabel, sourceLabel });
  const overview = ParallaxOverviewView.create({ el, shortLabel, sourceLabel });
  const shared = ParallaxSharedView.create({ el, shortLabel, sourceLabel });
  const VIEWS = [
    { id: 'aligned', label: 'Aligned', element: aligned.element, render: () => aligned.render(report) },
    { id: 'pairs', label: 'Pairs', render: () => renderPairsView() },
    { id: 'shared', label: 'Shared text', element: el('div', { id: 'shared' }, shared.element), render: () => shared.render(report) },
    { id: 'reading', label: 'Reading', element: reading.element, render: () => reading.render(report) },
    { id: 'unique', label: 'Unique', element: unique.element, render: () => unique.render(report) },
    { id: 'overview', label: 'Overview', element: overview.element, render: () => overview.render(report) },
  ];

  function buildTabs() {
    const list = $('view-tabs');
    for (const v of VIEWS) {
      const panel = $(`view-${v.id}`) || el('section', { id: `view-${v.id}`, class: 'view' });
      if (v.element) panel.append(v.element);
      Object.entries({ role: 'tabpanel', 'aria-labelledby': `tab-${v.id}`, tabindex: '0' }).forEach(([k, x]) => panel.setAttribute(k, x));
      $('views').append(panel); // in the order of VIEWS
      list.append(el('button', {
        type: 'button', role: 'tab', id: `tab-${v.id}`, 'aria-controls': panel.id, 'data-view': v.id,
        onclick: () => selectView(v.id),
      }, v.label));
    }
    list.addEventListener('keydown', (e) => {
      const tabs = [...list.querySelectorAll('[role=tab]')];
      const i = tabs.indexOf(document.activeElement);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (i < 0 || to === undefined) return;
      e.preventDefault();
      const tab = tabs[(to + tabs.length) % tabs.length];
      selectView(tab.dataset.view);
      tab.focus();
    });
    selectView(VIEWS.some((v) => v.id === settings.view) ? settings.view : VIEWS[0].id, { keep: false });
  }

  function selectView(id, { keep = true } = {}) {
    for (const v of VIEWS) {
      const on = v.id === id;
      const tab = $(`tab-${v.id}`);
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      $(`view-${v.id}`).hidden = !on;
    }
    if (keep && settings.view !== id) { settings.view = id; saveNow(); }
  }

  /** "S2", or "S2 comments" for the reader comments of S2. */
  function shortLabel(i) {
    const s = report.sources[i];
    return s.parent != null && report.sources[s.parent] ? `${report.sources[s.parent].id} comments` : s.id;
  }

  function sourceLabel(i) {
    const s = report.sources[i];
    return s.parent != null ? shortLabel(i) : `${s.id} · ${s.title}`;
  }

  async function renderReport() {
    const r = report;
    $('results').hidden = false;
    // Author and date (given or found) get a column when any source has one.
    const bylines = r.sources.some((s) => s.parent == null && (s.author || s.date));
    $('summary').replaceChildren(runInfo(r), el('table', { class: 'summary' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Source'), el('th', {}, 'Title'), bylines ? el('th', {}, 'Author, date') : null,
        el('th', { class: 'num' }, 'Words'), el('th', { class: 'num' }, 'Passages'), el('th', { class: 'num' }, 'Aligned with another source'))),
      el('tbody', {}, r.sources.map((s, i) => el('tr', { class: s.parent != null ? 'comments' : null },
        el('td', {}, shortLabel(i)), el('td', {}, s.title),
        bylines ? el('td', { class: 'byline-cell' }, s.parent == null && (s.author || s.date)
          ? [s.author ? el('span', { class: 'author' }, s.author) : null, s.date ? el('span', { class: 'date' }, s.date) : null] : '—') : null,
        el('td', { class: 'num' }, s.word_count.toLocaleString('en')),
        el('td', { class: 'num' }, s.passage_count),
        el('td', { class: 'num' }, s.passage_count ? `${Math.round(100 * (s.passage_count - s.unique.length) / s.passage_count)}%` : '—'))))));
    // The view on show first; then the others, one per task with a frame between, so
    // a large report never holds the page still for the sum of all six.
    const first = VIEWS.find((v) => v.id === settings.view) || VIEWS[0];
    await first.render();
    for (const v of VIEWS) {
      if (v === first) continue;
      await nextFrame();
      if (report !== r) return; // a newer comparison has taken over
      await v.render();
    }
  }

  /** Resolves after the page has had a chance to draw a frame (or 50 ms, if hidden). */
  function nextFrame() {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 50);
      requestAnimationFrame(() => { clearTimeout(timer); setTimeout(resolve, 0); });
    });
  }

  /** One line on how the core compared: the mode it used (auto resolved) and the options. */
  function runInfo(r) {
    const o = r.options;
    const how = r.mode === 'version' ? 'as versions, in order' : 'by topic, in any order';
    return el('p', { class: 'run-info', 'data-mode': r.mode },
      el('strong', {}, r.mode === 'version' ? 'Version alignment' : 'Topic alignment'),
      ` (passages paired ${how}; ${o.mode === 'auto' ? 'chosen automatically' : 'as set in Options'})`,
      ` · ${o.granularity === 'paragraph' ? 'paragraphs' : 'sentences'}`,
      ` · least similarity ${o.min_score}`,
      ` · shared runs of ${o.min_shared_words} or more words`,
      o.include_comments ? ' · reader comments included' : '');
  }

  async function renderPairsView() {
    const r = report;
    const left = $('left-source');
    const right = $('right-source');
    const options = () => r.sources.map((s, i) => el('option', { value: i }, sourceLabel(i)));
    left.replaceChildren(...options());
    right.replaceChildren(...options());
    left.value = '0';
    right.value = String(bestPartner(0));
    await renderPairs();
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

  /** Offsets index the text the core compared: for HTML, the text taken from it. */
  function spanText(m) {
    return report.sources[m.source].text.slice(m.start, m.end);
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
      box.replaceChildren(el('p', { class: 'empty' }, `No passages of ${shortLabel(L)} and ${shortLabel(R)} are similar enough to pair.`));
      return;
    }
    const shown = rows.slice(0, limit);
    let diffs;
    try {
      diffs = await Parallax.diff(shown.map((x) => ({ old: spanText(x.a), new: spanText(x.b) })), diffOptions());
    } catch (err) {
      status(err.message, 'error');
      diffs = shown.map(() => null);
    }
    const table = el('table', { class: 'pair-table', 'aria-label': `Aligned passages of ${shortLabel(L)} and ${shortLabel(R)}` },
      el('thead', {}, el('tr', {}, el('th', {}, sourceLabel(L)), el('th', { class: 'score' }, 'Similarity'), el('th', {}, sourceLabel(R)))),
      el('tbody', {}, shown.map((x, i) => {
        const d = diffs[i];
        const at = spanText(x.a), bt = spanText(x.b);
        return el('tr', { 'data-group': x.g.id },
          el('td', { class: 'passage left' }, d ? diffNodes(at, d.ops, 'old') : at),
          el('td', { class: 'score', title: (x.g.mutual ? 'Each is the other’s best match' : 'Best match one way only')
            + (x.g.reasons.length ? `. Shared words: ${x.g.reasons.join(', ')}` : '') },
            `${Math.round(x.g.score * 100)}%`),
          el('td', { class: 'passage right' }, d ? diffNodes(bt, d.ops, 'new') : bt));
      })));
    const parts = [table];
    if (rows.length > shown.length) {
      // The sentence stays when the button cannot (in print and in a snapshot).
      parts.push(el('p', { class: 'more' }, `The first ${shown.length} of ${rows.length} pairs are shown. `,
        el('button', { type: 'button', onclick: () => renderPairs(rows.length) },
          `Show all ${rows.length} pairs (${rows.length - shown.length} more)`)));
    }
    box.replaceChildren(...parts);
  }

  // ---- export: the report as JSON, the groups as CSV, this view as a static page ----
  const exporter = globalThis.ParallaxExport;
  function exportJson() {
    exporter.download('parallax-report.json', exporter.reportJson(report), 'application/json');
  }
  function exportCsv() {
    exporter.download('parallax-groups.csv', exporter.groupsCsv(report), 'text/csv;charset=utf-8');
  }
  function exportSnapshot() {
    const articles = report.sources.filter((s) => s.parent == null);
    const saved = new Date().toISOString().slice(0, 16).replace('T', ' ');
    // A static page cannot switch tabs: it shows every view, one after the other.
    const results = $('results').cloneNode(true);
    for (const panel of results.querySelectorAll('[role=tabpanel]')) {
      panel.hidden = false;
      for (const name of ['role', 'aria-labelledby', 'tabindex']) panel.removeAttribute(name);
    }
    exporter.download('parallax-snapshot.html', exporter.snapshotHtml(results, {
      version: Parallax.version,
      title: `Parallax: ${articles.map((s) => (s.title ? `${s.id} ${s.title}` : s.id)).join(' · ')}`,
      note: `Parallax v${Parallax.version} · ${report.mode} alignment · saved ${saved} UTC`,
    }), 'text/html;charset=utf-8');
  }

  // ---- wiring ----
  function init() {
    sources = load();
    settings = loadOptions();
    showOptionControls();
    showOptions(settings.options_open);
    wireOptions();
    buildTabs();
    renderSources();
    Parallax.ready.then(
      () => { $('version').textContent = `v${Parallax.version}`; },
      (err) => status(err.message, 'error'));
    $('add-source').addEventListener('click', () => { sources.push(emptySource()); saveNow(); renderSources(); });
    $('load-demo').addEventListener('click', () => {
      const choice = $('demo-choice') ? $('demo-choice').value : 'news';
      const demo = demoList().find((d) => d.id === choice);
      if (!demo) return status('The demo texts are missing from this build.', 'error');
      const hasText = sources.some((s) => contentOf(s).trim());
      if (hasText && !confirm('Replace the current sources with the demo texts?')) return;
      sources = demo.sources.map((s) => normalizeSource({ title: s.title, text: s.text }));
      saveNow();
      renderSources();
      showAttribution(true, demo);
      status(`Loaded ${sources.length} demo texts. Press Compare.`, 'ok');
    });
    $('clear-all').addEventListener('click', () => {
      if (!confirm('Remove all sources and their text?')) return;
      sources = [emptySource(), emptySource()];
      report = null;
      saveNow();
      renderSources();
      $('results').hidden = true;
      showAttribution(false);
      status('');
    });
    $('compare').addEventListener('click', runCompare);
    // The buttons are inside the results, shown only once there is a report.
    $('export-json').addEventListener('click', exportJson);
    $('export-csv').addEventListener('click', exportCsv);
    $('export-html').addEventListener('click', exportSnapshot);
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
    const shownDemo = demoList().find((demo) => sources.some((s) => demo.sources.some((d) => d.text === s.text)));
    if (shownDemo) {
      showAttribution(true, shownDemo);
      if ($('demo-choice')) $('demo-choice').value = shownDemo.id;
    }
  }
  init();
})();
