//! Same input, same report, on every build: the native core's reports for seeded
//! cases (tests/common) must match the digests in tests/fixtures/determinism, and
//! tests/web.rs checks the wasm core in Chrome and Firefox against the same file.
//! Together they show the browser and the command line give identical JSON.
//!
//! After an intended change to reports, rewrite the file with
//! `PARALLAX_BLESS=1 cargo test --test determinism` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{determinism_cases, report_digest, DETERMINISM_CASES, DETERMINISM_SEED};
use std::path::Path;

const DIGESTS: &str = "tests/fixtures/determinism/digests.txt";

fn native_digests() -> String {
    determinism_cases(DETERMINISM_SEED, DETERMINISM_CASES)
        .iter()
        .enumerate()
        .map(|(i, (inputs, options))| {
            let report = parallax::compare(inputs, options).expect("every case compares");
            if let Err(broken) = parallax::check::report(inputs, &report) {
                panic!("case {i}: {broken}");
            }
            let again = parallax::compare(inputs, options).expect("every case compares");
            assert_eq!(report, again, "case {i}: the same input gave two reports");
            let value = serde_json::to_value(&report).expect("the report serializes");
            format!("case {i} {}\n", report_digest(value))
        })
        .collect()
}

#[test]
fn native_reports_match_the_recorded_digests() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIGESTS);
    let got = native_digests();
    if std::env::var_os("PARALLAX_BLESS").is_some() {
        std::fs::write(&path, &got).expect("digests written");
    }
    let want = std::fs::read_to_string(&path).expect("the digests file exists");
    assert_eq!(
        got, want,
        "reports changed; if intended, run PARALLAX_BLESS=1 cargo test --test determinism"
    );
}

#[test]
fn the_cases_exercise_groups_shared_text_html_and_comments() {
    // A check of the check: the seeded cases must reach the parts of the report
    // that could differ between builds, or matching digests would prove little.
    let cases = determinism_cases(DETERMINISM_SEED, DETERMINISM_CASES);
    let reports: Vec<_> = cases
        .iter()
        .map(|(inputs, options)| parallax::compare(inputs, options).expect("compares"))
        .collect();
    let with = |f: &dyn Fn(&parallax::Report) -> bool| reports.iter().filter(|r| f(r)).count();
    assert!(
        with(&|r| !r.groups.is_empty()) >= DETERMINISM_CASES / 2,
        "groups"
    );
    assert!(
        with(&|r| !r.shared.is_empty()) >= DETERMINISM_CASES / 4,
        "shared text"
    );
    assert!(
        with(&|r| r.sources.iter().any(|s| s.parent.is_some())) >= 1,
        "comment sources"
    );
    assert!(
        with(&|r| r.mode == parallax::Mode::Version) >= 1,
        "version mode"
    );
    assert!(
        with(&|r| r.mode == parallax::Mode::Topic) >= 1,
        "topic mode"
    );
    assert!(
        cases
            .iter()
            .any(|(inputs, _)| inputs.iter().any(|i| i.html.is_some())),
        "HTML inputs"
    );
}
