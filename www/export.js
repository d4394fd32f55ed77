/*
 * Export and keep: a comparison as a file to take away. It turns what the page holds into
 * text; it computes nothing (every score, group and offset is the core's report).
 *
 *   ParallaxExport.reportJson(report)          the report as Parallax.compare returned it, pretty-printed
 *   ParallaxExport.groupsCsv(report)           one row per group, a column per source (RFC 4180, BOM)
 *   ParallaxExport.snapshotHtml(results, info) the results section as a static page: no scripts,
 *                                              the page's CSS inlined, a CSP that loads and runs nothing
 *   ParallaxExport.download(name, text, type)  saves `text` as a file (a Blob and an <a download>)
 *
 * User text only ever reaches the files as data: JSON strings, CSV fields guarded against
 * spreadsheet formulas, and in the snapshot the page's own text nodes, serialized (escaped).
 */
(function () {
  'use strict';

  // ---- JSON ----
  const reportJson = (report) => JSON.stringify(report, null, 2) + '\n';

  // ---- CSV (RFC 4180) ----
  /**
   * One CSV field. A field a spreadsheet would read as a formula (it starts with =, +, -, @,
   * tab or CR) gets a leading apostrophe; a field holding a comma, quote or line break is
   * quoted, with its quotes doubled.
   */
  function csvField(value) {
    let s = value == null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  const csvRow = (fields) => fields.map(csvField).join(',') + '\r\n';

  /** "S1 Wire": a source's id and title, the head of its column. */
  const sourceHeading = (s) => (s.title ? `${s.id} ${s.title}` : s.id);

  /**
   * The aligned groups: group, score, mutual, reasons (joined with "; "), then one column per
   * source holding the passage of its member, empty where the source has none. UTF-8 with a
   * byte order mark, so spreadsheet programs read Cyrillic and other scripts right.
   */
  function groupsCsv(report) {
    const passage = (m) => report.sources[m.source].text.slice(m.start, m.end);
    let out = '\uFEFF' + csvRow(['group', 'score', 'mutual', 'reasons', ...report.sources.map(sourceHeading)]);
    for (const g of report.groups) {
      const cells = report.sources.map(() => '');
      for (const m of g.members) cells[m.source] = passage(m);
      out += csvRow([g.id, g.score, g.mutual, g.reasons.join('; '), ...cells]);
    }
    return out;
  }

  // ---- HTML snapshot ----
  const SNAPSHOT_CSP = "default-src 'none'; style-src 'unsafe-inline'";
  /** Controls and anything else that means nothing on a static page; `.no-snapshot` marks the page's own. */
  const DROPPED = 'script, noscript, template, iframe, object, embed, link, meta, style, button, input, select, textarea, form, .no-snapshot';

  /** The page's stylesheets as text (a <style> offline, style.css from the same origin served). */
  function pageCss() {
    const parts = [];
    for (const sheet of document.styleSheets) {
      try {
        parts.push([...sheet.cssRules].map((rule) => rule.cssText).join('\n'));
      } catch (_) { /* a sheet from elsewhere cannot be read; the page has none */ }
    }
    return parts.join('\n');
  }

  /** A copy of `node` with controls, event attributes and anything that loads or runs removed. */
  function staticCopy(node) {
    const copy = node.cloneNode(true);
    // A label whose control goes (the pair picker) goes with it: the table heads name the pair.
    for (const label of copy.querySelectorAll('label')) if (label.querySelector('select, input, textarea')) label.remove();
    for (const dropped of copy.querySelectorAll(DROPPED)) dropped.remove();
    for (const e of [copy, ...copy.querySelectorAll('*')]) {
      for (const { name } of [...e.attributes]) {
        if (/^on/i.test(name) || /^(src|srcset|href|action|formaction|style|tabindex|contenteditable)$/i.test(name)) e.removeAttribute(name);
      }
    }
    copy.removeAttribute('hidden');
    return copy;
  }

  /**
   * A self-contained HTML page of the results as they are drawn now. `info` gives `version`
   * (Parallax's), `title` (the page's title) and `note` (a line under the heading); all are
   * put in as text.
   */
  function snapshotHtml(results, { version = '', title = 'Parallax comparison', note = '' } = {}) {
    const doc = document.implementation.createHTMLDocument('');
    doc.documentElement.setAttribute('lang', document.documentElement.lang || 'en');
    const head = doc.head;
    head.replaceChildren();
    const meta = (attrs) => {
      const m = doc.createElement('meta');
      for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, v);
      head.append(m);
    };
    meta({ charset: 'utf-8' });
    meta({ 'http-equiv': 'Content-Security-Policy', content: SNAPSHOT_CSP });
    meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
    meta({ name: 'color-scheme', content: 'light dark' });
    meta({ name: 'generator', content: `Parallax ${version}`.trim() });
    const titleEl = doc.createElement('title');
    titleEl.textContent = title;
    const style = doc.createElement('style');
    // Our own CSS, not user text; a "</style" in it would end the element early, so it cannot be there.
    style.textContent = pageCss().replace(/<\/style/gi, '<\\/style');
    head.append(titleEl, style);

    const top = doc.createElement('header');
    top.className = 'top';
    const h1 = doc.createElement('h1');
    const tagline = doc.createElement('span');
    tagline.className = 'tagline';
    tagline.textContent = 'snapshot of a comparison';
    h1.append('Parallax ', tagline);
    const by = doc.createElement('span');
    by.className = 'version';
    by.textContent = note;
    top.append(h1, by);
    const main = doc.createElement('main');
    main.append(doc.adoptNode(staticCopy(results)));
    doc.body.className = 'snapshot';
    doc.body.replaceChildren(top, main);
    return '<!doctype html>\n' + doc.documentElement.outerHTML + '\n';
  }

  // ---- saving ----
  /** Saves `text` as a file named `name`: works from file:// and served, and sends nothing anywhere. */
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    // The click has handed the Blob to the browser's download; the URL can go a little later.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  globalThis.ParallaxExport = Object.freeze({ reportJson, groupsCsv, snapshotHtml, download });
})();
