//! The hostile inputs of issue 17 at full size, and every input the fuzzers found, kept as plain
//! tests through the same checks.

use super::html::{check_charset, check_extract};
use super::text::{check_question, check_text};

fn page(bytes: Vec<u8>) {
    check_charset((bytes.clone(), None)).unwrap();
    check_extract((bytes, None)).unwrap();
}

#[test]
fn fuzz_regression_100k_deep_nesting() {
    page(
        ("<html><body>".to_string() + &"<div>".repeat(100_000) + "<p>Deep text.</p>").into_bytes(),
    );
    page(("<b><i>".repeat(50_000) + "Text.").into_bytes());
}

#[test]
fn fuzz_regression_1mb_attribute() {
    page(
        format!(
            "<p title=\"{}\">Text here.</p>",
            "0123456789".repeat(100_000)
        )
        .into_bytes(),
    );
    page(
        format!(
            "<div class=\"{}<p>Unclosed quote.</p>",
            "x ".repeat(500_000)
        )
        .into_bytes(),
    );
}

#[test]
fn fuzz_regression_unclosed_script_nul_and_bad_utf8() {
    page(
        format!(
            "<p>Before.</p><script>{}",
            "var s = '<p>x</p>'; ".repeat(20_000)
        )
        .into_bytes(),
    );
    page(format!("<p>{}</p>\0<div\0>", "a\0b ".repeat(100_000)).into_bytes());
    page(b"<p>caf\xe9 \xff\xfe\xc3\x28 \xe2\x82 \xf0\x9f\x98</p>".repeat(10_000));
}

#[test]
fn fuzz_regression_50k_unbalanced_quote_marks() {
    for mark in ["\"", "“", "«", "'", "„"] {
        let text = format!("{} He said \"yes.", format!("{mark} ").repeat(50_000));
        check_text((text.clone(), 3)).unwrap();
        check_question((text.clone(), 0)).unwrap();
        page(format!("<p>{text}</p>").into_bytes());
    }
}

/// Found by the long run: these took time quadratic in their length (20 s each at 300 KB in
/// release) — a sentence start searched back from every quote, every quote's line start, an
/// attribution searched forward from every unattributed quote, and one capitalised chunk split
/// over and over. `fuzz_time_is_linear` measures them; here they must simply come back.
#[test]
fn fuzz_regression_quadratic_quotes_and_chunks() {
    check_text(("Mr. ".repeat(20_000), 3)).unwrap();
    check_text(("“We will ".repeat(8_000), 3)).unwrap();
    check_text(("said Smith ".repeat(8_000), 3)).unwrap();
}

/// Found by the long run: a number of ~300 digit groups (`3,3,3,…`) read as infinity.
#[test]
fn fuzz_regression_huge_number_in_a_question() {
    check_question(("3,".repeat(312), 0)).unwrap();
    check_question((format!("{} million", "9".repeat(300)), 0)).unwrap();
}
