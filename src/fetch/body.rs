//! The response body: content-type policy, a size cap enforced while streaming, sniffing.

use super::FetchError;

/// What the `Content-Type` header says about a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Declared {
    /// HTML or XHTML: an article page.
    Html(String),
    /// No (usable) type: look at the bytes.
    Missing,
}

/// The media type without parameters, lowercased (`Text/HTML; charset=x` → `text/html`).
pub(crate) fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Accepts HTML/XHTML, defers a missing type to sniffing, refuses everything else.
pub(crate) fn classify(content_type: Option<&str>) -> Result<Declared, FetchError> {
    let essence = content_type.map(essence).unwrap_or_default();
    match essence.as_str() {
        "" => Ok(Declared::Missing),
        "text/html" | "application/xhtml+xml" => Ok(Declared::Html(essence)),
        _ => Err(FetchError::UnsupportedContentType(essence)),
    }
}

/// Does decoded text start like an HTML document? (The HTML patterns of the WHATWG MIME
/// sniffing standard, plus an XML declaration followed by an `<html` element.)
pub(crate) fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "<!doctype html",
        "<html",
        "<head",
        "<script",
        "<iframe",
        "<h1",
        "<div",
        "<font",
        "<table",
        "<a",
        "<style",
        "<title",
        "<b",
        "<body",
        "<br",
        "<p",
        "<meta",
        "<link",
    ];
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head: String = start.chars().take(1024).collect::<String>().to_lowercase();
    if head.starts_with("<!--") {
        return true;
    }
    if head.starts_with("<?xml") {
        return head.contains("<html");
    }
    TAGS.iter().any(|tag| {
        head.strip_prefix(tag)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c == '>' || c.is_whitespace())
    })
}

/// Reads the whole body, failing as soon as it grows past `cap` bytes (after content decoding,
/// so a gzip bomb stops at the cap too).
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    cap: u64,
) -> Result<Vec<u8>, FetchError> {
    if response.content_length().is_some_and(|len| len > cap) {
        return Err(FetchError::TooLarge { max: cap });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(body_error)? {
        if (body.len() + chunk.len()) as u64 > cap {
            return Err(FetchError::TooLarge { max: cap });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn body_error(e: reqwest::Error) -> FetchError {
    tracing::debug!(error = %e, "reading the body failed");
    if e.is_timeout() {
        FetchError::Timeout
    } else if e.is_decode() {
        FetchError::Corrupt
    } else {
        FetchError::Network
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_types_pass_others_are_refused() {
        assert_eq!(
            classify(Some("Text/HTML; charset=UTF-8")),
            Ok(Declared::Html("text/html".into()))
        );
        assert_eq!(
            classify(Some("application/xhtml+xml")),
            Ok(Declared::Html("application/xhtml+xml".into()))
        );
        assert_eq!(classify(None), Ok(Declared::Missing));
        assert_eq!(classify(Some(" ")), Ok(Declared::Missing));
        for t in [
            "application/pdf",
            "image/png",
            "application/json",
            "application/octet-stream",
        ] {
            assert_eq!(
                classify(Some(t)),
                Err(FetchError::UnsupportedContentType(t.into()))
            );
        }
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html("\u{feff}\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML lang=en>"));
        assert!(looks_like_html("<p>hello</p>"));
        assert!(looks_like_html("<!-- generated -->\n<html>"));
        assert!(looks_like_html(
            "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(!looks_like_html("%PDF-1.7\n"));
        assert!(!looks_like_html("{\"a\": 1}"));
        assert!(!looks_like_html("<?xml version=\"1.0\"?><rss>"));
        assert!(!looks_like_html("<abbr>x</abbr> is not a sniffed start"));
        assert!(!looks_like_html("\u{fffd}PNG\r\n"));
        assert!(!looks_like_html(""));
    }
}
