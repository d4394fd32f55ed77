//! The invariants every result of the core keeps, as checks that say what broke.
//!
//! The property tests, the fuzz targets (`fuzz/`) and the wasm tests all check results
//! with these functions, so the three agree on what "valid" means. An embedder can use
//! them too, say on a report read back from a file. Each returns `Err` with a sentence
//! naming the first broken invariant.
//!
//! Offsets are UTF-16 code units, as everywhere in the report: a boundary is a place
//! not past the end and not between the two halves of a surrogate pair.

use crate::model::{Block, BlockKind, DiffKind, Document, Input, Report, WordDiff};

/// The outcome of a check: `Err` names the first broken invariant.
pub type Checked = std::result::Result<(), String>;

fn fail(message: String) -> Checked {
    Err(message)
}

/// The text as UTF-16 code units, the unit of every offset in a report.
fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// Whether `at` is a boundary of `units`: not past the end, not inside a surrogate pair.
fn is_boundary(units: &[u16], at: u32) -> bool {
    let at = at as usize;
    at == units.len() || units.get(at).is_some_and(|u| !(0xDC00..0xE000).contains(u))
}

/// Whether `start..end` is a non-empty range between boundaries of `units`.
fn is_span(units: &[u16], start: u32, end: u32) -> bool {
    start < end && is_boundary(units, start) && is_boundary(units, end)
}

/// Blocks tile `text`: the first starts at 0, each ends where the next starts, the
/// last ends at the text's end, all on boundaries; none is empty; a block is included
/// exactly when it is body or heading, unless the reader overrode it (`overridden`).
pub fn blocks(text: &str, blocks: &[Block], overridden: bool) -> Checked {
    let units = utf16(text);
    let mut at = 0u32;
    for (i, b) in blocks.iter().enumerate() {
        if b.start != at {
            return fail(format!("block {i} starts at {}, not at {at}", b.start));
        }
        if !is_span(&units, b.start, b.end) {
            return fail(format!(
                "block {i} ({}..{}) is empty or not on boundaries",
                b.start, b.end
            ));
        }
        let by_kind = matches!(b.kind, BlockKind::Body | BlockKind::Heading);
        if !overridden && b.included != by_kind {
            return fail(format!(
                "block {i} is {:?} but included is {}",
                b.kind, b.included
            ));
        }
        at = b.end;
    }
    if at as usize != units.len() {
        return fail(format!(
            "blocks end at {at}, the text at {} (UTF-16 units)",
            units.len()
        ));
    }
    Ok(())
}

/// A document read from `input`: its text is the input's text (for text and Markdown),
/// its blocks tile the text, and its comments are spans of it.
pub fn document(input: &Input, doc: &Document) -> Checked {
    if input.html.is_none() && doc.text != input.text {
        return fail("the document's text differs from the input's text".into());
    }
    blocks(&doc.text, &doc.blocks, !input.overrides.is_empty())?;
    let units = utf16(&doc.text);
    for (i, c) in doc.comments.iter().enumerate() {
        if !is_span(&units, c.start, c.end) {
            return fail(format!(
                "comment {i} ({}..{}) is not a span of the text",
                c.start, c.end
            ));
        }
    }
    Ok(())
}

/// A report made from `inputs`: every source, passage, group member, shared span and
/// coverage figure is consistent with the texts and with each other.
pub fn report(inputs: &[Input], report: &Report) -> Checked {
    if report.sources.len() < inputs.len() {
        return fail(format!(
            "{} sources for {} inputs",
            report.sources.len(),
            inputs.len()
        ));
    }
    let texts: Vec<Vec<u16>> = report.sources.iter().map(|s| utf16(&s.text)).collect();
    let text_of = |source: u32| texts.get(source as usize);
    for (s, source) in report.sources.iter().enumerate() {
        let units = texts.get(s).map_or(0, Vec::len);
        if source.text_len as usize != units {
            return fail(format!(
                "source {s} says text_len {} for a text of {units}",
                source.text_len
            ));
        }
        match (source.parent, inputs.get(s)) {
            (None, Some(input)) => {
                if input.html.is_none() && source.text != input.text {
                    return fail(format!("source {s}'s text differs from its input's"));
                }
                blocks(&source.text, &source.blocks, !input.overrides.is_empty())
                    .map_err(|e| format!("source {s}: {e}"))?;
            }
            (Some(parent), _) => {
                let parent_text = report.sources.get(parent as usize).map(|p| &p.text);
                if parent_text != Some(&source.text) {
                    return fail(format!("source {s}'s text is not its parent's"));
                }
            }
            (None, None) => return fail(format!("source {s} has neither input nor parent")),
        }
        for (i, c) in source.comments.iter().enumerate() {
            if !text_of(s as u32).is_some_and(|t| is_span(t, c.start, c.end)) {
                return fail(format!(
                    "source {s}'s comment {i} is not a span of its text"
                ));
            }
        }
    }
    let mut last = (0u32, 0u32);
    for (i, p) in report.passages.iter().enumerate() {
        if p.id as usize != i {
            return fail(format!("passage {i} has id {}", p.id));
        }
        if !text_of(p.source).is_some_and(|t| is_span(t, p.start, p.end)) {
            return fail(format!("passage {i} is not a span of its source: {p:?}"));
        }
        if (p.source, p.start) < last {
            return fail(format!("passage {i} is out of reading order"));
        }
        last = (p.source, p.end);
        let block = report
            .sources
            .get(p.source as usize)
            .and_then(|s| s.blocks.get(p.paragraph as usize));
        if !block.is_some_and(|b| b.included && b.start <= p.start && p.end <= b.end) {
            return fail(format!(
                "passage {i} does not lie in a compared block of its source"
            ));
        }
    }
    for g in &report.groups {
        if g.members.len() < 2 {
            return fail(format!("group {} has fewer than two members", g.id));
        }
        if !(0.0..=1.0).contains(&g.score) {
            return fail(format!("group {} scores {}", g.id, g.score));
        }
        if g.members.windows(2).any(|w| match w {
            [a, b] => a.source >= b.source,
            _ => false,
        }) {
            return fail(format!(
                "group {}'s members are not one per source in order",
                g.id
            ));
        }
        for m in &g.members {
            let p = report.passages.get(m.passage as usize);
            if p.map(|p| (p.source, p.start, p.end)) != Some((m.source, m.start, m.end)) {
                return fail(format!(
                    "group {}'s member {m:?} does not match its passage",
                    g.id
                ));
            }
        }
    }
    for s in &report.shared {
        if s.spans.len() < 2 {
            return fail(format!("shared text {} has fewer than two spans", s.id));
        }
        for sp in &s.spans {
            if !text_of(sp.source).is_some_and(|t| is_span(t, sp.start, sp.end)) {
                return fail(format!(
                    "shared text {}'s span {sp:?} is not a span of its source",
                    s.id
                ));
            }
        }
    }
    if report.coverage.len() != report.sources.len() {
        return fail("the coverage matrix is not one row per source".into());
    }
    for (a, row) in report.coverage.iter().enumerate() {
        if row.len() != report.sources.len() {
            return fail(format!("coverage row {a} is not one cell per source"));
        }
        if row.get(a) != Some(&1.0) || !row.iter().all(|c| (0.0..=1.0).contains(c)) {
            return fail(format!("coverage row {a} is out of range: {row:?}"));
        }
    }
    Ok(())
}

/// A word diff of `old` and `new`: its operations run in order through both texts,
/// on boundaries, and `same_per_mille` is at most 1000.
pub fn diff(old: &str, new: &str, diff: &WordDiff) -> Checked {
    let (o, n) = (utf16(old), utf16(new));
    let (mut at_old, mut at_new) = (0u32, 0u32);
    for (i, op) in diff.ops.iter().enumerate() {
        let on_boundaries = op.old_start <= op.old_end
            && op.new_start <= op.new_end
            && is_boundary(&o, op.old_start)
            && is_boundary(&o, op.old_end)
            && is_boundary(&n, op.new_start)
            && is_boundary(&n, op.new_end);
        if !on_boundaries {
            return fail(format!("diff op {i} is not on boundaries: {op:?}"));
        }
        if op.old_start < at_old || op.new_start < at_new {
            return fail(format!("diff op {i} is out of order: {op:?}"));
        }
        if op.kind == DiffKind::Equal && (op.old_end > op.old_start) != (op.new_end > op.new_start)
        {
            return fail(format!("diff op {i} is equal on one side only: {op:?}"));
        }
        at_old = op.old_end;
        at_new = op.new_end;
    }
    if diff.same_per_mille > 1000 {
        return fail(format!("same_per_mille is {}", diff.same_per_mille));
    }
    Ok(())
}
