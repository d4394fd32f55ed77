//! The awkward source sets of issue 4: identical sources, an empty source among
//! others, a source that is part of another, fifty sources, one huge source against
//! small ones, sources in different languages. Each must give a valid report (by
//! `parallax::check`) whose figures say what a reader would expect.
#![cfg(not(target_arch = "wasm32"))]
// Test code: an out-of-range index here is a failed test, which is what we want.
#![allow(clippy::indexing_slicing)]

use parallax::{compare, Input, Mode, Options, Report};

const WIRE: &str = include_str!("fixtures/01-demo-pair/agency.txt");
const PAPER: &str = include_str!("fixtures/01-demo-pair/broadsheet.txt");
const DEMO: &str =
    include_str!("../www/demo/news/02_whitehouse_2022-01-08_background-call-on-russia.txt");

fn run(inputs: &[Input], options: &Options) -> Report {
    let report = compare(inputs, options).expect("the sources compare");
    if let Err(broken) = parallax::check::report(inputs, &report) {
        panic!("invalid report: {broken}");
    }
    report
}

/// The text of a passage.
fn passage_text(report: &Report, passage: u32) -> String {
    let p = &report.passages[passage as usize];
    let units: Vec<u16> = report.sources[p.source as usize]
        .text
        .encode_utf16()
        .collect();
    String::from_utf16_lossy(&units[p.start as usize..p.end as usize])
}

#[test]
fn identical_sources_align_every_passage_and_share_all_their_text() {
    let inputs = [
        Input::new("a", DEMO),
        Input::new("b", DEMO),
        Input::new("c", DEMO),
    ];
    let report = run(&inputs, &Options::default());
    assert_eq!(
        report.mode,
        Mode::Version,
        "identical texts are versions of one text"
    );
    for row in &report.coverage {
        assert!(
            row.iter().all(|&c| c == 1.0),
            "each covers the others fully: {row:?}"
        );
    }
    for s in &report.sources {
        assert!(s.unique.is_empty(), "{} has nothing of its own", s.id);
    }
    // Every passage is in a group with its twins, and every pair's diff is all equal.
    let grouped = report
        .groups
        .iter()
        .filter(|g| g.members.len() == 3)
        .count();
    assert_eq!(grouped as u32, report.sources[0].passage_count);
    assert!(report.groups.iter().all(|g| g.score > 0.999));
    assert!(report.shared.iter().all(|s| s.spans.len() >= 3));
}

#[test]
fn an_empty_source_among_others_is_listed_and_left_out_of_the_alignment() {
    let inputs = [
        Input::new("wire", WIRE),
        Input::new("blank", " \n\u{a0}\n"),
        Input::new("paper", PAPER),
    ];
    let report = run(&inputs, &Options::default());
    assert_eq!(report.sources.len(), 3, "the empty source keeps its place");
    let blank = &report.sources[1];
    assert_eq!((blank.word_count, blank.passage_count), (0, 0));
    assert!(report
        .groups
        .iter()
        .all(|g| g.members.iter().all(|m| m.source != 1)));
    assert_eq!(report.coverage[1][1], 1.0);
    assert_eq!((report.coverage[0][1], report.coverage[1][0]), (0.0, 0.0));
    assert!(!report.groups.is_empty(), "the other two still align");
}

#[test]
fn a_source_inside_another_is_covered_by_it_but_not_the_other_way() {
    let part: String = DEMO.split("\n\n").take(6).collect::<Vec<_>>().join("\n\n");
    let inputs = [Input::new("whole", DEMO), Input::new("part", part)];
    let report = run(&inputs, &Options::default());
    assert_eq!(
        report.coverage[1][0], 1.0,
        "all of the part is in the whole"
    );
    assert!(
        report.coverage[0][1] < 0.5,
        "most of the whole is not in the part: {:?}",
        report.coverage
    );
    assert!(report.sources[1].unique.is_empty());
    assert!(
        !report.sources[0].unique.is_empty(),
        "the rest of the whole is its own"
    );
}

#[test]
fn fifty_sources_compare_and_every_group_is_valid() {
    // Fifty outlets, each carrying a different pair of the demo's paragraphs.
    let paragraphs: Vec<&str> = DEMO
        .split("\n\n")
        .filter(|p| p.split_whitespace().count() > 8)
        .collect();
    assert!(paragraphs.len() >= 10);
    let inputs: Vec<Input> = (0..50)
        .map(|i| {
            let a = paragraphs[i % paragraphs.len()];
            let b = paragraphs[(i * 7 + 3) % paragraphs.len()];
            Input::new(format!("outlet {i}"), format!("{a}\n\n{b}"))
        })
        .collect();
    let report = run(&inputs, &Options::default());
    assert_eq!(report.sources.len(), 50);
    assert_eq!(report.coverage.len(), 50);
    // A paragraph carried by several outlets is found in all of them.
    let max_members = report
        .groups
        .iter()
        .map(|g| g.members.len())
        .max()
        .unwrap_or(0);
    assert!(max_members >= 5, "a row spans many outlets: {max_members}");
}

#[test]
fn one_huge_source_against_small_ones_finds_them_inside_it() {
    // About 0.5 MB: the demo text twenty times, with the two small texts in the middle.
    let mut huge = DEMO.repeat(10);
    huge.push_str("\n\n");
    huge.push_str(WIRE);
    huge.push_str("\n\n");
    huge.push_str(&DEMO.repeat(10));
    let inputs = [
        Input::new("huge", huge),
        Input::new("wire", WIRE),
        Input::new("paper", PAPER),
    ];
    let report = run(&inputs, &Options::default());
    assert_eq!(
        report.coverage[1][0], 1.0,
        "the wire text is all in the huge one"
    );
    assert!(
        report.coverage[2][1] > 0.5,
        "the small ones still align with each other"
    );
    let wire_first = report
        .passages
        .iter()
        .find(|p| p.source == 1)
        .expect("wire passages");
    assert!(report
        .groups
        .iter()
        .any(|g| g.members.iter().any(|m| m.passage == wire_first.id)
            && g.members.iter().any(|m| m.source == 0)));
}

#[test]
fn sources_in_different_languages_give_a_report_and_say_which_language() {
    let russian = "Переговоры между Россией и США начались в Женеве в понедельник. \
                   Делегации встречались почти восемь часов, сообщили официальные лица.\n\n\
                   Москва потребовала, чтобы НАТО прекратило расширение на восток.";
    let inputs = [
        Input::new("wire", WIRE),
        Input::new("ru", russian),
        Input::new("paper", PAPER),
    ];
    let report = run(&inputs, &Options::default());
    let languages: Vec<Option<&str>> = report
        .sources
        .iter()
        .map(|s| s.language.as_deref())
        .collect();
    assert_eq!(languages, [Some("eng"), Some("rus"), Some("eng")]);
    // Without a translation layer there is nothing to align the Russian with; the two
    // English sources still align.
    assert!(report
        .groups
        .iter()
        .all(|g| g.members.iter().all(|m| m.source != 1)));
    assert_eq!(
        report.sources[1].unique.len() as u32,
        report.sources[1].passage_count
    );
    assert!(report.groups.iter().any(|g| g.members.len() == 2));
    assert!(!passage_text(&report, report.sources[1].unique[0]).is_empty());
}

/// A page pasted with its menu and an appeal, without a headline or a given title.
const MENU_PASTE: &str = "Home | World | Politics | Sport\n\
    Talks on the Danube dam open in Vienna on Monday, officials said.\n\
    The two governments have argued over the dam\u{2019}s water levels for a decade, and the last round of talks collapsed in March after a dispute over who would pay for repairs.\n\
    Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9}\u{a0}Central, and both sides said they hoped to agree on a timetable before the spring floods.\n\
    Keep reading\n\
    Donate to support our journalism\n";

/// The same story with a headline, a photo credit under it, and a short lead.
const CREDIT_PASTE: &str = "Home | World | Politics | Sport\n\
    Dam talks to resume\n\
    Photo: Jane\u{a0}Roe/Reuters\n\
    Talks on the Danube dam open in Vienna on Monday, officials said.\n\
    The two governments have argued over the dam\u{2019}s water levels for a decade, and the last round of talks collapsed in March after a dispute over who would pay for repairs.\n\
    Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9}\u{a0}Central, and both sides said they hoped to agree on a timetable before the spring floods.\n\
    Environmental groups plan a protest outside the venue on Tuesday. They say the dam has already harmed wetlands downstream and want an independent review.\n\
    Keep reading\n\
    Donate to support our journalism\n";

#[test]
fn an_untitled_paste_without_a_headline_is_titled_by_its_first_compared_line_not_its_menu() {
    let long_lead = "Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9} Central in Vienna, officials said on Monday, and both sides hope to agree a timetable.\n\
        The two governments have argued over the dam\u{2019}s water levels for a decade.";
    let inputs = [
        Input::new("", MENU_PASTE),
        Input::new(
            "",
            format!("Skip to content\nHome | World | Politics | Sport\n{long_lead}"),
        ),
        Input::new("Given", MENU_PASTE),
    ];
    let report = run(&inputs, &Options::default());
    let titles: Vec<(&str, Option<&str>)> = report
        .sources
        .iter()
        .map(|s| (s.title.as_str(), s.guessed_title.as_deref()))
        .collect();
    let first = "Talks on the Danube dam open in Vienna on Monday, officials said.";
    // Cut at a word, within 77 characters, as the report cuts a long first line.
    let cut =
        "Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9}\u{2026}";
    assert_eq!(
        titles,
        [(first, None), (cut, None), ("Given", None)],
        "a given title wins; no headline was found, so none is reported as guessed"
    );
}

#[test]
fn a_short_lead_under_a_photo_credit_is_compared_and_the_credit_is_not() {
    let inputs = [Input::new("", CREDIT_PASTE), Input::new("", MENU_PASTE)];
    let report = run(&inputs, &Options::default());
    assert_eq!(report.sources[0].title, "Dam talks to resume");
    let lead = "Talks on the Danube dam open in Vienna on Monday, officials said.";
    let passages: Vec<String> = (0..report.passages.len() as u32)
        .filter(|&p| report.passages[p as usize].source == 0)
        .map(|p| passage_text(&report, p))
        .collect();
    assert!(passages.iter().any(|p| p == lead), "{passages:?}");
    assert!(
        passages.iter().all(|p| !p.contains("Photo:")),
        "{passages:?}"
    );
}
