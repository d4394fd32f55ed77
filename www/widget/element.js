/*
 * <parallax-compare>: Parallax inside another site (issue 6). scripts/widget.mjs bundles
 * this file into dist/parallax-compare.js and runs it with `globalThis` bound to the
 * bundle's private scope: the view modules (ParallaxAlignedView, …) and the stylesheet
 * (ParallaxWidgetCss) are found there, and this file leaves two things there:
 * ParallaxExtend (what window.Parallax gains: CompareElement, defineElement) and
 * ParallaxStart (defines the element once window.Parallax exists). The core is the real
 * window.Parallax, shared by every widget on the page: one worker, calls in turn.
 *
 * Sources, the first that applies: `el.sources = [...]` from JavaScript; else the JSON file
 * named by `src` (same origin only); else the element's <article> children (data-title,
 * data-url, data-author, data-date, data-format). Attributes: view; mode, granularity,
 * min-score, min-shared-words, include-comments (the core's Options). A change of sources
 * or options compares again, once per task, and only the latest comparison is drawn; a
 * change of view draws that view. Events (bubbling, composed): parallax-ready,
 * parallax-select, parallax-error. The contract is parallax-compare.d.ts.
 *
 * Everything is drawn in an open shadow root with the widget's own stylesheet, and user
 * text only ever as text nodes. Nothing throws out of the element: a failure is shown in
 * place as a sentence and fired as parallax-error. It never calls Parallax.cancel(), which
 * would stop the other widgets' comparisons too.
 */
(function () {
  'use strict';
  const scope = globalThis; // the bundle's scope, not the window (see scripts/widget.mjs)
  const VIEWS = [
    { id: 'aligned', label: 'Aligned', module: 'ParallaxAlignedView' },
    { id: 'reading', label: 'Reading', module: 'ParallaxReadingView' },
    { id: 'shared', label: 'Shared text', module: 'ParallaxSharedView' },
    { id: 'unique', label: 'Unique', module: 'ParallaxUniqueView' },
    { id: 'overview', label: 'Overview', module: 'ParallaxOverviewView' },
  ];
  const OPTION_ATTRIBUTES = ['mode', 'granularity', 'min-score', 'min-shared-words', 'include-comments'];
  const FORMATS = ['text', 'markdown', 'html'];
  const NARROW = 800; // px: below this width the reading view opens aligned passages under their paragraph


  /** An Error with a `code`, as parallax-error reports it. */
  function failure(code, message) {
    return Object.assign(new Error(message), { code });
  }

  const { el, diffNodes, plural } = scope.ParallaxDom; // text-only DOM building, as the page's (dom.js)

  // ---- the widget's stylesheet: one constructed sheet shared by every widget ----
  let sheet = null;
  function adoptStyles(root) {
    const css = scope.ParallaxWidgetCss || '';
    if ('adoptedStyleSheets' in ShadowRoot.prototype && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', {}, css));
    }
  }

  /**
   * `matches` while `box` is at most `px` wide, with a "change" event: the reading view's
   * `narrow`, by the widget's width rather than the window's.
   */
  function widthWatch(box, px) {
    const watch = new EventTarget();
    watch.matches = false;
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver((entries) => {
        const width = entries[entries.length - 1].contentRect.width;
        if (!width) return; // not shown: keep the last answer
        if ((width <= px) !== watch.matches) {
          watch.matches = width <= px;
          watch.dispatchEvent(new Event('change'));
        }
      }).observe(box);
    }
    return watch;
  }

  // ---- sources as the core takes them ----
  /** "a string", "a number", "null": what a host gave instead of an array. */
  const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

  /** One source from an object a host gave (el.sources, a src file); a readable Error if it cannot be one. */
  function toInput(s, n) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) {
      throw failure('invalid_input', `Source ${n + 1} should be an object such as {"title": "…", "text": "…"}; it is ${kindOf(s)}.`);
    }
    const input = { title: s.title == null ? '' : String(s.title) };
    if (typeof s.html === 'string') input.html = s.html;
    else if (typeof s.text === 'string' && s.format === 'html') input.html = s.text;
    else if (typeof s.text === 'string') {
      input.text = s.text;
      if (s.format === 'markdown') input.format = 'markdown';
    } else {
      throw failure('invalid_input', `Source ${n + 1}${input.title ? ` (“${input.title}”)` : ''} has no text: give it a "text" or an "html" string.`);
    }
    for (const k of ['author', 'date', 'url']) if (typeof s[k] === 'string' && s[k].trim()) input[k] = s[k];
    if (Array.isArray(s.overrides)) input.overrides = s.overrides;
    return input;
  }

  /** Text written indented inside the page's markup, with its common indent and blank edges removed. */
  function dedent(text) {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length && !lines[0].trim()) lines.shift();
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
    const cut = indents.length ? Math.min(...indents) : 0;
    return lines.map((l) => l.slice(Math.min(cut, l.match(/^[ \t]*/)[0].length))).join('\n');
  }

  /** A source from an <article> child: HTML when it says so or holds elements, else its text. */
  function fromArticle(article) {
    const d = article.dataset;
    const format = FORMATS.includes(d.format) ? d.format : article.children.length ? 'html' : 'text';
    const input = { title: d.title || '' };
    if (format === 'html') input.html = article.innerHTML;
    else {
      input.text = dedent(article.textContent);
      if (format === 'markdown') input.format = 'markdown';
    }
    for (const k of ['author', 'date', 'url']) if (d[k]) input[k] = d[k];
    return input;
  }

  /** The array of sources in the same-origin JSON file at `src`; a readable Error if it cannot be read. */
  async function fromFile(src) {
    let url;
    try {
      url = new URL(src, document.baseURI);
    } catch (_) {
      throw failure('load_failed', `The src attribute “${src}” is not an address the widget can read.`);
    }
    if (url.protocol === 'file:' || location.protocol === 'file:') {
      throw failure('load_failed', `The sources file “${src}” cannot be read: this page was opened from disk (file://), `
        + 'and browsers do not let such a page fetch files. Open the page from a web server, or give the sources as '
        + '<article> elements inside the widget or from JavaScript (el.sources).');
    }
    if (url.origin !== location.origin) {
      throw failure('load_failed', `The sources file “${src}” is on another site (${url.origin}); the widget reads sources only from this page’s own site.`);
    }
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch (err) {
      throw failure('load_failed', `The sources file “${src}” could not be read (${err.message}).`);
    }
    if (!response.ok) {
      throw failure('load_failed', `The sources file “${src}” could not be read: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    }
    let data;
    try {
      data = await response.json();
    } catch (_) {
      throw failure('load_failed', `The sources file “${src}” is not valid JSON.`);
    }
    if (!Array.isArray(data)) {
      throw failure('invalid_input', `The sources file “${src}” should hold an array of sources such as [{"title": "…", "text": "…"}]; it holds ${kindOf(data)}.`);
    }
    return data;
  }

  /** What the widget says when there is too little to compare. */
  function tooFew(given, withText) {
    const has = given === 0 ? 'none' : given === withText ? String(given) : `${given}, ${withText} with text`;
    return `Add at least two sources to compare: this widget has ${has}. Give them as <article> elements inside it, `
      + 'as a JSON file named by its src attribute, or from JavaScript (el.sources).';
  }

  function progressText({ stage, done, total }) {
    return total > 1 ? `Comparing… (${stage} ${done} of ${total})` : `Comparing… (${stage})`;
  }

  class CompareElement extends HTMLElement {
    static get observedAttributes() { return ['view', 'src', ...OPTION_ATTRIBUTES]; }

    #given = null; // what el.sources was set to, or null: the children or the src file then
    #loaded = []; // the sources last read from the src file
    #report = null;
    #seq = 0; // the number of the latest comparison; an older one's result is dropped
    #latest = null; // the latest comparison's promise
    #timer = 0;
    #dirty = true; // sources or options changed since the last comparison began
    #drawn = new Set(); // the views drawn from the current report
    #layout = 'side'; // the aligned view's word diff: "side" or "inline"
    #observer = new MutationObserver((records) => this.#childrenChanged(records));
    #ui;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      adoptStyles(root);
      this.#ui = this.#build(root);
    }

    // ---- the public face: see parallax-compare.d.ts ----
    get report() { return this.#report; }

    get sources() {
      if (this.#given !== null) return Array.isArray(this.#given) ? this.#given.map((s) => (s && typeof s === 'object' ? { ...s } : s)) : [];
      if (this.hasAttribute('src')) return this.#loaded.map((s) => ({ ...s }));
      return this.#articles().map(fromArticle);
    }

    set sources(list) {
      this.#given = list == null ? null : Array.isArray(list) ? [...list] : list;
      this.#schedule();
    }

    get view() {
      const v = this.getAttribute('view');
      return VIEWS.some((x) => x.id === v) ? v : 'aligned';
    }

    set view(v) { this.setAttribute('view', String(v)); }

    compare() {
      clearTimeout(this.#timer);
      this.#timer = 0;
      this.#dirty = false;
      const seq = ++this.#seq;
      this.#latest = this.#run(seq);
      return this.#latest;
    }

    connectedCallback() {
      // A property set before the element was defined hides the class's accessor: pass it on.
      for (const name of ['sources', 'view']) {
        if (!Object.prototype.hasOwnProperty.call(this, name)) continue;
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
      this.#observer.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
      this.#showView();
      if (this.#dirty || !this.#report) this.#schedule();
    }

    disconnectedCallback() {
      this.#observer.disconnect();
      clearTimeout(this.#timer);
      this.#timer = 0;
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      if (name === 'view') this.#showView();
      else if (name !== 'src' || this.#given === null) this.#schedule();
    }

    // ---- building the shadow tree ----
    #build(root) {
      const shortLabel = (i) => {
        const r = this.#report;
        const s = r.sources[i];
        return s.parent != null && r.sources[s.parent] ? `${r.sources[s.parent].id} comments` : s.id;
      };
      const sourceLabel = (i) => {
        const s = this.#report.sources[i];
        return s.parent != null || !s.title ? shortLabel(i) : `${s.id} · ${s.title}`;
      };
      const frame = el('div', { class: 'frame', part: 'frame' });
      const helpers = { el, shortLabel, sourceLabel };
      const views = {
        aligned: scope.ParallaxAlignedView.create({
          ...helpers, diffNodes, diffOptions: () => ({}),
          layout: () => this.#layout, setLayout: (value) => { this.#layout = value; },
          onError: (message) => this.#status(message, 'error'),
          onSelect: (group, members) => this.#selected(group, members),
        }),
        reading: scope.ParallaxReadingView.create({ ...helpers, narrow: widthWatch(frame, NARROW),
          onSelect: (group, members) => this.#selected(group, members) }),
      };
      for (const v of VIEWS) if (!views[v.id]) views[v.id] = scope[v.module].create(helpers);
      const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views of the comparison', part: 'tabs',
        onkeydown: (e) => this.#tabKey(e) },
      VIEWS.map((v) => el('button', { type: 'button', role: 'tab', id: `tab-${v.id}`, 'aria-controls': `view-${v.id}`,
        'aria-selected': 'false', tabindex: -1, 'data-view': v.id, part: 'tab', onclick: () => { this.view = v.id; } }, v.label)));
      const panels = new Map(VIEWS.map((v) => [v.id, el('section', { class: 'view', id: `view-${v.id}`, role: 'tabpanel',
        'aria-labelledby': `tab-${v.id}`, tabindex: 0, hidden: true }, views[v.id].element)]));
      const status = el('p', { class: 'widget-status', part: 'status', role: 'status', 'aria-live': 'polite' });
      const message = el('p', { class: 'message', part: 'message', hidden: true });
      const body = el('div', { class: 'body', part: 'view' }, message, [...panels.values()]);
      frame.append(
        el('header', { class: 'head', part: 'header' }, tabs, status),
        body,
        el('footer', { class: 'foot', part: 'footer' }, 'Compared by Parallax'));
      root.append(frame);
      return { views, tabs, panels, status, message, body };
    }

    // ---- comparing ----
    #schedule() {
      this.#dirty = true;
      if (!this.isConnected) return; // compared when connected
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = 0;
        if (!this.isConnected) return;
        // Children are read once the page is parsed: an element connected early has none yet.
        if (document.readyState === 'loading') {
          document.addEventListener('DOMContentLoaded', () => this.#schedule(), { once: true });
          return;
        }
        this.compare().catch(() => {}); // shown in place and fired as parallax-error
      }, 0);
    }

    #articles() {
      return [...this.children].filter((c) => c.localName === 'article');
    }

    #childrenChanged(records) {
      if (this.#given !== null || this.hasAttribute('src')) return;
      // The element's own attributes are watched by attributeChangedCallback.
      if (records.some((r) => r.target !== this || r.type === 'childList')) this.#schedule();
    }

    /** The sources to compare, as the core takes them. */
    async #inputs() {
      if (this.#given !== null) {
        if (!Array.isArray(this.#given)) {
          throw failure('invalid_input', `el.sources should be an array of sources such as {title, text}; it was set to ${kindOf(this.#given)}.`);
        }
        return this.#given.map(toInput);
      }
      if (this.hasAttribute('src')) {
        this.#loaded = [];
        const inputs = (await fromFile(this.getAttribute('src'))).map(toInput);
        this.#loaded = inputs;
        return inputs;
      }
      return this.#articles().map(fromArticle);
    }

    /** The core's Options from the attributes; the core checks their values and says what is wrong. */
    #options() {
      const options = {};
      for (const [name, key] of [['mode', 'mode'], ['granularity', 'granularity']]) {
        const v = this.getAttribute(name);
        if (v != null && v.trim()) options[key] = v.trim();
      }
      for (const [name, key, what] of [['min-score', 'min_score', 'a number from 0 to 1, such as 0.3'],
        ['min-shared-words', 'min_shared_words', 'a whole number of words from 2 to 200, such as 6']]) {
        const v = this.getAttribute(name);
        if (v == null || !v.trim()) continue;
        const n = Number(v);
        if (!Number.isFinite(n)) throw failure('invalid_input', `The ${name} attribute should be ${what}; it is “${v}”.`);
        options[key] = n;
      }
      if (this.hasAttribute('include-comments')) options.include_comments = this.getAttribute('include-comments') !== 'false';
      return options;
    }

    async #run(seq) {
      const stale = () => seq !== this.#seq;
      this.#status('Comparing…');
      this.#ui.body.setAttribute('aria-busy', 'true');
      if (!this.#report) this.#message('Comparing the sources; the results will appear here.', 'busy');
      try {
        const api = window.Parallax;
        try {
          await api.ready;
        } catch (err) {
          throw failure('load_failed', err.message);
        }
        if (stale()) return this.#latest;
        const inputs = await this.#inputs();
        if (stale()) return this.#latest;
        const options = this.#options();
        const withText = inputs.filter((s) => (s.html !== undefined ? s.html : s.text).trim()).length;
        if (withText < 2) throw failure('no_sources', tooFew(inputs.length, withText));
        const report = await api.compare(inputs, options, { onProgress: (p) => { if (!stale()) this.#status(progressText(p)); } });
        if (stale()) return this.#latest;
        this.#show(report);
        this.#emit('parallax-ready', report);
        return report;
      } catch (err) {
        if (stale()) return this.#latest;
        const error = err && typeof err.code === 'string' ? err
          : failure('crashed', `Parallax could not show this comparison: ${err && err.message ? err.message : err}`);
        if (!err || typeof err.code !== 'string') console.error(err);
        this.#showFailure(error);
        this.#emit('parallax-error', { message: error.message, code: error.code });
        throw error;
      } finally {
        if (!stale()) this.#ui.body.removeAttribute('aria-busy');
      }
    }

    // ---- drawing ----
    #show(report) {
      this.#report = report;
      this.#drawn.clear();
      this.#message(null);
      const articles = report.sources.filter((s) => s.parent == null).length;
      const comments = report.sources.length - articles;
      this.#status([plural(articles, 'source', 'sources'), comments ? plural(comments, 'set of comments', 'sets of comments') : null,
        plural(report.groups.length, 'aligned row', 'aligned rows'), `${report.mode} mode`].filter(Boolean).join(' · '));
      this.#showView();
    }

    #showFailure(error) {
      this.#report = null;
      this.#drawn.clear();
      this.#status(error.code === 'no_sources' ? 'Nothing to compare yet' : 'Not compared', 'error');
      this.#message(error.message, 'error');
      this.#showView();
    }

    /** Marks the chosen tab, shows its panel, and draws its view if this report has not been drawn there yet. */
    #showView() {
      const id = this.view;
      for (const tab of this.#ui.tabs.children) {
        const on = tab.dataset.view === id;
        tab.setAttribute('aria-selected', String(on));
        tab.setAttribute('part', on ? 'tab tab-selected' : 'tab');
        tab.tabIndex = on ? 0 : -1;
      }
      for (const [vid, panel] of this.#ui.panels) panel.hidden = !(this.#report && vid === id);
      if (!this.#report || this.#drawn.has(id)) return;
      this.#drawn.add(id);
      try {
        this.#ui.views[id].render(this.#report);
      } catch (err) {
        console.error(err);
        this.#message(`Parallax could not draw this view: ${err.message}`, 'error');
      }
    }

    #status(text, kind) {
      const s = this.#ui.status;
      s.textContent = text || '';
      s.className = `widget-status${kind ? ` ${kind}` : ''}`;
    }

    /** The sentence shown in place of the views (loading, nothing to compare, a failure), or none. */
    #message(text, kind) {
      const m = this.#ui.message;
      m.hidden = !text;
      m.textContent = text || '';
      m.className = `message${kind ? ` ${kind}` : ''}`;
      if (kind === 'error') m.setAttribute('role', 'alert'); else m.removeAttribute('role');
    }

    #tabKey(e) {
      const tabs = [...this.#ui.tabs.children];
      const i = tabs.indexOf(this.shadowRoot.activeElement);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (i < 0 || to === undefined) return;
      e.preventDefault();
      const tab = tabs[(to + tabs.length) % tabs.length];
      this.view = tab.dataset.view;
      tab.focus();
    }

    // ---- events ----
    #emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }

    /** The aligned view opened a row's word diff or changed the passages it compares, or the reading view opened a passage's aligned passages. */
    #selected(group, members) {
      const r = this.#report;
      this.#emit('parallax-select', {
        group,
        passages: members.map((m) => ({ ...m, title: r.sources[m.source].title, text: r.sources[m.source].text.slice(m.start, m.end) })),
      });
    }
  }

  /** Registers the element under `name` (a fresh subclass: a class is registered once); the class already there if it is ours. */
  function defineElement(name) {
    const taken = customElements.get(name);
    if (taken) {
      if (taken === CompareElement || taken.prototype instanceof CompareElement) return taken;
      throw new Error(`The element name “${name}” is already taken by another element.`);
    }
    const named = class extends CompareElement {};
    customElements.define(name, named);
    return named;
  }

  scope.ParallaxExtend = () => ({ CompareElement, defineElement });
  scope.ParallaxStart = () => {
    if (!customElements.get('parallax-compare')) customElements.define('parallax-compare', CompareElement);
  };
})();
