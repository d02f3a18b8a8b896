//! Lines that sit inside an article container but are not the article: ad labels, share
//! prompts, and the trailing "Originally published on …" / "© 2025 … All rights reserved".

use super::content::Block;

/// Short lines that are page furniture wherever they appear.
pub fn is_boilerplate_line(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 250 {
        return false;
    }
    let lower = t.to_lowercase();
    let lower =
        lower.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace());
    const EXACT: &[&str] = &[
        "advertisement",
        "advert",
        "advertising",
        "advertisement continue reading below",
        "story continues below advertisement",
        "story continues below",
        "continue reading",
        "continue reading below",
        "read more",
        "read more below",
        "related",
        "related articles",
        "related stories",
        "related content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "comments",
        "sponsored",
        "sponsored content",
        "skip to content",
        "skip to main content",
        "loading",
        "close",
        "menu",
        "image",
        "photo",
        "video",
        "back to top",
        "top",
        "ad",
        "supported by",
        "newsletter",
        "sign up",
        "subscribe",
    ];
    if EXACT.contains(&lower) {
        return true;
    }
    const PREFIXES: &[&str] = &[
        "sign up for",
        "sign up to",
        "subscribe to",
        "click here to",
        "follow us on",
        "read more:",
        "related:",
        "see also:",
        "also read:",
        "read next:",
        "recommended:",
        "we use cookies",
        "this site uses cookies",
        "by continuing to use",
        "(photo:",
        "photo:",
        "image:",
        "image source",
        "getty images",
        "share this",
        "you must be logged in",
        "have a news tip",
    ];
    PREFIXES.iter().any(|p| lower.starts_with(p)) || is_newsletter_pitch(lower)
}

/// "Get the latest updates in your inbox. Subscribe to our newsletters."
fn is_newsletter_pitch(lower: &str) -> bool {
    lower.contains("newsletter")
        && (lower.contains("sign up") || lower.contains("subscribe") || lower.contains("inbox"))
}

/// Notices that end articles: copyright, syndication and "first published" lines.
pub fn is_trailing_notice(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 300 {
        return false;
    }
    let lower = t.to_lowercase();
    lower.starts_with('©')
        || (lower.starts_with("copyright") && (has_year(t) || lower.contains("rights")))
        || lower.starts_with("(c) ")
        || lower.contains("all rights reserved")
        || lower.starts_with("originally published")
        || lower.starts_with("this article was originally published")
        || lower.starts_with("this article originally appeared")
        || lower.starts_with("this story was originally published")
        || lower.starts_with("this article first appeared")
        || lower.starts_with("this story first appeared")
        || lower.starts_with("a version of this article")
        || lower.starts_with("this content was produced")
        || lower.starts_with("do not reproduce")
        || lower.starts_with("republished with permission")
        || is_social_pitch(&lower)
}

/// "Follow us on Twitter @…", "Join our forums…": author and site plugs that close articles.
fn is_social_pitch(lower: &str) -> bool {
    [
        "follow us on",
        "follow him on",
        "follow her on",
        "follow them on",
        "join our ",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

fn has_year(t: &str) -> bool {
    t.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")))
}

/// Drop notices from the end of the article (and any that directly precede them).
pub fn trim_tail(blocks: &mut Vec<Block>) {
    // Look at the last few blocks: a notice is often followed by a short credit line.
    let mut cut = blocks.len();
    let from = blocks.len().saturating_sub(4);
    for i in (from..blocks.len()).rev() {
        if is_trailing_notice(&blocks[i].text) {
            cut = i;
        }
    }
    blocks.truncate(cut);
}

/// Plain text without the notices that close it (`First published by the Harbour Ledger`): the
/// run of notice lines at its very end, never its first line (the title).
pub fn trim_text_tail(text: &str) -> &str {
    let mut cut = text.len();
    let mut rest = text.trim_end();
    while let Some(at) = rest.rfind('\n') {
        let line = &rest[at + 1..];
        if !line.trim().is_empty() && !is_trailing_notice(line) {
            break;
        }
        cut = at;
        rest = rest[..at].trim_end();
    }
    text[..cut].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_loses_its_closing_notices() {
        let text = "Title\nBody one.\n\nBody two.\n\nOriginally published on Harbour Ledger\n";
        assert_eq!(trim_text_tail(text), "Title\nBody one.\n\nBody two.");
        let kept = "Title\nOriginally published on paper, the essay says more.\nEnd.";
        assert_eq!(trim_text_tail(kept), kept);
        assert_eq!(
            trim_text_tail("Originally published on X"),
            "Originally published on X"
        );
        assert_eq!(trim_text_tail(""), "");
    }

    fn block(t: &str) -> Block {
        Block {
            container: 0,
            text: t.to_string(),
            chars: t.len() as u32,
            link_chars: 0,
            commas: 0,
        }
    }

    #[test]
    fn furniture_lines() {
        assert!(is_boilerplate_line("Advertisement"));
        assert!(is_boilerplate_line("  READ MORE: "));
        assert!(is_boilerplate_line("Sign up for our daily newsletter"));
        assert!(!is_boilerplate_line("Read more books, the minister said."));
    }

    #[test]
    fn trailing_notices_are_trimmed() {
        let mut b = vec![
            block("First paragraph."),
            block("Last paragraph."),
            block("Originally published on Example Times"),
            block(
                "© 2025 Example Ledger. All rights reserved. Copying forbidden without permission.",
            ),
        ];
        trim_tail(&mut b);
        assert_eq!(b.len(), 2);
        let mut b = vec![block("Copyright law was the topic."), block("More text.")];
        trim_tail(&mut b);
        assert_eq!(b.len(), 2);
    }
}
