//! HTML to text with its block structure, and what the markup says about each block.
//!
//! The page is tokenized by `html5gum` (WHATWG tokenizer: entities, raw-text elements
//! such as `<script>`, broken markup), and the elements are kept in an arena with an
//! explicit stack of open elements, so no input, however deeply nested, recurses.
//! Scripts, styles, templates, SVG and the like never reach the text; event
//! attributes and links are read only as hints. Each block-level element becomes a
//! block, separated from the next by a blank line; `<br>` becomes a line break.
//!
//! Every block carries [`Hints`] from its ancestors (a `<nav>`, a `<figcaption>`, a
//! class such as `comment` or `share`), its share of link text, and whether it lies in
//! the page's main content, found as Mozilla Readability does: paragraphs score their
//! parent and grandparent, class names weigh in, and the best-scoring element wins.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// What the markup says about a block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// In `<h1>`–`<h6>`: the level.
    pub heading: Option<u8>,
    /// In `<figcaption>`, a `<figure>` or an element whose class says caption or credit.
    pub caption: bool,
    /// In navigation, a header or footer, an `<aside>`, a form, or an element whose
    /// class says share, related, newsletter, cookie, advert and the like.
    pub furniture: bool,
    /// In an element whose class or id says comment.
    pub comment: bool,
    /// Mostly inside `<time>`, `<address>` or a byline/date class.
    pub metadata: bool,
    /// A list item.
    pub list_item: bool,
    /// In the element Readability scoring picks as the main content.
    pub main: bool,
    /// Share of its characters inside links, in per mille.
    pub link_per_mille: u16,
}

/// One block of the extracted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlBlock {
    /// Byte range into [`Extracted::text`], without surrounding whitespace.
    pub range: Range<usize>,
    /// What the markup says about it.
    pub hints: Hints,
}

/// The text of a page and what its markup states about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The visible text, blocks separated by blank lines.
    pub text: String,
    /// Its blocks, in order.
    pub blocks: Vec<HtmlBlock>,
    /// `og:title`, else the first `<h1>`, else `<title>`.
    pub title: Option<String>,
    /// `<meta name="author">` and kin.
    pub author: Option<String>,
    /// `article:published_time` and kin, else the first `<time>`.
    pub date: Option<String>,
}

/// Elements whose content is never text for a reader.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "audio", "video", "head", "select", "textarea",
];

/// Elements that start and end a block.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Class and id words of page furniture (matched as substrings of the lower-cased
/// attribute, except `ad`, which must stand alone).
const FURNITURE_CLASSES: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "share",
    "sharing",
    "social",
    "related",
    "promo",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "sidebar",
    "widget",
    "footer",
    "masthead",
    "toolbar",
    "advert",
    "sponsor",
    "pagination",
    "skip",
    "donat",
    "paywall",
    "recommend",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "teaser",
    "most-read",
    "trending",
];

/// Class and id words that mark the article (Readability's positive list).
const POSITIVE_CLASSES: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "post", "text", "blog", "story",
];

/// Class and id words of bylines and dates.
const METADATA_CLASSES: &[&str] = &[
    "byline",
    "author",
    "dateline",
    "date",
    "timestamp",
    "published",
    "posted",
    "meta",
];

/// Class and id words of captions and credits.
const CAPTION_CLASSES: &[&str] = &["caption", "credit", "copyright-photo"];

/// How far up an end tag looks for its start tag; beyond that a stray end tag is
/// ignored, so mismatched markup costs linear time.
const END_TAG_SEARCH: usize = 256;

#[derive(Clone, Debug)]
struct Element {
    parent: Option<usize>,
    name: String,
    hints: Hints,
    skip: bool,
    in_article: bool,
    /// Readability's score: class weight, tag bonus, and the paragraphs inside.
    score: f32,
}

/// Extracts the text and blocks of an HTML page or fragment.
pub fn extract(html: &str) -> Extracted {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut b = Builder::default();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let mut attrs = Attrs::default();
                for (key, value) in &tag.attributes {
                    let value = String::from_utf8_lossy(value).into_owned();
                    match key.as_slice() {
                        b"class" | b"id" => {
                            attrs.class.push(' ');
                            attrs.class.push_str(&value.to_lowercase());
                        }
                        b"role" => attrs.role = value.to_lowercase(),
                        b"name" | b"property" | b"itemprop" => {
                            attrs.meta_name = value.to_lowercase()
                        }
                        b"content" => attrs.content = value,
                        b"datetime" => attrs.datetime = value,
                        b"hidden" => attrs.hidden = true,
                        b"aria-hidden" => attrs.hidden |= value.eq_ignore_ascii_case("true"),
                        _ => {}
                    }
                }
                b.start(&name, &attrs, tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                b.end(&name);
            }
            Token::String(s) => b.text(&String::from_utf8_lossy(&s)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.flush();
    b.finish()
}

#[derive(Default)]
struct Attrs {
    class: String,
    role: String,
    meta_name: String,
    content: String,
    datetime: String,
    hidden: bool,
}

#[derive(Default)]
struct Builder {
    elements: Vec<Element>,
    stack: Vec<usize>,
    out: String,
    blocks: Vec<(Range<usize>, Hints, Option<usize>)>,
    /// The block being collected.
    current: String,
    current_links: usize,
    current_meta: usize,
    current_chars: usize,
    current_hints: Option<Hints>,
    current_element: Option<usize>,
    title_tag: String,
    in_title: bool,
    h1: Option<String>,
    og_title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    time_text: Option<String>,
    collecting_time: Option<String>,
}

impl Builder {
    fn top(&self) -> Option<&Element> {
        self.stack.last().and_then(|&i| self.elements.get(i))
    }

    fn start(&mut self, name: &str, attrs: &Attrs, self_closing: bool) {
        match name {
            "title" => {
                self.in_title = true;
                return;
            }
            "meta" => {
                self.read_meta(attrs);
                return;
            }
            "br" => {
                self.line_break();
                return;
            }
            _ => {}
        }
        // Implied end tags: a new paragraph or block closes an open <p>; a list item
        // closes the previous one.
        if name == "p" || BLOCK_LEVEL.contains(&name) {
            self.close_open(
                "p",
                &["div", "section", "article", "td", "li", "blockquote"],
            );
        }
        if name == "li" {
            self.close_open("li", &["ul", "ol", "menu"]);
        }
        if matches!(name, "dt" | "dd") {
            self.close_open("dd", &["dl"]);
            self.close_open("dt", &["dl"]);
        }
        if BLOCK_LEVEL.contains(&name) || name == "td" || name == "th" {
            self.flush();
        }
        if name == "td" || name == "th" {
            self.separate();
        }
        if name == "img" || name == "input" || name == "button" {
            self.separate();
        }
        if VOID.contains(&name) || self_closing {
            if name == "hr" {
                self.flush();
            }
            return;
        }
        let parent = self.stack.last().copied();
        let inherited = self.top().map(|e| e.hints).unwrap_or_default();
        let parent_skip = self.top().is_some_and(|e| e.skip);
        let parent_article = self.top().is_some_and(|e| e.in_article);
        let mut hints = Hints {
            main: false,
            link_per_mille: 0,
            ..inherited
        };
        let class = attrs.class.as_str();
        let has = |words: &[&str]| words.iter().any(|w| class.contains(w));
        let block = BLOCK_LEVEL.contains(&name);
        let in_article = parent_article || matches!(name, "article" | "main");
        if let Some(level) = name
            .strip_prefix('h')
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|l| (1..=6).contains(l))
        {
            hints.heading = Some(level);
        }
        if matches!(name, "figcaption" | "figure") || has(CAPTION_CLASSES) {
            hints.caption = true;
        }
        let ad_word = class
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| matches!(w, "ad" | "ads"));
        if matches!(name, "nav" | "footer" | "aside" | "form")
            || (name == "header" && !in_article)
            || matches!(
                attrs.role.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "search"
            )
            || attrs.hidden
            || ad_word
            || (block && has(FURNITURE_CLASSES) && !has(&["comment"]))
        {
            hints.furniture = true;
        }
        if block && (class.contains("comment") || class.contains("disqus")) {
            hints.comment = true;
        }
        if matches!(name, "time" | "address") || has(METADATA_CLASSES) {
            hints.metadata = true;
        }
        if name == "li" {
            hints.list_item = true;
        }
        let mut score = match name {
            "article" | "main" => 10.0,
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "form" | "ol" | "ul" | "li" | "address" => -3.0,
            "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => -5.0,
            _ => 0.0,
        };
        if has(POSITIVE_CLASSES) {
            score += 25.0;
        }
        if hints.furniture || hints.comment {
            score -= 25.0;
        }
        let id = self.elements.len();
        self.elements.push(Element {
            parent,
            name: name.to_string(),
            hints,
            skip: parent_skip || SKIPPED.contains(&name),
            in_article,
            score,
        });
        self.stack.push(id);
        if name == "time" {
            if self.date.is_none() && !attrs.datetime.is_empty() {
                self.date = Some(attrs.datetime.clone());
            }
            self.collecting_time = Some(String::new());
        }
    }

    fn end(&mut self, name: &str) {
        if name == "title" {
            self.in_title = false;
            return;
        }
        if name == "br" {
            self.line_break();
            return;
        }
        if name == "p" && !self.has_open("p") {
            // `</p>` with no open <p> is an empty paragraph, as browsers read it.
            self.flush();
            return;
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take(END_TAG_SEARCH)
            .position(|&i| self.elements.get(i).is_some_and(|e| e.name == name));
        let Some(depth) = found else { return };
        for _ in 0..=depth {
            self.pop();
        }
        if BLOCK_LEVEL.contains(&name) {
            self.flush();
        }
        if name == "td" || name == "th" {
            self.separate();
        }
    }

    fn pop(&mut self) {
        if let Some(i) = self.stack.pop() {
            let name = self.elements.get(i).map(|e| e.name.as_str());
            if name == Some("time") {
                if let Some(t) = self.collecting_time.take() {
                    let t = t.trim();
                    if self.time_text.is_none() && !t.is_empty() {
                        self.time_text = Some(t.to_string());
                    }
                }
            }
            if matches!(name, Some(n) if BLOCK_LEVEL.contains(&n)) {
                self.flush();
            }
        }
    }

    fn has_open(&self, name: &str) -> bool {
        self.stack
            .iter()
            .rev()
            .take(END_TAG_SEARCH)
            .any(|&i| self.elements.get(i).is_some_and(|e| e.name == name))
    }

    /// Closes an open `name` element if one is open above the nearest of `scopes`.
    fn close_open(&mut self, name: &str, scopes: &[&str]) {
        let mut depth = None;
        for (d, &i) in self.stack.iter().rev().take(END_TAG_SEARCH).enumerate() {
            let Some(e) = self.elements.get(i) else { break };
            if e.name == name {
                depth = Some(d);
                break;
            }
            if scopes.contains(&e.name.as_str()) {
                break;
            }
        }
        if let Some(d) = depth {
            for _ in 0..=d {
                self.pop();
            }
        }
    }

    fn read_meta(&mut self, attrs: &Attrs) {
        let content = attrs.content.trim();
        if content.is_empty() {
            return;
        }
        match attrs.meta_name.as_str() {
            "og:title" | "twitter:title" if self.og_title.is_none() => {
                self.og_title = Some(content.to_string())
            }
            "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
                if self.author.is_none() && !content.starts_with("http") =>
            {
                self.author = Some(content.to_string())
            }
            "article:published_time" | "date" | "datepublished" | "dc.date" | "pubdate"
                if self.date.is_none() =>
            {
                self.date = Some(content.to_string())
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_title {
            self.title_tag.push_str(s);
            return;
        }
        let Some(top) = self.top() else {
            // Text before any element (a fragment): a block of its own.
            self.append(s, Hints::default(), None, false, false);
            return;
        };
        if top.skip {
            return;
        }
        let hints = top.hints;
        let element = self.stack.last().copied();
        let pre = self.stack.iter().rev().take(END_TAG_SEARCH).any(|&i| {
            self.elements
                .get(i)
                .is_some_and(|e| e.name == "pre" || e.name == "textarea")
        });
        let link = self.has_open("a");
        if let Some(t) = self.collecting_time.as_mut() {
            t.push_str(s);
        }
        self.append(s, hints, element, pre, link);
    }

    fn append(&mut self, s: &str, hints: Hints, element: Option<usize>, pre: bool, link: bool) {
        for c in s.chars() {
            let c = if c == '\r' { '\n' } else { c };
            if !pre && matches!(c, ' ' | '\t' | '\n' | '\u{c}') {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
                continue;
            }
            if self.current_hints.is_none() {
                self.current_hints = Some(hints);
                self.current_element = element;
            }
            self.current.push(c);
            self.current_chars += 1;
            if link {
                self.current_links += 1;
            }
            if hints.metadata {
                self.current_meta += 1;
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }

    /// Keeps words of neighbouring cells and buttons apart.
    fn separate(&mut self) {
        if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
            self.current.push(' ');
        }
    }

    fn flush(&mut self) {
        let content = self.current.trim();
        if !content.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            let start = self.out.len();
            self.out.push_str(content);
            let mut hints = self.current_hints.unwrap_or_default();
            let chars = self.current_chars.max(1);
            hints.link_per_mille = (self.current_links * 1000 / chars).min(1000) as u16;
            hints.metadata = self.current_meta * 2 >= chars;
            self.blocks
                .push((start..self.out.len(), hints, self.current_element));
        }
        self.current.clear();
        self.current_chars = 0;
        self.current_links = 0;
        self.current_meta = 0;
        self.current_hints = None;
        self.current_element = None;
    }

    fn finish(mut self) -> Extracted {
        let main = self.main_content();
        let is_in = |mut e: Option<usize>, target: usize, elements: &[Element]| {
            for _ in 0..10_000 {
                match e {
                    Some(i) if i == target => return true,
                    Some(i) => e = elements.get(i).and_then(|x| x.parent),
                    None => return false,
                }
            }
            false
        };
        for (range, _, element) in &self.blocks {
            if self.h1.is_none() {
                let heading = element.and_then(|e| self.elements.get(e));
                if heading.is_some_and(|h| h.hints.heading == Some(1)) {
                    self.h1 = self.out.get(range.clone()).map(str::to_string);
                }
            }
        }
        let blocks = self
            .blocks
            .iter()
            .map(|(range, hints, element)| HtmlBlock {
                range: range.clone(),
                hints: Hints {
                    main: main.is_some_and(|m| is_in(*element, m, &self.elements)),
                    ..*hints
                },
            })
            .collect();
        let title_tag = self
            .title_tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let title = self
            .og_title
            .or(self.h1)
            .or((!title_tag.is_empty()).then_some(title_tag));
        Extracted {
            text: self.out,
            blocks,
            title,
            author: self.author,
            date: self.date.or(self.time_text),
        }
    }

    /// The element holding the article, as Readability scores it: each paragraph of
    /// 25 characters or more adds one, plus one per comma, plus one per hundred
    /// characters (at most three), to its parent, and half that to its grandparent.
    fn main_content(&mut self) -> Option<usize> {
        for (range, hints, element) in &self.blocks {
            let Some(text) = self.out.get(range.clone()) else {
                continue;
            };
            let chars = text.chars().count();
            if chars < 25 || hints.furniture || hints.link_per_mille > 500 {
                continue;
            }
            let commas = text
                .chars()
                .filter(|&c| matches!(c, ',' | '，' | '、'))
                .count();
            let points = 1.0 + commas as f32 + (chars / 100).min(3) as f32;
            // The block's element, its container, and the container's parent.
            let mut e = *element;
            let mut share = 1.0;
            for _ in 0..3 {
                let Some(i) = e else { break };
                if let Some(el) = self.elements.get_mut(i) {
                    el.score += points * share;
                    e = el.parent;
                }
                share /= 2.0;
            }
        }
        self.elements
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.skip && !matches!(e.name.as_str(), "html" | "body"))
            .max_by(|(i, a), (j, b)| a.score.total_cmp(&b.score).then(j.cmp(i)))
            .filter(|(_, e)| e.score > 10.0)
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<String> {
        let x = extract(html);
        x.blocks
            .iter()
            .filter_map(|b| x.text.get(b.range.clone()).map(str::to_string))
            .collect()
    }

    #[test]
    fn text_keeps_blocks_and_drops_code() {
        let html = "<html><head><title>T</title><style>p{}</style><script>alert('<p>x</p>')</script></head>\
            <body><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
            <h1>Talks &amp; <em>hopes</em></h1><p>First&nbsp;line<br>second line\n  spaced</p>\
            <p>Para <img src=x onerror=alert(1)>two<p>Three<ul><li>one<li>two</ul></body>";
        assert_eq!(
            blocks(html),
            [
                "Home World",
                "Talks & hopes",
                "First\u{a0}line\nsecond line spaced",
                "Para two",
                "Three",
                "one",
                "two"
            ]
        );
        let x = extract(html);
        assert_eq!(x.title.as_deref(), Some("Talks & hopes"));
        assert!(!x.text.contains("alert"));
        assert!(x.blocks.first().is_some_and(|b| b.hints.furniture));
        assert_eq!(x.blocks.get(1).and_then(|b| b.hints.heading), Some(1));
        assert_eq!(x.blocks.first().map(|b| b.hints.link_per_mille), Some(1000));
    }

    #[test]
    fn meta_and_comment_sections_are_read() {
        let html = r#"<meta name="author" content="Anna Petrova"><meta property="article:published_time" content="2022-01-10">
            <article><p>Body text, long enough to count, with commas, and more commas, here.</p>
            <figure><img src=a.jpg><figcaption>Putin in Moscow. (Kremlin)</figcaption></figure></article>
            <section id="comments"><div class="comment"><p>Great piece.</p></div></section>"#;
        let x = extract(html);
        assert_eq!(x.author.as_deref(), Some("Anna Petrova"));
        assert_eq!(x.date.as_deref(), Some("2022-01-10"));
        let hints: Vec<Hints> = x.blocks.iter().map(|b| b.hints).collect();
        assert!(hints.first().is_some_and(|h| h.main && !h.caption));
        assert!(hints.get(1).is_some_and(|h| h.caption));
        assert!(hints.get(2).is_some_and(|h| h.comment && !h.main));
    }

    #[test]
    fn deep_nesting_and_stray_tags_do_not_recurse_or_hang() {
        let deep = "<div>".repeat(200_000) + "deep text" + &"</div>".repeat(200_000);
        assert_eq!(blocks(&deep), ["deep text"]);
        let stray = "</span>".repeat(50_000) + "<p>after</p>" + &"<b>".repeat(50_000) + "x";
        assert_eq!(blocks(&stray), ["after", "x"]);
    }
}
