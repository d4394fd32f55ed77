//! The `parallax` command line: the same pipeline as the page, on files.
//!
//! ```text
//! parallax compare [--json] [--granularity sentence|paragraph] [--mode auto|topic|version]
//!                  [--min-score X] [--min-shared-words N] [--include-comments] FILE...
//! parallax ingest [--json] FILE...
//! parallax diff FILE_A FILE_B
//! ```
//!
//! Files ending in `.html` or `.htm` are read as HTML, `.md` and `.markdown` as
//! Markdown, anything else as plain text.
//!
//! Exit status: 0 on success, 2 on bad input or usage (with a message on stderr).

use parallax::{
    compare, ingest, word_diff, BlockKind, DiffKind, DiffOptions, Document, Format, Granularity,
    Input, Mode, Options, Report,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
Usage:
  parallax compare [--json] [OPTIONS] FILE...   compare two or more files
  parallax ingest [--json] FILE...              show each file's blocks: body, headings,
                                                captions, boilerplate, comments, metadata
  parallax diff FILE_A FILE_B                   word diff of two files
  parallax --version | --help

Files ending in .html/.htm are read as HTML, .md/.markdown as Markdown, others as text.

Options for compare:
  --json                        print the full report as JSON (default: a summary)
  --granularity sentence|paragraph   passage size (default: sentence)
  --mode auto|topic|version     topic: passages in any order; version: editions of one
                                text, in order; auto: chosen from the texts (default)
  --min-score X                 least similarity for aligned passages, 0 to 1 (default: 0.3)
  --min-shared-words N          fewest words of shared verbatim text (default: 6)
  --include-comments            compare reader comments too, as sources of their own
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("parallax: {message}");
            ExitCode::from(2)
        }
    }
}

/// Maps an output error to a message; a closed pipe (`parallax … | head`) is not one.
fn output_error(e: std::io::Error) -> Result<(), String> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(format!("cannot write the output: {e}"))
    }
}

fn run() -> Result<(), String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next().map_err(|e| e.to_string())? {
        Some(Value(v)) => v.string().map_err(|e| e.to_string())?,
        Some(Long("help")) | Some(Short('h')) => {
            return write!(std::io::stdout().lock(), "{USAGE}").or_else(output_error);
        }
        Some(Long("version")) | Some(Short('V')) => {
            return writeln!(std::io::stdout().lock(), "parallax {}", parallax::VERSION)
                .or_else(output_error);
        }
        Some(other) => return Err(format!("{}\n\n{USAGE}", other.unexpected())),
        None => return Err(format!("no command given\n\n{USAGE}")),
    };
    let mut json = false;
    let mut options = Options::default();
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("json") => json = true,
            Long("granularity") => {
                options.granularity = match parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .as_deref()
                {
                    Ok("sentence") => Granularity::Sentence,
                    Ok("paragraph") => Granularity::Paragraph,
                    _ => return Err("--granularity must be `sentence` or `paragraph`".into()),
                }
            }
            Long("mode") => {
                options.mode = match parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .as_deref()
                {
                    Ok("auto") => Mode::Auto,
                    Ok("topic") => Mode::Topic,
                    Ok("version") => Mode::Version,
                    _ => return Err("--mode must be `auto`, `topic` or `version`".into()),
                }
            }
            Long("min-score") => {
                options.min_score = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .parse()
                    .map_err(|e| format!("--min-score: {e}"))?
            }
            Long("min-shared-words") => {
                options.min_shared_words = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .parse()
                    .map_err(|e| format!("--min-shared-words: {e}"))?
            }
            Long("include-comments") => options.include_comments = true,
            Long("help") | Short('h') => {
                return write!(std::io::stdout().lock(), "{USAGE}").or_else(output_error);
            }
            Value(v) => files.push(v.into()),
            other => return Err(format!("{}\n\n{USAGE}", other.unexpected())),
        }
    }
    match command.as_str() {
        "compare" => {
            let inputs = files
                .iter()
                .map(|f| read_input(f))
                .collect::<Result<Vec<_>, _>>()?;
            let report = compare(&inputs, &options).map_err(|e| e.to_string())?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = if json {
                serde_json::to_writer_pretty(&mut out, &report)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                print_summary(&mut out, &report)
            };
            written.and_then(|()| out.flush()).or_else(output_error)
        }
        "ingest" => {
            if files.is_empty() {
                return Err(format!("ingest takes one or more files\n\n{USAGE}"));
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut documents = Vec::new();
            for f in &files {
                let input = read_input(f)?;
                documents.push((
                    input.title.clone(),
                    ingest(&input).map_err(|e| e.to_string())?,
                ));
            }
            let written = if json {
                let list: Vec<&Document> = documents.iter().map(|(_, d)| d).collect();
                serde_json::to_writer_pretty(&mut out, &list)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                documents
                    .iter()
                    .try_for_each(|(title, d)| print_blocks(&mut out, title, d))
            };
            written.and_then(|()| out.flush()).or_else(output_error)
        }
        "diff" => {
            let [a, b] = files.as_slice() else {
                return Err(format!("diff takes exactly two files\n\n{USAGE}"));
            };
            let (a, b) = (read_input(a)?, read_input(b)?);
            let (a, b) = (
                ingest(&a).map_err(|e| e.to_string())?,
                ingest(&b).map_err(|e| e.to_string())?,
            );
            let mut out = std::io::stdout().lock();
            print_diff(&mut out, &a.text, &b.text).or_else(output_error)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

/// Reads a file: HTML, Markdown or plain text by its extension; the title is the
/// file name without its extension. Text that is not valid UTF-8 is decoded with
/// the bad bytes replaced, and a warning says so; a binary file is refused.
fn read_input(path: &Path) -> Result<Input, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if looks_binary(&bytes) {
        return Err(format!(
            "{} looks like a binary file (NUL or control bytes), not text; it was not read",
            path.display()
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            eprintln!(
                "parallax: warning: {} is not valid UTF-8 (first bad byte at offset {at}); \
                 {bad} invalid sequence(s) were replaced with U+FFFD",
                path.display()
            );
            text
        }
    };
    let title = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match extension.as_str() {
        "html" | "htm" | "xhtml" => Input::html(title, text),
        "md" | "markdown" => Input {
            format: Some(Format::Markdown),
            ..Input::new(title, text)
        },
        _ => Input::new(title, text),
    })
}

/// A NUL byte, or more than one byte in 20 a control character other than
/// whitespace, in the first 64 KiB: a binary file, not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

/// A readable listing of one document's blocks.
fn print_blocks(out: &mut impl Write, title: &str, d: &Document) -> std::io::Result<()> {
    writeln!(out, "== {title}")?;
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "headline: {}\nauthor: {}\ndate: {}\nlanguage: {}",
        field(&d.title),
        field(&d.author),
        field(&d.date),
        field(&d.language)
    )?;
    let units: Vec<u16> = d.text.encode_utf16().collect();
    for b in &d.blocks {
        let kind = match b.kind {
            BlockKind::Body => "body",
            BlockKind::Heading => "heading",
            BlockKind::Caption => "caption",
            BlockKind::Boilerplate => "boilerplate",
            BlockKind::Comment => "comment",
            BlockKind::Metadata => "metadata",
        };
        let mark = if b.included { '+' } else { ' ' };
        let text = slice_units(&units, b.start, b.end);
        writeln!(out, "{mark} {kind:<11} {}", shorten(&text, 100))?;
    }
    writeln!(out, "{} reader comments", d.comments.len())?;
    for c in &d.comments {
        writeln!(
            out,
            "  {} at {}: {}",
            field(&c.author),
            field(&c.time),
            shorten(&slice_units(&units, c.start, c.end), 70)
        )?;
    }
    writeln!(out)
}

fn slice16(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    slice_units(&units, start, end)
}

/// A slice of text already encoded as UTF-16, so a long listing encodes it once.
fn slice_units(units: &[u16], start: u32, end: u32) -> String {
    String::from_utf16_lossy(units.get(start as usize..end as usize).unwrap_or(&[]))
}

fn print_summary(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    writeln!(out, "Sources:")?;
    for s in &report.sources {
        writeln!(
            out,
            "  {:<4} {:>6} words {:>5} passages  {}",
            s.id, s.word_count, s.passage_count, s.title
        )?;
    }
    writeln!(out, "\nAligned groups: {}", report.groups.len())?;
    let mut top: Vec<_> = report.groups.iter().collect();
    top.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    for g in top.iter().take(10) {
        writeln!(
            out,
            "  score {:.2}{}",
            g.score,
            if g.mutual { "" } else { " (one-way)" }
        )?;
        for m in &g.members {
            let text = report
                .sources
                .get(m.source as usize)
                .map_or(String::new(), |s| slice16(&s.text, m.start, m.end));
            writeln!(out, "    S{}: {}", m.source + 1, shorten(&text, 110))?;
        }
    }
    writeln!(out, "\nShared verbatim text: {} runs", report.shared.len())?;
    for s in report.shared.iter().take(10) {
        let places: Vec<String> = s
            .spans
            .iter()
            .map(|sp| format!("S{}", sp.source + 1))
            .collect();
        let text = s
            .spans
            .first()
            .and_then(|sp| {
                report
                    .sources
                    .get(sp.source as usize)
                    .map(|s| slice16(&s.text, sp.start, sp.end))
            })
            .unwrap_or_default();
        writeln!(
            out,
            "  {} words in {}: \"{}\"",
            s.words,
            places.join(", "),
            shorten(&text, 100)
        )?;
    }
    Ok(())
}

fn print_diff(out: &mut impl Write, old: &str, new: &str) -> std::io::Result<()> {
    let d = word_diff(old, new, &DiffOptions::default());
    let mut marked = String::new();
    for op in &d.ops {
        let o = slice16(old, op.old_start, op.old_end);
        let n = slice16(new, op.new_start, op.new_end);
        match op.kind {
            DiffKind::Equal => marked.push_str(&o),
            DiffKind::Delete => marked.push_str(&format!("[-{o}-]")),
            DiffKind::Insert => marked.push_str(&format!("{{+{n}+}}")),
            DiffKind::Replace => marked.push_str(&format!("[-{o}-]{{+{n}+}}")),
        }
    }
    writeln!(out, "{marked}")?;
    writeln!(out, "\n{}% of words unchanged", d.same_per_mille / 10)
}

fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
