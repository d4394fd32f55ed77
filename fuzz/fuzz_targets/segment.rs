//! Paragraph and sentence segmentation: ranges are in order, on char boundaries,
//! trimmed, non-empty, and each sentence lies in its paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let paragraphs = parallax::segment::paragraphs(text);
    let mut at = 0;
    for p in &paragraphs {
        assert!(
            at <= p.start && p.start < p.end,
            "paragraphs in order, non-empty: {paragraphs:?}"
        );
        let slice = text.get(p.clone()).expect("paragraph on char boundaries");
        assert_eq!(slice, slice.trim(), "paragraphs are trimmed");
        at = p.end;
    }
    let sentences = parallax::segment::sentences(text, &paragraphs);
    let mut at = 0;
    for s in &sentences {
        let p = paragraphs
            .get(s.paragraph)
            .expect("a sentence's paragraph exists");
        assert!(
            at <= s.range.start && s.range.start < s.range.end,
            "sentences in order, non-empty: {sentences:?}"
        );
        assert!(
            p.start <= s.range.start && s.range.end <= p.end,
            "sentence inside its paragraph"
        );
        let slice = text
            .get(s.range.clone())
            .expect("sentence on char boundaries");
        assert_eq!(slice, slice.trim(), "sentences are trimmed");
        at = s.range.end;
    }
});
