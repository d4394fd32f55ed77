//! Which block is the article and which is the page around it.
//!
//! In the manner of jusText: each block is first judged alone, from signals that
//! hold in any language (length, share of the language's function words, sentence
//! punctuation, link density, list separators), from what the markup says (for
//! HTML), and from patterns of page furniture in several languages (credits,
//! bylines, dates, comment threads, share and donation appeals). Blocks left in
//! doubt then take the class of their neighbours: a short line between two body
//! paragraphs is body, between two menus it is furniture. Headings are short lines
//! that lead into body text; a comment thread runs from its header (or from the
//! first "name, then time" pair) to the page footer, and is cut into comments.

use super::html::Hints;
use crate::model::BlockKind;
use crate::normalize::{folded, Normalizer};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A block before classification: its text range (trimmed) and markup hints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    /// Byte range of its text, without surrounding whitespace.
    pub range: Range<usize>,
    /// What HTML markup said about it (all unset for plain text).
    pub hints: Hints,
}

/// A reader comment: the blocks it spans, its author and time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundComment {
    /// Indexes of its first and last block (inclusive range as `start..end`).
    pub blocks: Range<usize>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When, as written.
    pub time: Option<String>,
}

/// The classes and what the text says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Classified {
    /// One kind per block.
    pub kinds: Vec<BlockKind>,
    /// Reader comments.
    pub comments: Vec<FoundComment>,
    /// The headline.
    pub title: Option<String>,
    /// The author, from a byline.
    pub author: Option<String>,
    /// The date line.
    pub date: Option<String>,
}

/// jusText's classes, before context decides the doubtful ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
    /// Already decided by a strong signal.
    Fixed(BlockKind),
}

/// Signals of one block.
#[derive(Clone, Debug, Default)]
struct Features {
    chars: usize,
    words: usize,
    /// Share of words that are function words of the text's language.
    stop: f32,
    /// Ends with sentence punctuation (closing quotes and brackets aside).
    ends_sentence: bool,
    /// Sentence-ending marks inside.
    sentence_marks: usize,
    /// Share of characters in links (HTML or Markdown).
    link: f32,
    /// Furniture phrases found ("subscribe", "читайте также", …).
    phrases: usize,
    credit: bool,
    /// A short block that attributes what it says ("officials said", "according
    /// to") or quotes someone's words: a reporter's sentence. A photo's caption
    /// describes the photo instead.
    reporting: bool,
    filename_only: bool,
    byline: Option<String>,
    /// A date or a time of day.
    dated: bool,
    /// A comment's time stamp: a date with a time, or "3 hours ago".
    stamp: bool,
    comment_header: bool,
    comment_furniture: bool,
    menu: bool,
    markdown_heading: bool,
    markdown_image: bool,
    has_alnum: bool,
    /// Mostly CJK characters (no spaces between words).
    cjk: bool,
    starts_upper: bool,
    copyright: bool,
    /// "Topics: …", "5 min read", "Просмотров: 4 213": labels and counters.
    taxonomy: bool,
    /// "Additional reporting by …", "The views expressed …": notes about the piece.
    note: bool,
    /// A comment form or thread control ("Leave a reply", "Load more comments").
    comment_form: bool,
    /// A whole line that is furniture on its own ("Related", "Share", "Teilen").
    furniture_line: bool,
    /// A credit line alone ("Photo: …", "REUTERS/…"), not a caption's text.
    credit_only: bool,
    /// Short: at most 12 words (40 characters of CJK).
    short_line: bool,
    /// Ends with a colon: it introduces what follows.
    ends_colon: bool,
    /// A comment header with a count ("21 comments for …").
    counted_header: bool,
    /// Starts like a list item ("- ", "• ", "1. ").
    list_item: bool,
    /// Only digits (a rank in a "most read" list).
    numeric_only: bool,
    /// Most longer words capitalised, as in headlines.
    title_case: bool,
    /// Set in Markdown italics (`*…*` or `_…_`).
    italic: bool,
}

/// Classifies the blocks of `text`.
pub fn classify(
    text: &str,
    blocks: &[RawBlock],
    markdown: bool,
    normalizer: &Normalizer,
) -> Classified {
    let frequent = frequent_short_words(text);
    let features: Vec<Features> = blocks
        .iter()
        .map(|b| {
            features(
                text.get(b.range.clone()).unwrap_or(""),
                &b.hints,
                markdown,
                normalizer,
                &frequent,
            )
        })
        .collect();
    let html_has_main = blocks.iter().any(|b| b.hints.main);
    let mut classes: Vec<Class> = blocks
        .iter()
        .zip(&features)
        .map(|(b, f)| first_class(f, &b.hints, html_has_main))
        .collect();
    resolve_by_context(&mut classes, &features);
    let mut kinds: Vec<BlockKind> = classes
        .iter()
        .map(|c| match c {
            Class::Fixed(kind) => *kind,
            Class::Good | Class::NearGood => BlockKind::Body,
            Class::Short | Class::Bad => BlockKind::Boilerplate,
        })
        .collect();
    find_headings(&mut kinds, &features, &classes);
    mark_dateline(&mut kinds, &features);
    join_captions(&mut kinds, &features);
    tag_lists(&mut kinds, &features);
    let comments = comment_thread(&mut kinds, &features, blocks, text);
    drop_islands(&mut kinds, &features);
    dates_in_furniture(&mut kinds);
    keep_clean_text(&mut kinds, &features, &classes);
    // A text without any body is a snippet, not a page: what no strong signal
    // marked is its body (one pasted sentence is compared, not set aside).
    if !kinds.contains(&BlockKind::Body) {
        for (k, c) in kinds.iter_mut().zip(&classes) {
            if !matches!(c, Class::Fixed(_)) && *k != BlockKind::Comment {
                *k = BlockKind::Body;
            }
        }
    }

    let block_text = |i: usize| {
        blocks
            .get(i)
            .and_then(|b| text.get(b.range.clone()))
            .unwrap_or("")
    };
    let title = kinds
        .iter()
        .position(|&k| k == BlockKind::Heading)
        .map(|i| clean_line(block_text(i).trim_start_matches('#')));
    let author = features.iter().zip(&kinds).find_map(|(f, &k)| {
        (k == BlockKind::Metadata)
            .then(|| f.byline.clone())
            .flatten()
    });
    let date = features
        .iter()
        .zip(&kinds)
        .position(|(f, &k)| k == BlockKind::Metadata && f.dated && f.words <= 14)
        .map(|i| clean_line(block_text(i)));
    Classified {
        kinds,
        comments,
        title: title.filter(|t| !t.is_empty()),
        author,
        date,
    }
}

/// A text with no sign of a page around it is all article: an essay, a story,
/// an answer typed or pasted clean. Its short lines, list items, formulas and
/// code, which the length tests alone would set aside, are body. The signs are
/// a menu, credit, byline, date line, comment, furniture phrase or link-heavy
/// block; a line of bare punctuation is none.
fn keep_clean_text(kinds: &mut [BlockKind], features: &[Features], classes: &[Class]) {
    let page = kinds
        .iter()
        .zip(classes)
        .zip(features)
        .any(|((&k, &c), f)| {
            matches!(
                k,
                BlockKind::Caption | BlockKind::Comment | BlockKind::Metadata
            ) || (matches!(c, Class::Fixed(BlockKind::Boilerplate)) && f.has_alnum)
                || f.menu
                || f.phrases > 0
                || f.link > 0.25
        });
    if page {
        return;
    }
    for (k, c) in kinds.iter_mut().zip(classes) {
        if *k == BlockKind::Boilerplate && !matches!(c, Class::Fixed(_)) {
            *k = BlockKind::Body;
        }
    }
}

/// The first judgement, from the block alone.
fn first_class(f: &Features, hints: &Hints, html_has_main: bool) -> Class {
    use BlockKind::*;
    if !f.has_alnum || (f.words == 1 && f.chars <= 4 && f.numeric_only) {
        return Class::Fixed(Boilerplate);
    }
    // What the markup says weighs most.
    if hints.comment {
        return Class::Fixed(Comment);
    }
    if hints.heading == Some(1) && !f.menu && f.phrases == 0 {
        return Class::Fixed(Heading);
    }
    if hints.furniture || f.furniture_line {
        return Class::Fixed(Boilerplate);
    }
    if hints.caption {
        return Class::Fixed(Caption);
    }
    if hints.heading.is_some() && f.link < 0.5 && f.phrases == 0 && f.words <= 30 {
        return Class::Fixed(Heading);
    }
    if hints.metadata && f.words <= 20 {
        return Class::Fixed(Metadata);
    }
    // Then patterns that hold whatever the markup.
    if f.comment_form {
        return Class::Fixed(Boilerplate);
    }
    if f.markdown_heading
        && f.phrases == 0
        && !f.comment_header
        && f.link < 0.5
        && !f.furniture_line
    {
        return Class::Fixed(Heading);
    }
    if f.furniture_line {
        return Class::Fixed(Boilerplate);
    }
    if f.taxonomy || (f.note && f.words <= 40) {
        return Class::Fixed(Metadata);
    }
    let short = f.words <= 25;
    if f.copyright && short {
        return Class::Fixed(Boilerplate);
    }
    if f.markdown_image {
        return Class::Fixed(Caption);
    }
    if f.filename_only {
        return Class::Fixed(Boilerplate);
    }
    if f.byline.is_some() && f.words <= 8 {
        return Class::Fixed(Metadata);
    }
    if f.credit && f.words <= 40 {
        return Class::Fixed(Caption);
    }
    if f.byline.is_some() {
        return Class::Fixed(Metadata);
    }
    if f.dated && f.words <= 20 && !f.ends_sentence && f.phrases == 0 {
        return Class::Fixed(Metadata);
    }
    if f.menu || f.link > 0.5 || (f.link > 0.25 && short) {
        return Class::Fixed(Boilerplate);
    }
    if f.comment_header {
        return Class::Fixed(Comment);
    }
    if (f.phrases >= 1 && short) || f.phrases >= 2 {
        return Class::Fixed(Boilerplate);
    }
    if f.dated && f.short_line && !f.ends_sentence_long() {
        return Class::Fixed(Metadata);
    }
    // jusText's length and function-word tests; CJK text has no spaces, so
    // characters and sentence marks stand in.
    let long = if f.cjk { 60 } else { 150 };
    let medium = if f.cjk { 20 } else { 50 };
    let sentence_like = f.sentence_marks >= 2 || (f.ends_sentence && f.words >= 8);
    let mut class = if f.chars >= long && (f.stop >= 0.25 || (f.cjk && sentence_like)) {
        Class::Good
    } else if (f.chars >= long && sentence_like)
        || (f.chars >= medium && (f.stop >= 0.15 || f.ends_sentence))
    {
        Class::NearGood
    } else if f.chars < medium {
        Class::Short
    } else {
        Class::Bad
    };
    // Readability's main content, when the page has one, tips the balance.
    if html_has_main {
        class = match (class, hints.main) {
            (Class::NearGood, true) if f.chars >= long => Class::Good,
            (Class::Good, false) if f.link > 0.1 => Class::NearGood,
            (c, _) => c,
        };
    }
    class
}

impl Features {
    /// A long sentence, not a date line.
    fn ends_sentence_long(&self) -> bool {
        self.ends_sentence && self.words > 8
    }

    /// A full sentence of prose: long enough to hold a verb, ending with sentence
    /// punctuation, and not a credit, a list item or a line introducing a list.
    fn full_sentence(&self) -> bool {
        self.ends_sentence
            && self.words >= 6
            && !self.credit
            && !self.copyright
            && !self.list_item
            && !self.ends_colon
            && self.phrases == 0
    }
}

/// jusText's context step: near-good blocks join a good neighbour (through runs of
/// near-good blocks, as in a list); short ones take the class of their
/// neighbours when both agree, else stay body if they read as a sentence.
/// Neighbours are the nearest blocks that are neither short nor captions,
/// headings or metadata; the page's edges count as furniture. Linear: each step is
/// one pass forward and one back.
fn resolve_by_context(classes: &mut [Class], features: &[Features]) {
    let strong = |c: Class| matches!(c, Class::Good | Class::Fixed(BlockKind::Body));
    // Near-good: forward, then back, each taking "good" from the nearest
    // non-short, undecided-or-body neighbour already good. A near-good sentence
    // is good whatever its neighbours (below), so it counts as good here too: a
    // story pasted a sentence a line keeps a last line that lost its full stop.
    let weak = |c: Class| matches!(c, Class::Good | Class::NearGood | Class::Bad) || strong(c);
    let sentence = |i: usize| features.get(i).is_some_and(|f| f.ends_sentence);
    let mut resolved: Vec<Option<bool>> = classes
        .iter()
        .map(|&c| (c == Class::NearGood).then_some(false))
        .collect();
    for forward in [true, false] {
        let mut last_good = false;
        let order: Vec<usize> = if forward {
            (0..classes.len()).collect()
        } else {
            (0..classes.len()).rev().collect()
        };
        for i in order {
            let Some(&c) = classes.get(i) else { continue };
            if c == Class::NearGood {
                if last_good {
                    if let Some(r) = resolved.get_mut(i) {
                        *r = Some(true);
                    }
                }
                last_good = resolved.get(i).copied().flatten().unwrap_or(false) || sentence(i);
            } else if weak(c) {
                last_good = strong(c);
            }
        }
    }
    for (i, class) in classes.iter_mut().enumerate() {
        if let Some(Some(good)) = resolved.get(i) {
            *class = if *good || sentence(i) {
                Class::Good
            } else {
                Class::Bad
            };
        }
    }
    // Short blocks: the nearest sided neighbour before and after each.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Side {
        Good,
        Bad,
    }
    let side_of = |c: Class| match c {
        Class::Good | Class::NearGood | Class::Fixed(BlockKind::Body) => Some(Side::Good),
        Class::Bad | Class::Fixed(BlockKind::Boilerplate | BlockKind::Comment) => Some(Side::Bad),
        _ => None,
    };
    let n = classes.len();
    let mut before = vec![Side::Bad; n];
    let mut side = Side::Bad;
    for (i, &c) in classes.iter().enumerate() {
        if let Some(b) = before.get_mut(i) {
            *b = side;
        }
        if let Some(s) = side_of(c) {
            side = s;
        }
    }
    let mut after = vec![Side::Bad; n];
    side = Side::Bad;
    for (i, &c) in classes.iter().enumerate().rev() {
        if let Some(a) = after.get_mut(i) {
            *a = side;
        }
        if let Some(s) = side_of(c) {
            side = s;
        }
    }
    for (i, class) in classes.iter_mut().enumerate() {
        if *class != Class::Short {
            continue;
        }
        let f = features.get(i);
        let sides = (before.get(i).copied(), after.get(i).copied());
        *class = match sides {
            (Some(Side::Good), Some(Side::Good)) => Class::Good,
            (Some(Side::Bad), Some(Side::Bad)) => Class::Bad,
            _ if f.is_some_and(|f| f.ends_sentence && f.words >= 2 && f.phrases == 0) => {
                Class::Good
            }
            _ => Class::Bad,
        };
    }
}

/// Short lines without final punctuation that lead into body text are headings.
/// They are found from the end, so that of a menu line and the headline under it
/// only the headline leads into the body.
fn find_headings(kinds: &mut [BlockKind], features: &[Features], classes: &[Class]) {
    for i in (0..kinds.len()).rev() {
        let (Some(f), Some(&kind), Some(&class)) = (features.get(i), kinds.get(i), classes.get(i))
        else {
            continue;
        };
        let decided = matches!(class, Class::Fixed(_));
        let candidate = !decided
            && matches!(kind, BlockKind::Body | BlockKind::Boilerplate)
            && f.words >= 1
            && (f.words <= 20 || (f.cjk && f.chars <= 40))
            && !f.ends_sentence
            && !f.ends_colon
            && !f.list_item
            && (f.sentence_marks == 0 || f.title_case)
            && f.phrases == 0
            && !f.menu
            && f.link < 0.5
            && (f.starts_upper || f.cjk);
        if !candidate {
            continue;
        }
        // The next block that is not metadata, a caption or a short line of
        // furniture must be body.
        let next = (i + 1..kinds.len().min(i + 7)).find(|&j| {
            let skip = match kinds.get(j) {
                Some(BlockKind::Metadata | BlockKind::Caption) => true,
                // A headline may sit above a dateline that reads like a heading.
                Some(BlockKind::Heading) => f.words >= 4,
                Some(BlockKind::Boilerplate) => features.get(j).is_some_and(|g| {
                    g.words <= 30 && g.phrases == 0 && !g.menu && !g.ends_sentence
                }),
                _ => false,
            };
            !skip
        });
        if next.and_then(|j| kinds.get(j)) == Some(&BlockKind::Body) {
            if let Some(k) = kinds.get_mut(i) {
                *k = BlockKind::Heading;
            }
        }
    }
}

/// Captions that stand apart from their credit line: the short text just before
/// or after a credit alone ("Photo: …") is the caption it credits.
///
/// Except for the article's lead: above the first body paragraph, a lead photo's
/// caption comes before its credit (as pasted pages have it), so a full sentence
/// after such a credit that runs on into body text is where the article starts.
fn join_captions(kinds: &mut [BlockKind], features: &[Features]) {
    for i in 0..kinds.len() {
        let Some(f) = features.get(i) else { continue };
        if !(f.credit_only || f.markdown_image) || kinds.get(i) != Some(&BlockKind::Caption) {
            continue;
        }
        let sides = if f.markdown_image {
            [i + 1, i + 1]
        } else {
            [i.wrapping_sub(1), i + 1]
        };
        let above_body = !kinds
            .get(..i)
            .is_some_and(|before| before.contains(&BlockKind::Body));
        for j in sides {
            let Some(g) = features.get(j) else { continue };
            let body = kinds.get(j) == Some(&BlockKind::Body);
            // A reporter's sentence beside the credit is body, and the photo then
            // has no caption here: the sentence on its other side is body too.
            if body && g.reporting && g.full_sentence() {
                break;
            }
            let italic = g.italic && g.words <= 80;
            let fits = (italic || (!f.markdown_image && g.words <= 45 && !g.ends_colon))
                && g.phrases == 0
                && !g.credit;
            let lead = j == i + 1
                && above_body
                && !f.markdown_image
                && g.full_sentence()
                && kinds.get(j + 1) == Some(&BlockKind::Body);
            if fits && !lead && body {
                if let Some(k) = kinds.get_mut(j) {
                    *k = BlockKind::Caption;
                }
                break;
            }
        }
    }
}

/// Short lines under a bare "Topics" or "Tags" label are its tags.
fn tag_lists(kinds: &mut [BlockKind], features: &[Features]) {
    for i in 0..kinds.len() {
        let label = features.get(i).is_some_and(|f| f.taxonomy && f.words <= 2);
        if !label || kinds.get(i) != Some(&BlockKind::Metadata) {
            continue;
        }
        for j in i + 1..kinds.len() {
            let tag = features
                .get(j)
                .is_some_and(|f| f.words <= 4 && !f.ends_sentence && f.phrases == 0 && !f.menu);
            if !tag {
                break;
            }
            if let Some(k) = kinds.get_mut(j) {
                *k = BlockKind::Metadata;
            }
        }
    }
}

/// Body text far from the article: after the article's main run of body blocks,
/// a few body-like blocks set apart from it by three or more blocks of furniture
/// (a donation appeal, teasers for other stories) are furniture too, when they
/// hold less than a quarter of the main run's text.
fn drop_islands(kinds: &mut [BlockKind], features: &[Features]) {
    // Runs of body, split wherever three furniture blocks in a row stand between.
    let mut islands: Vec<(usize, usize, usize)> = Vec::new(); // (first, last, chars)
    let mut gap = 0;
    for (i, k) in kinds.iter().enumerate() {
        match k {
            BlockKind::Body => {
                let chars = features.get(i).map_or(0, |f| f.chars);
                match islands.last_mut() {
                    Some(last) if gap < 3 => {
                        last.1 = i;
                        last.2 += chars;
                    }
                    _ => islands.push((i, i, chars)),
                }
                gap = 0;
            }
            BlockKind::Boilerplate | BlockKind::Comment => gap += 1,
            _ => {}
        }
    }
    let Some((main_at, main)) = islands
        .iter()
        .enumerate()
        .map(|(i, x)| (i, x.2))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
    else {
        return;
    };
    for &(first, last, chars) in islands.iter().skip(main_at + 1) {
        let body_blocks = (first..=last)
            .filter(|&i| kinds.get(i) == Some(&BlockKind::Body))
            .count();
        if chars * 4 < main && body_blocks <= 3 {
            for i in first..=last {
                if let Some(k) = kinds.get_mut(i) {
                    if matches!(k, BlockKind::Body | BlockKind::Heading) {
                        *k = BlockKind::Boilerplate;
                    }
                }
            }
        }
    }
}

/// Between the headline and the first body paragraph, short lines that are not
/// furniture are the date line, place and the like.
fn mark_dateline(kinds: &mut [BlockKind], features: &[Features]) {
    let Some(head) = kinds.iter().position(|&k| k == BlockKind::Heading) else {
        return;
    };
    // A kicker ("Commentary", "BALTIC SECURITY") just above the headline.
    if let Some(i) = head.checked_sub(1) {
        let kicker = features.get(i).is_some_and(|f| {
            f.words <= 3 && f.phrases == 0 && !f.menu && !f.ends_sentence && f.link < 0.5
        });
        if kicker && kinds.get(i) == Some(&BlockKind::Boilerplate) {
            if let Some(k) = kinds.get_mut(i) {
                *k = BlockKind::Metadata;
            }
        }
    }
    for i in head + 1..kinds.len().min(head + 8) {
        match (kinds.get(i), features.get(i)) {
            (Some(BlockKind::Body), _) => {
                let next_body = kinds.get(i + 1) == Some(&BlockKind::Body);
                let f = features.get(i);
                let short_line = f.is_some_and(|f| f.words <= 6 && !f.ends_sentence);
                if short_line && next_body {
                    if let Some(k) = kinds.get_mut(i) {
                        *k = BlockKind::Metadata;
                    }
                    continue;
                }
                return;
            }
            (Some(BlockKind::Heading), Some(f)) if f.words <= 4 => {
                if let Some(k) = kinds.get_mut(i) {
                    *k = BlockKind::Metadata;
                }
            }
            (Some(BlockKind::Boilerplate), Some(f))
                if f.words <= 6
                    && f.phrases == 0
                    && !f.menu
                    && !f.furniture_line
                    && f.link < 0.5
                    && f.has_alnum =>
            {
                if let Some(k) = kinds.get_mut(i) {
                    *k = BlockKind::Metadata;
                }
            }
            _ => {}
        }
    }
}

/// A date between two blocks of furniture (a list of teasers with their dates) is
/// furniture, once the article has begun.
fn dates_in_furniture(kinds: &mut [BlockKind]) {
    let Some(first_body) = kinds.iter().position(|&k| k == BlockKind::Body) else {
        return;
    };
    for i in first_body + 1..kinds.len() {
        if kinds.get(i) != Some(&BlockKind::Metadata) {
            continue;
        }
        let before = kinds
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|&&k| k != BlockKind::Metadata);
        let after = kinds
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|&&k| k != BlockKind::Metadata);
        if before == Some(&BlockKind::Boilerplate)
            && after.is_none_or(|&k| k == BlockKind::Boilerplate)
        {
            if let Some(k) = kinds.get_mut(i) {
                *k = BlockKind::Boilerplate;
            }
        }
    }
}

/// Finds the reader-comment thread, marks its blocks and cuts it into comments.
fn comment_thread(
    kinds: &mut [BlockKind],
    features: &[Features],
    blocks: &[RawBlock],
    text: &str,
) -> Vec<FoundComment> {
    let first_body = kinds
        .iter()
        .position(|&k| k == BlockKind::Body)
        .unwrap_or(0);
    // "Name" then a time stamp: where a comment starts.
    let is_author_line = |i: usize| {
        features.get(i).is_some_and(|f| {
            f.words <= 6 && (f.words <= 3 || !f.ends_sentence) && f.phrases == 0 && !f.stamp
        }) && features
            .get(i + 1)
            .is_some_and(|f| f.stamp && f.words <= 12)
    };
    // A header counts when it gives a count ("21 comments") or comment evidence
    // follows within a few blocks: a bare "Comments" button in a share bar does not
    // start a thread.
    let evidence = |i: usize| {
        (i + 1..kinds.len().min(i + 7)).any(|j| {
            is_author_line(j)
                || features
                    .get(j)
                    .is_some_and(|f| f.stamp || f.comment_form || f.comment_furniture)
        })
    };
    let header = (first_body..kinds.len()).find(|&i| {
        blocks.get(i).is_some_and(|b| b.hints.comment)
            || features
                .get(i)
                .is_some_and(|f| f.comment_header && (f.counted_header || evidence(i)))
    });
    let pairs: Vec<usize> = (first_body + 1..kinds.len())
        .filter(|&i| is_author_line(i))
        .collect();
    let start = match (header, pairs.first()) {
        (Some(h), _) => h,
        (None, Some(&p)) if pairs.len() >= 2 => p,
        _ => return Vec::new(),
    };
    // The thread ends at the page footer: furniture after at least one comment.
    let mut end = kinds.len();
    let mut seen_text = false;
    for i in start..kinds.len() {
        let f = features.get(i);
        let html_comment = blocks.get(i).is_some_and(|b| b.hints.comment);
        if f.is_some_and(|f| f.comment_form) && !html_comment {
            if let Some(k) = kinds.get_mut(i) {
                *k = BlockKind::Boilerplate;
            }
            continue;
        }
        let footer = f.is_some_and(|f| {
            f.copyright
                || f.menu
                || f.furniture_line
                || (f.link > 0.5 && f.words >= 3 && !f.dated)
                || (f.phrases >= 1 && f.words <= 25)
        }) || kinds.get(i) == Some(&BlockKind::Boilerplate)
            && blocks.get(i).is_some_and(|b| b.hints.furniture);
        if footer && !html_comment && !f.is_some_and(|f| f.comment_furniture || f.comment_header) {
            if seen_text {
                end = i;
                break;
            }
            continue;
        }
        if f.is_some_and(|f| f.words > 3) && i > start {
            seen_text = true;
        }
        if let Some(k) = kinds.get_mut(i) {
            *k = if f.is_some_and(|f| f.comment_form) {
                BlockKind::Boilerplate
            } else {
                BlockKind::Comment
            };
        }
    }
    // Cut at each author line (or a lone time stamp), reading the name and time.
    let mut comments: Vec<FoundComment> = Vec::new();
    let line = |i: usize| {
        blocks
            .get(i)
            .and_then(|b| text.get(b.range.clone()))
            .map(clean_line)
            .unwrap_or_default()
    };
    let mut i = start;
    while i < end {
        let stamp_here = features.get(i).is_some_and(|f| f.stamp && f.words <= 14);
        let starts = is_author_line(i) || stamp_here;
        if !starts || kinds.get(i) != Some(&BlockKind::Comment) {
            if let Some(c) = comments.last_mut() {
                c.blocks.end = i + 1;
            }
            i += 1;
            continue;
        }
        let (author, time, next) = if is_author_line(i) {
            (Some(line(i)), Some(line(i + 1)), i + 2)
        } else {
            let (a, t) = split_author_and_time(&line(i));
            (a, Some(t), i + 1)
        };
        let author = author.map(|a| {
            a.trim_end_matches(':')
                .trim_end_matches(" says")
                .trim_end_matches(" said")
                .trim()
                .to_string()
        });
        comments.push(FoundComment {
            blocks: i..next.min(end),
            author: author.filter(|a| !a.is_empty()),
            time,
        });
        i = next;
    }
    comments.retain(|c| c.blocks.end > c.blocks.start);
    if comments.is_empty() {
        // No "name, then time" pairs: the time comes last ("Like · Reply · 2h"), so
        // each comment ends at its thread controls; its first short line is the name.
        let mut begin = None;
        for i in start..end {
            if kinds.get(i) != Some(&BlockKind::Comment) {
                continue;
            }
            let f = features.get(i);
            if f.is_some_and(|f| f.comment_header && i == start) {
                continue;
            }
            let first = *begin.get_or_insert(i);
            if f.is_some_and(|f| f.comment_furniture || (f.stamp && f.words <= 8)) {
                let author = (first..i)
                    .find(|&j| {
                        features
                            .get(j)
                            .is_some_and(|g| g.words <= 4 && !g.ends_sentence)
                    })
                    .map(line);
                let time = f.filter(|f| f.stamp).map(|_| line(i));
                if i > first {
                    comments.push(FoundComment {
                        blocks: first..i + 1,
                        author,
                        time,
                    });
                }
                begin = None;
            }
        }
    }
    comments
}

/// "Jane Doe says: January 10, 2022 at 15:55" into the name and the time.
fn split_author_and_time(line: &str) -> (Option<String>, String) {
    let cut = line
        .char_indices()
        .find(|&(i, c)| c.is_ascii_digit() || starts_month(line.get(i..).unwrap_or("")))
        .map(|(i, _)| i);
    match cut {
        Some(i) if i > 0 => {
            let (a, t) = line.split_at(i);
            let a = a
                .trim()
                .trim_end_matches(" on")
                .trim_end_matches(',')
                .trim();
            (
                (!a.is_empty() && a.split_whitespace().count() <= 5).then(|| a.to_string()),
                t.trim().to_string(),
            )
        }
        _ => (None, line.to_string()),
    }
}

fn starts_month(s: &str) -> bool {
    let word: String = s
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    !word.is_empty()
        && MONTHS
            .iter()
            .any(|m| word == *m || (word.len() >= 3 && m.starts_with(&word) && word.len() == 3))
}

/// A block's text as one trimmed line (at most 200 characters).
fn clean_line(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 200 {
        let cut: String = flat.chars().take(199).collect();
        format!("{}…", cut.trim_end())
    } else {
        flat
    }
}

/// The text's most frequent short words: its function words, whatever the
/// language, standing in where no list is known.
fn frequent_short_words(text: &str) -> Vec<String> {
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for w in text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && w.chars().take(4).count() <= 3)
    {
        // Most words fold to themselves: looked up as they are, without a copy.
        let folded = folded(w);
        match counts.get_mut(folded.as_ref()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(folded.into_owned(), 1);
            }
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n >= 3).collect();
    crate::sort::sort_by(&mut list, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut words: Vec<String> = list.into_iter().take(30).map(|(w, _)| w).collect();
    crate::sort::sort_by(&mut words, Ord::cmp);
    words
}

fn features(
    s: &str,
    hints: &Hints,
    markdown: bool,
    normalizer: &Normalizer,
    frequent: &[String],
) -> Features {
    let raw = s;
    let plain = plain_text(raw);
    let s = plain.as_str();
    // Characters, letters or digits, and CJK characters, in one pass.
    let (mut chars, mut has_alnum, mut cjk_chars) = (0, false, 0);
    for c in s.chars() {
        chars += 1;
        has_alnum = has_alnum || c.is_alphanumeric();
        cjk_chars += usize::from(is_cjk(c));
    }
    let mut f = Features {
        chars,
        has_alnum,
        ..Features::default()
    };
    let words: Vec<&str> = quick_words(&plain).collect();
    f.words = words.len();
    f.cjk = cjk_chars * 2 > f.chars.max(1);
    let mut folded = String::new();
    let frequent_len = frequent.iter().map(String::len).max().unwrap_or(0);
    // An ASCII word folds to as many bytes, so one longer than every listed word
    // is none of them.
    let longest = frequent_len.max(normalizer.stopword_len());
    let stop = words
        .iter()
        .filter(|w| {
            let ascii = w.is_ascii();
            if ascii && w.len() > longest {
                return false;
            }
            folded.clear();
            if ascii {
                folded.push_str(w);
                folded.make_ascii_lowercase();
            } else {
                folded.extend(w.chars().flat_map(char::to_lowercase));
            }
            normalizer.is_stopword(&folded)
                || (folded.len() <= frequent_len && frequent.binary_search(&folded).is_ok())
        })
        .count();
    f.stop = stop as f32 / f.words.max(1) as f32;
    let trimmed = s.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_') || c.is_whitespace()
    });
    f.ends_sentence = trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ';', '؟', '।']);
    f.sentence_marks = s
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
                && s.get(i + c.len_utf8()..).is_none_or(|rest| {
                    rest.is_empty() || rest.starts_with(char::is_whitespace) || is_cjk_start(rest)
                })
        })
        .count();
    f.starts_upper = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_lowercase());
    // Lower-cased, spaces folded, glued words ("readingShow") apart.
    let lower = unglue(&plain);
    let line = lower
        .trim()
        .trim_start_matches(['#', '*', '_', ' ', '(', '['])
        .trim_end_matches(['*', '_', ' ', ':', '：', '…', '>', '›'])
        .trim();
    f.numeric_only = s.trim().chars().all(|c| c.is_ascii_digit() || c == '.');
    f.short_line = if f.cjk { f.chars <= 40 } else { f.words <= 12 };
    f.ends_colon = s
        .trim_end_matches(['*', '_', ' ', '\u{a0}'])
        .ends_with([':', '：']);
    f.taxonomy = f.words <= 25
        && f.short_line
        && (TAXONOMY_LABELS.iter().any(|l| line.starts_with(l))
            || READING_TIME.iter().any(|l| line.contains(l)))
        || (f.words <= 25
            && TAXONOMY_LABELS.iter().any(|l| {
                line.starts_with(l)
                    && line
                        .get(l.len()..)
                        .is_some_and(|r| r.trim_start().starts_with([':', '：']))
            }));
    let lexicon = Lexicon::get();
    let unglued = &lower;
    f.note = f.words <= 80 && lexicon.notes.any(unglued);
    f.comment_form = (f.words <= 40 && lexicon.comment_forms.any(unglued))
        || (f.words <= 3 && s.trim_end().ends_with('*') && !s.trim_start().starts_with('*'));
    f.furniture_line = f.words <= 6 && FURNITURE_LINES.contains(&line);
    f.link = if hints.link_per_mille > 0 {
        f32::from(hints.link_per_mille) / 1000.0
    } else if markdown {
        markdown_link_share(raw)
    } else {
        0.0
    };
    f.markdown_heading =
        markdown && raw.starts_with('#') && raw.trim_start_matches('#').starts_with(' ');
    f.markdown_image = markdown && raw.starts_with("![");
    f.phrases = lexicon.furniture.count(unglued);
    f.copyright = lower.contains('©') || lower.contains("copyright") || lower.contains("(c) 20");
    let short = f.words <= 40;
    f.credit = short && (lexicon.credits.any(unglued) || ends_with_parenthesised_credit(s));
    f.reporting =
        f.words <= 45 && f.ends_sentence && (lexicon.reporting.any(unglued) || quotes_words(s));
    f.credit_only = f.credit
        && (f.words <= 10 || (f.cjk && f.chars <= 40))
        && CREDIT_MARKERS
            .iter()
            .any(|m| line.starts_with(m.trim_start_matches(['/', ' '])));
    // Signals of short lines are read on short lines only: long prose is never a
    // date line, a file name or a tag list, and reading it for them is what costs.
    if f.words <= 40 {
        let filenames = words_ws(s).filter(|w| is_image_file_name(w)).count();
        f.filename_only = filenames > 0 && f.words <= filenames * 3 + 1;
    }
    if f.words <= 12 || f.short_line {
        f.byline = byline(&s.replace(['*', '_'], ""));
    }
    if f.words <= 30 || (f.cjk && f.chars <= 60) {
        (f.dated, f.stamp) = date_signals(&lower);
    }
    f.counted_header =
        f.words <= 30 && line.starts_with(|c: char| c.is_ascii_digit()) && is_comment_header(line);
    f.comment_header =
        f.counted_header || ((f.words <= 14 || f.short_line) && is_comment_header(line));
    f.list_item = {
        let t = s.trim_start();
        t.starts_with(['-', '•', '*', '–', '·', '▪'])
            && t.chars().nth(1).is_some_and(char::is_whitespace)
            || t.split_once(['.', ')']).is_some_and(|(n, rest)| {
                !n.is_empty()
                    && n.len() <= 3
                    && n.chars().all(|c| c.is_ascii_digit())
                    && rest.starts_with(' ')
            })
    };
    f.comment_furniture = f.words <= 4
        && COMMENT_FURNITURE
            .iter()
            .any(|p| line == *p || line.starts_with(p));
    let long_words: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    f.title_case = long_words.len() >= 3
        && long_words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 10
            >= long_words.len() * 7;
    let t = s.trim();
    f.italic = (t.starts_with('*') && !t.starts_with("**") && t.ends_with('*'))
        || (t.starts_with('_') && t.ends_with('_'));
    f.menu = is_menu(s);
    f
}

/// The text as a reader sees it: without web addresses and Markdown link
/// targets, so the words, phrases and dates of a link's address do not count.
fn plain_text(s: &str) -> String {
    if !s.contains("](") && !s.contains("://") && !s.contains("www.") && !s.contains('[') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Drop the `(target)` of `[label](target)`.
    while let Some(at) = rest.find("](") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 2..).unwrap_or("");
        match after.find(')') {
            Some(close) => rest = after.get(close + 1..).unwrap_or(""),
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out.split(' ')
        .filter(|w| !(w.contains("://") || w.starts_with("www.")))
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['[', ']'], "")
}

/// Words for counting and for the function-word share: runs of letters and digits
/// (an apostrophe inside a word keeps it whole), and each CJK character on its own,
/// as Unicode word segmentation would give them. Much cheaper than segmentation,
/// and counts are all the classifier needs.
fn quick_words(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || loop {
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        let tail = rest.get(start..)?;
        let first = tail.chars().next()?;
        let len = if is_cjk(first) {
            first.len_utf8()
        } else {
            let mut end = tail.len();
            let mut chars = tail.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let inner_apostrophe = matches!(c, '\'' | '’')
                    && chars
                        .peek()
                        .is_some_and(|&(_, n)| n.is_alphanumeric() && !is_cjk(n));
                if (!c.is_alphanumeric() || is_cjk(c)) && !inner_apostrophe {
                    end = i;
                    break;
                }
            }
            end
        };
        let word = tail.get(..len)?;
        rest = tail.get(len..)?;
        if !word.is_empty() {
            return Some(word);
        }
    })
}

fn words_ws(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

fn is_cjk(c: char) -> bool {
    (c as u32) >= 0x3040
        && matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn is_cjk_start(s: &str) -> bool {
    s.chars().next().is_some_and(is_cjk)
}

/// Share of a Markdown line's characters inside `[…](…)` links.
fn markdown_link_share(s: &str) -> f32 {
    let total = s.chars().count().max(1);
    let mut in_links = 0;
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find("](") else { break };
        let label = after.get(..close).unwrap_or("");
        let tail = after.get(close + 2..).unwrap_or("");
        let Some(end) = tail.find(')') else { break };
        in_links += label.chars().count() + 4 + tail.get(..end).map_or(0, |u| u.chars().count());
        rest = tail.get(end + 1..).unwrap_or("");
    }
    (in_links as f32 / total as f32).min(1.0)
}

fn is_image_file_name(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    [
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".tif", ".tiff", ".heic", ".bmp",
    ]
    .iter()
    .any(|ext| w.ends_with(ext) && w.len() > ext.len())
}

/// "… in Moscow. (Kremlin)": a short parenthesised name after the last sentence.
fn ends_with_parenthesised_credit(s: &str) -> bool {
    let t = s.trim_end();
    let Some(body) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = body.rfind('(') else {
        return false;
    };
    let inner = body.get(open + 1..).unwrap_or("");
    let before = body.get(..open).unwrap_or("").trim_end();
    let words = inner.split_whitespace().count();
    let lower = inner.to_lowercase();
    let direction = [
        "laughter",
        "applause",
        "inaudible",
        "crosstalk",
        "cross talk",
        "pause",
        "sic",
        "audio",
    ]
    .iter()
    .any(|d| lower.starts_with(d));
    (1..=4).contains(&words)
        && !direction
        && !inner.ends_with('.')
        && inner.chars().next().is_some_and(char::is_uppercase)
        && !inner.chars().any(|c| c.is_ascii_digit())
        && (before.is_empty() || before.ends_with(['.', '!', '?', '”', '"']))
}

/// The author in "By Anna Petrova, Reuters" or "Автор: Анна Петрова".
fn byline(s: &str) -> Option<String> {
    let line = s.lines().next().unwrap_or("").trim();
    let lower = line.to_lowercase();
    let prefix = BYLINE_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p) && line.len() > p.len())?;
    let rest = line
        .get(prefix.len()..)?
        .trim_start_matches([':', ' ', '\u{a0}']);
    let first = rest.chars().next()?;
    if !(first.is_uppercase() || is_cjk(first)) {
        return None;
    }
    let name: String = rest
        .split(['|', ',', '•', '·', '—', '–', '\n', '('])
        .next()
        .unwrap_or(rest)
        .split(" - ")
        .next()
        .unwrap_or(rest)
        .trim()
        .to_string();
    let words = name.split_whitespace().count();
    (1..=6).contains(&words).then_some(name)
}

/// (mentions a date or time of day, reads like a comment's time stamp).
fn date_signals(lower: &str) -> (bool, bool) {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != ':')
        .filter(|w| !w.is_empty())
        .collect();
    let has_number = |w: &str| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty();
    let month = words.iter().enumerate().any(|(i, w)| {
        is_month(w)
            && (words.get(i + 1).is_some_and(|n| has_number(n))
                || i.checked_sub(1)
                    .and_then(|j| words.get(j))
                    .is_some_and(|n| has_number(n)))
    });
    let numeric = lower.split_whitespace().any(|w| {
        let parts: Vec<&str> = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['.', '/', '-'])
            .collect();
        parts.len() == 3 && parts.iter().all(|p| has_number(p) && p.len() <= 4)
    });
    let clock = words.iter().any(|w| {
        let mut it = w.split(':');
        matches!((it.next(), it.next(), it.next()),
            (Some(h), Some(m), None) if has_number(h) && h.len() <= 2 && m.len() == 2 && has_number(m))
    });
    let short_ago = words.iter().any(|w| {
        ["h", "m", "d", "w"].iter().any(|unit| {
            w.strip_suffix(unit).is_some_and(|n| {
                (1..=2).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit())
            })
        })
    }) && words.len() <= 8;
    let ago = RELATIVE_TIMES.iter().any(|p| lower.contains(p)) || short_ago;
    let cjk_date =
        lower.contains('年') && lower.contains('月') && lower.chars().any(|c| c.is_ascii_digit());
    let clock = clock
        || lower.split(|c: char| !c.is_alphanumeric() && c != ':').any(|w| {
            // "15:55" stuck to CJK text, and "07h30".
            let digits: String = w.chars().skip_while(|c| !c.is_ascii_digit()).collect();
            let mut it = digits.split([':', 'h']);
            matches!((it.next(), it.next()), (Some(h), Some(m)) if (1..=2).contains(&h.len()) && h.chars().all(|c| c.is_ascii_digit()) && m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()))
        });
    let date = month || numeric || cjk_date;
    (date || clock || ago, (date && clock) || ago)
}

fn is_month(w: &str) -> bool {
    MONTHS.contains(&w) || MONTHS_SHORT.contains(&w)
}

fn is_comment_header(lower: &str) -> bool {
    let t = lower.trim();
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let counted = rest.len() < t.len();
    let rest = rest.trim_start();
    (counted && COUNTED_COMMENT_WORDS.iter().any(|w| rest.starts_with(w)))
        || COMMENT_HEADERS.iter().any(|h| {
            t == *h
                || t.strip_prefix(h).is_some_and(|r| {
                    r.trim_start().starts_with(|c: char| {
                        matches!(c, '(' | ':' | '[' | '（' | '：') || c.is_ascii_digit()
                    })
                })
        })
        || t.contains(" thoughts on ")
        || t.contains(" responses to ")
}

/// "Home | World | Politics": several short items between separators.
fn is_menu(s: &str) -> bool {
    let separators = ['|', '•', '·', '»', '›', '/', '>', '＞', '｜'];
    let seps = s.chars().filter(|c| separators.contains(c)).count();
    if seps < 2 {
        return false;
    }
    let parts: Vec<&str> = s
        .split(|c| separators.contains(&c))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts.iter().all(|p| p.split_whitespace().count() <= 4)
        && !s.contains("://")
        // "P(A | B) = P(B | A) P(A) / P(B)" is a formula, not a menu.
        && !s.contains('=')
}

/// `text` lower-cased for pattern search: spaces of every width as plain spaces,
/// and a space where a lower-case letter runs into an upper-case one ("keep
/// readingShow less" is two phrases glued together, as pages copy).
fn unglue(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && previous_lower {
            out.push(' ');
        }
        previous_lower = c.is_lowercase();
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}') {
            out.push(' ');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Lists of phrases, each found in one pass over a text's word starts.
struct Lexicon {
    furniture: Phrases,
    comment_forms: Phrases,
    notes: Phrases,
    credits: Phrases,
    reporting: Phrases,
}

impl Lexicon {
    fn get() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| Lexicon {
            furniture: Phrases::new(FURNITURE_PHRASES),
            comment_forms: Phrases::new(COMMENT_FORMS),
            notes: Phrases::new(NOTES),
            credits: Phrases::new(CREDIT_MARKERS),
            reporting: Phrases::new(REPORTING),
        })
    }
}

/// Phrases looked up where a word starts, by the word's first character, so a
/// block is read once whatever the number of phrases. Phrases that start with a
/// CJK character or with punctuation (no word start to anchor them) are searched
/// for anywhere.
struct Phrases {
    len: usize,
    /// Phrases by first character, sorted by it.
    by_first: Vec<(char, Vec<(usize, &'static str)>)>,
    anywhere: Vec<(usize, &'static str)>,
}

impl Phrases {
    fn new(list: &'static [&'static str]) -> Phrases {
        let mut by_first: Vec<(char, Vec<(usize, &'static str)>)> = Vec::new();
        let mut anywhere = Vec::new();
        for (i, &p) in list.iter().enumerate() {
            match p.chars().next() {
                Some(c) if c.is_alphanumeric() && !is_cjk(c) => {
                    match by_first.iter_mut().find(|(k, _)| *k == c) {
                        Some((_, v)) => v.push((i, p)),
                        None => by_first.push((c, vec![(i, p)])),
                    }
                }
                _ => anywhere.push((i, p)),
            }
        }
        crate::sort::sort_by_key(&mut by_first, |(c, _)| *c);
        Phrases {
            len: list.len(),
            by_first,
            anywhere,
        }
    }

    /// How many different phrases of the list occur in `lower`.
    fn count(&self, lower: &str) -> usize {
        let mut found = vec![false; self.len];
        self.scan(lower, |i| {
            if let Some(f) = found.get_mut(i) {
                *f = true;
            }
            false
        });
        found.iter().filter(|&&f| f).count()
    }

    /// Whether any phrase of the list occurs in `lower`.
    fn any(&self, lower: &str) -> bool {
        self.scan(lower, |_| true)
    }

    /// Calls `hit` with each phrase found (by index) until it returns true.
    fn scan(&self, lower: &str, mut hit: impl FnMut(usize) -> bool) -> bool {
        for &(i, p) in &self.anywhere {
            if lower.contains(p) && hit(i) {
                return true;
            }
        }
        let mut previous_alnum = false;
        for (at, c) in lower.char_indices() {
            let alnum = c.is_alphanumeric();
            if alnum && !previous_alnum {
                let candidates = self
                    .by_first
                    .binary_search_by_key(&c, |(k, _)| *k)
                    .ok()
                    .and_then(|i| self.by_first.get(i))
                    .map(|(_, v)| v);
                if let (Some(candidates), Some(rest)) = (candidates, lower.get(at..)) {
                    // The byte after the first character rules out most
                    // candidates before a whole comparison.
                    let second = c.len_utf8();
                    let next = rest.as_bytes().get(second);
                    for &(i, p) in candidates {
                        if (p.len() <= second || p.as_bytes().get(second) == next)
                            && rest.starts_with(p)
                            && hit(i)
                        {
                            return true;
                        }
                    }
                }
            }
            previous_alnum = alnum;
        }
        false
    }
}

/// Phrases of page furniture, lower-cased, in the languages we see most.
const FURNITURE_PHRASES: &[&str] = &[
    // English
    "share this",
    "share on ",
    "share via",
    "follow us",
    "subscribe",
    "sign up",
    "newsletter",
    "donate",
    "donation",
    "paypal",
    "support our",
    "support us",
    "become a member",
    "advertisement",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "skip to",
    "read more",
    "keep reading",
    "show less",
    "show more",
    "most read",
    "most popular",
    "log in",
    "sign in",
    "download pdf",
    "print this",
    "copy link",
    "click here",
    "loading…",
    "like this:",
    "back to top",
    "contact us",
    "related articles",
    "related stories",
    "you may also like",
    "recommended for you",
    "read next",
    "sponsored",
    "paywall",
    "readers like you",
    "support independent",
    "reader-funded",
    "make a contribution",
    "become a supporter",
    "before you go",
    // Russian and Ukrainian
    "подписывайтесь",
    "подписаться",
    "поделиться",
    "читайте также",
    "читать далее",
    "реклама",
    "все права защищены",
    "политика конфиденциальности",
    "войти",
    "новости партнеров",
    "читайте також",
    "поділитися",
    "підписуйтесь",
    "усі права захищені",
    "всі права захищені",
    "учредитель:",
    "главный редактор:",
    "при полном или частичном",
    "при использовании материалов",
    "свидетельство о регистрации",
    // German
    "abonnieren",
    "mehr zum thema",
    "impressum",
    "datenschutz",
    "jetzt teilen",
    "anzeige",
    "alle rechte vorbehalten",
    "weiterlesen",
    "lesen sie auch",
    // French, Spanish, Italian
    "partager",
    "lire aussi",
    "lire la suite",
    "abonnez",
    "tous droits réservés",
    "publicité",
    "mentions légales",
    "compartir",
    "suscríbete",
    "lee también",
    "todos los derechos reservados",
    "publicidad",
    "condividi",
    "leggi anche",
    "iscriviti",
    // Chinese
    "相关阅读",
    "分享到",
    "版权所有",
    "订阅",
    "广告",
    "关注我们",
    "当前位置",
];

/// Lines that are furniture when they stand alone (compared with the whole line,
/// lower-cased, without Markdown marks or a final colon).
const FURNITURE_LINES: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "post navigation",
    "more stories",
    "latest news",
    "share",
    "share this",
    "print",
    "email",
    "listen to this article",
    "advertisement",
    "menu",
    "search",
    "search for",
    "close",
    "next",
    "previous",
    "top stories",
    "лента новостей",
    "стрічка новин",
    "реклама",
    "поделиться",
    "поділитися",
    "teilen",
    "artikel anhören",
    "anzeige",
    "partager",
    "publicité",
    "à lire aussi",
    "lire aussi",
    "相关新闻",
    "相关阅读",
    "更多新闻",
    "登录 注册",
    "登录",
    "注册",
    // Social networks, as share and follow buttons list them.
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "instagram",
    "youtube",
    "vk",
    "вконтакте",
    "одноклассники",
    "微信",
    "微博",
];

/// Labels of topic and tag lines.
const TAXONOMY_LABELS: &[&str] = &[
    "topics",
    "tags",
    "categories",
    "category",
    "regions",
    "filed under",
    "теги",
    "темы",
    "тэги",
    "рубрика",
    "теґи",
    "themen",
    "schlagwörter",
    "thèmes",
    "mots-clés",
    "étiquettes",
    "temas",
    "etiquetas",
    "标签",
    "关键词",
    "分类",
];

/// Reading time and view counts.
const READING_TIME: &[&str] = &[
    "min read",
    "minute read",
    "minutes read",
    "reading time",
    "lesezeit",
    "temps de lecture",
    "время чтения",
    "просмотров",
    "переглядів",
    "views",
    "阅读量",
    "阅读时间",
];

/// Notes about the piece rather than its story.
const NOTES: &[&str] = &[
    "additional reporting",
    "contributed reporting",
    "contributed to this report",
    "editing by",
    "reported from",
    "views expressed",
    "do not necessarily reflect",
    "n'engagent que",
    "мнение редакции может не совпадать",
    "责任编辑",
];

/// Comment forms and thread controls.
const COMMENT_FORMS: &[&str] = &[
    "load more comments",
    "show more comments",
    "leave a comment",
    "leave a reply",
    "signed in to comment",
    "log in to comment",
    "sign in to comment",
    "will not be published",
    "required fields",
    "post comment",
    "enter your comment",
    "cancel reply",
    "community guidelines",
    "enregistrer mon nom",
    "publier le commentaire",
    "votre adresse e-mail",
    "laisser un commentaire",
    "чтобы оставить комментарий",
    "оставить комментарий",
    "завантажити ще",
    "правила коментування",
    "надіслати",
    "um kommentieren",
    "kommentar schreiben",
    "查看更多评论",
    "发表评论",
];

/// Markers of photo credits.
/// Whether `s` quotes three or more words between quotation marks.
fn quotes_words(s: &str) -> bool {
    let mut rest = s;
    while let Some((_, after)) = rest.split_once(['"', '“', '«', '„']) {
        let Some((quoted, next)) = after.split_once(['"', '”', '»', '“']) else {
            return false;
        };
        if quoted.split_whitespace().count() >= 3 {
            return true;
        }
        rest = next;
    }
    false
}

/// Words that attribute a statement to a source, in the languages the fixtures
/// cover: a sentence holding one reports rather than describes a photo.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told ",
    "according to",
    "сообщил",
    "заявил",
    "сказал",
    "рассказал",
    "по словам",
    "повідомив",
    "заявив",
    "сказав",
    "розповів",
    "за словами",
    "sagte",
    "erklärte",
    "teilte mit",
    "a déclaré",
    "a indiqué",
    "a affirmé",
    "selon ",
    "dijo",
    "según",
    "afirmó",
    "declaró",
    "表示",
];

const CREDIT_MARKERS: &[&str] = &[
    "reuters/",
    "ap photo",
    "afp/",
    "afp via",
    "getty images",
    "photo:",
    "photo by",
    "photos:",
    "photograph:",
    "image:",
    "credit:",
    "фото:",
    "фото ",
    "foto:",
    "bild:",
    "crédit photo",
    "photo :",
    "图片来源",
    "图/",
    "wikimedia commons",
    "shutterstock",
    "unsplash",
    "epa/",
    "epa-efe",
    "/ риа новости",
    "/ тасс",
    "ria novosti/",
    "tass/",
    "dpa/",
    "picture alliance",
    "imago/",
];

const BYLINE_PREFIXES: &[&str] = &[
    "责任编辑：",
    "责任编辑",
    "by ",
    "von ",
    "par ",
    "por ",
    "door ",
    "автор:",
    "автор ",
    "авторка:",
    "від ",
    "written by ",
    "reporting by ",
    "text:",
    "текст:",
    "记者",
    "作者",
    "author:",
    "text by ",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

const MONTHS_SHORT: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "янв",
    "фев", "мар", "апр", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

const RELATIVE_TIMES: &[&str] = &[
    " hours ago",
    " hour ago",
    " minutes ago",
    " days ago",
    " day ago",
    " weeks ago",
    "yesterday at",
    " часа назад",
    " часов назад",
    " минут назад",
    " дней назад",
    "вчера в",
    "сегодня в",
    " години тому",
    " годин тому",
    " хвилин тому",
    "вчора о",
    "vor ",
    "il y a ",
    "hace ",
    "小时前",
    "分钟前",
    "天前",
];

/// Headers of comment threads (compared with the whole line or its start).
const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "comment",
    "reader comments",
    "leave a comment",
    "leave a reply",
    "join the discussion",
    "join the conversation",
    "add a comment",
    "комментарии",
    "комментарии читателей",
    "коментарі",
    "kommentare",
    "leserkommentare",
    "commentaires",
    "laisser un commentaire",
    "comentarios",
    "commenti",
    "评论",
    "网友评论",
    "留言",
];

/// Words after a number that make a comment count ("21 comments for …").
const COUNTED_COMMENT_WORDS: &[&str] = &[
    "comment",
    "response",
    "repl",
    "thought",
    "комментар",
    "коментар",
    "kommentar",
    "commentaire",
    "comentario",
    "commenti",
    "条评论",
    "则评论",
];

/// Thread furniture inside a comment section.
const COMMENT_FURNITURE: &[&str] = &[
    "reply",
    "report",
    "like",
    "flag",
    "ответить",
    "пожаловаться",
    "відповісти",
    "antworten",
    "répondre",
    "responder",
    "rispondi",
    "回复",
    "log in to reply",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(text: &str) -> Vec<(BlockKind, String)> {
        let blocks: Vec<RawBlock> = crate::segment::paragraphs(text)
            .into_iter()
            .map(|range| RawBlock {
                range,
                hints: Hints::default(),
            })
            .collect();
        let c = classify(text, &blocks, false, &Normalizer::for_text(text));
        c.kinds
            .iter()
            .zip(&blocks)
            .map(|(k, b)| (*k, text.get(b.range.clone()).unwrap_or("").to_string()))
            .collect()
    }

    /// The kinds [`kinds_of`] gives, without the blocks' text.
    fn kinds(text: &str) -> Vec<BlockKind> {
        kinds_of(text).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn a_pasted_news_page_is_taken_apart() {
        use BlockKind::*;
        let text = "Home | World | Politics | Business | Opinion\n\
            Talks Open in Geneva as Allies Watch\n\
            By Anna Petrova, Staff Writer\n\
            January 10, 2022, 3:41 PM\n\
            Delegations from the two countries met in Geneva on Monday for talks that officials on both sides described as frank and businesslike, though neither expected a breakthrough.\n\
            The meeting lasted nearly eight hours. \"We were firm,\" the deputy secretary said after the session, adding that the next round would follow within weeks.\n\
            Officials arrive at the mission in Geneva. REUTERS/Denis Balibouse\n\
            Observers noted that the talks came after weeks of tension along the border, and that the outcome would shape the meetings that follow in Brussels and Vienna.\n\
            Sign up for our newsletter\n\
            We rely on readers like you. Donate securely with PayPal to keep our reporting free for everyone.\n\
            2 comments for “Talks Open in Geneva as Allies Watch”\n\
            Mark T.\n\
            January 10, 2022 at 15:55\n\
            I doubt anything will come of it, but talking beats the alternative.\n\
            Reply\n\
            Olga\n\
            January 11, 2022 at 08:02\n\
            \"We were firm,\" they say. We will see.\n\
            Reply\n\
            © 2022 The Daily Example. All rights reserved. Privacy Policy";
        let got = kinds(text);
        assert_eq!(
            got,
            [
                Boilerplate,
                Heading,
                Metadata,
                Metadata,
                Body,
                Body,
                Caption,
                Body,
                Boilerplate,
                Boilerplate,
                Comment,
                Comment,
                Comment,
                Comment,
                Comment,
                Comment,
                Comment,
                Comment,
                Comment,
                Boilerplate
            ]
        );
        let blocks: Vec<RawBlock> = crate::segment::paragraphs(text)
            .into_iter()
            .map(|range| RawBlock {
                range,
                hints: Hints::default(),
            })
            .collect();
        let c = classify(text, &blocks, false, &Normalizer::for_text(text));
        assert_eq!(
            c.title.as_deref(),
            Some("Talks Open in Geneva as Allies Watch")
        );
        assert_eq!(c.author.as_deref(), Some("Anna Petrova"));
        assert_eq!(c.date.as_deref(), Some("January 10, 2022, 3:41 PM"));
        let people: Vec<(Option<&str>, Option<&str>)> = c
            .comments
            .iter()
            .map(|x| (x.author.as_deref(), x.time.as_deref()))
            .collect();
        assert_eq!(
            people,
            [
                (Some("Mark T."), Some("January 10, 2022 at 15:55")),
                (Some("Olga"), Some("January 11, 2022 at 08:02"))
            ]
        );
    }

    #[test]
    fn a_snippet_without_page_furniture_is_body() {
        let cases: &[(&str, &[BlockKind])] = &[
            ("The talks begin Monday.", &[BlockKind::Body]),
            (
                "Talks open\nOfficials expect little",
                &[BlockKind::Body, BlockKind::Body],
            ),
            ("Subscribe to our newsletter", &[BlockKind::Boilerplate]),
        ];
        for (text, want) in cases {
            let got = kinds(text);
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn a_lead_under_a_photo_credit_stays_body_and_real_captions_do_not() {
        use BlockKind::*;
        let body = "The two governments have argued over the dam\u{2019}s water levels for a decade, and the last round of talks collapsed in March after a dispute over who would pay for repairs.\n\
            Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9}\u{a0}Central, and both sides hope to agree a timetable before the spring floods.";
        let cases: &[(&str, &str, &[BlockKind])] = &[
            (
                "a short lead after the credit under the headline is body",
                "Home | World | Politics | Sport\nDam talks to resume\nPhoto: Jane\u{a0}Roe/Reuters\n\
                 Talks on the Danube dam open in Vienna on Monday, officials said.\n",
                &[Boilerplate, Heading, Caption, Body, Body, Body],
            ),
            (
                "a caption before its credit under the headline is a caption",
                "Dam talks to resume\nThe dam on the Danube near Gab\u{10d}\u{ed}kovo was finished in 1992.\n\
                 Photo: Jane Roe/Reuters\nTalks on the Danube dam open in Vienna on Monday, officials said.\n",
                &[Heading, Caption, Caption, Body, Body, Body],
            ),
            (
                "a caption with its credit on one line is a caption",
                "Dam talks to resume\nThe dam on the Danube near Gab\u{10d}\u{ed}kovo. Photo: AP\n\
                 Talks on the Danube dam open in Vienna on Monday, officials said.\n",
                &[Heading, Caption, Body, Body, Body],
            ),
            (
                "a lead that attributes what it says, before a credit, is body",
                "Home | World | Politics | Sport\nTalks on the Danube dam open in Vienna on Monday, officials said.\n\
                 Photo: Jane Roe/Reuters\n",
                &[Boilerplate, Body, Caption, Body, Body],
            ),
            (
                "a sentence quoting someone, after a credit, is body",
                "Dam talks to resume\nTalks on the Danube dam open in Vienna on Monday, officials said, and are expected to last three days. The two delegations will meet at the Caf\u{e9} Central, where the last round was held in March before it collapsed over the bill for repairs to the locks and the spillway.\n\
                 Photo: Jane Roe/Reuters\nThe minister called it \u{201c}a fair price for clean water and calm borders\u{201d}.\n",
                &[Heading, Body, Caption, Body, Body, Body],
            ),
            (
                "in the article, the sentence after a credit is its caption",
                "Dam talks to resume\nTalks on the Danube dam open in Vienna on Monday, officials said, and are expected to last three days. The two delegations will meet at the Caf\u{e9} Central, where the last round was held in March before it collapsed over the bill for repairs to the locks and the spillway.\n\
                 Photo: Jane Roe/Reuters\nThe dam near Gab\u{10d}\u{ed}kovo, seen from the Slovak bank of the river in May.\n",
                &[Heading, Body, Caption, Caption, Body, Body],
            ),
        ];
        for (why, head, want) in cases {
            let text = format!("{head}{body}\n");
            let got = kinds(&text);
            assert_eq!(&got, want, "{why}");
        }
    }

    #[test]
    fn a_line_of_prose_without_its_full_stop_stays_body() {
        // A story pasted a sentence a line, whose next-to-last line is too
        // short to be good on its own length and whose last lost its full stop.
        let text = "SOME Dogs, famished with hunger, saw cowhides steeping in a river.\n\n\
            Not being able to reach them, they set to work first to drink up the river, but burst themselves with drinking long before they reached the hides\n";
        let got = kinds(text);
        assert_eq!(got, [BlockKind::Body; 2]);
    }

    #[test]
    fn a_clean_text_keeps_its_short_lines_and_a_page_does_not() {
        use BlockKind::*;
        let story = "The Dogs and the Hides\n\n\
            SOME Dogs, famished with hunger, saw cowhides steeping in a river, close by a tannery, and thought they might be eaten.\n\n\
            Not being able to reach them, they set to work first to drink up the river, but burst themselves with drinking long before they reached the hides.\n\n\
            Greed overreaches itself\n";
        assert_eq!(kinds(story), [Heading, Body, Body, Body]);
        // The same text under a menu is a page: its last short line is furniture.
        let page = format!("Home | Fables | Authors | About\n\n{story}");
        assert_eq!(
            kinds(&page),
            [Boilerplate, Heading, Body, Body, Boilerplate]
        );
    }

    #[test]
    fn menus_are_short_items_between_separators_and_formulas_are_not() {
        for (line, menu) in [
            ("Home | World | Politics | Sport", true),
            ("News › Europe › Geneva", true),
            ("Главная / Новости / Город", true),
            ("P(A | B) = P(B | A) P(A) / P(B)", false),
            ("cos(theta)=v1.v2/(||v1||||v2||)", false),
            ("Read more at https://example.org/a/b/c", false),
            (
                "He paused | then went on, slowly, to the harbour wall and back again",
                false,
            ),
        ] {
            assert_eq!(is_menu(line), menu, "{line}");
        }
    }

    #[test]
    fn a_clean_transcript_is_all_body() {
        let text = "MODERATOR:  Thank you.  Good afternoon, everyone, and thanks for joining us.\n\n\
            SENIOR OFFICIAL:  Thanks.  We have been clear with our allies and partners about the costs that further escalation would bring, and we will keep saying so.\n\n\
            Q  Thank you.\n\n\
            SENIOR OFFICIAL:  Sure.  We expect the talks to continue next week in Brussels, where the alliance will meet, and then in Vienna.";
        let got = kinds(text);
        assert_eq!(got, [BlockKind::Body; 4]);
    }
}
