//! A feed's HTML (titles, summaries, content typed `html`/`xhtml`) is untrusted: it is kept only
//! after an allowlist sanitiser has rewritten it, and shown on Discord as plain text.
//!
//! The sanitiser is [ammonia] (html5ever parses the fragment as a browser would, then only
//! allowlisted elements, attributes and URL schemes are written back). Its defaults are what a
//! feed needs: `script`/`style` dropped with their content, event-handler and `style`
//! attributes dropped, `javascript:`/`data:` URLs dropped, comments dropped. Two settings
//! differ: no `rel="noopener noreferrer"` is added to links (newsdesk never serves this HTML to a
//! browser, and the markup should stay as the feed wrote it), and relative URLs are resolved
//! against the element's `xml:base` or the feed's address when one is known.
//!
//! ```
//! use newsdesk::feeds::{sanitize_html, html_to_text};
//! let html = r#"<p onclick="x()">Hi <a href="javascript:alert(1)">there</a><script>bad()</script></p>"#;
//! assert_eq!(sanitize_html(html, None), "<p>Hi <a>there</a></p>");
//! assert_eq!(html_to_text("Q&amp;A <b>session</b>"), "Q&A session");
//! ```

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;
use url::Url;

/// `html` with everything not on the allowlist removed; relative URLs resolved against `base`.
pub fn sanitize_html(html: &str, base: Option<&Url>) -> String {
    let Some(base) = base else {
        return SANITIZER.clean(html).to_string();
    };
    // A feed's fields mostly share one base: its builder is kept for the next call.
    thread_local! {
        static WITH_BASE: RefCell<Option<(Url, ammonia::Builder<'static>)>> =
            const { RefCell::new(None) };
    }
    WITH_BASE.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|(url, _)| url != base) {
            let mut builder = allowlist();
            builder.url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()));
            *last = Some((base.clone(), builder));
        }
        let (_, builder) = last.as_ref().expect("set above");
        builder.clean(html).to_string()
    })
}

/// The text a reader sees in `html`: tags dropped (scripts and styles with their content),
/// character references decoded, runs of whitespace made one space.
pub fn html_to_text(html: &str) -> String {
    let escaped = TEXT_ONLY.clean(html).to_string();
    let text = crate::extract::entities::decode(&escaped);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(allowlist);

static TEXT_ONLY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder.clean_content_tags(HashSet::from(["script", "style", "template"]));
    builder
});

fn allowlist() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(None);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_markup_is_dropped() {
        let html = r#"<div style="x" onmouseover="steal()"><img src="x.png" onerror="e()"><iframe src="https://evil"></iframe><style>p{}</style><a href="data:text/html,x" title="t">a</a></div>"#;
        assert_eq!(
            sanitize_html(html, None),
            r#"<div><img src="x.png"><a title="t">a</a></div>"#
        );
    }

    #[test]
    fn relative_urls_follow_the_base() {
        let base = Url::parse("http://example.com/test/").unwrap();
        let other = Url::parse("https://other.example/x/y").unwrap();
        for (base, want) in [
            (&base, "http://example.com/test/test.html"),
            (&other, "https://other.example/x/test.html"),
            (&base, "http://example.com/test/test.html"),
        ] {
            assert_eq!(
                sanitize_html(r#"<a href="test.html">t</a>"#, Some(base)),
                format!(r#"<a href="{want}">t</a>"#)
            );
        }
        assert_eq!(
            sanitize_html(r#"<a href="test.html">t</a>"#, None),
            r#"<a href="test.html">t</a>"#
        );
    }

    #[test]
    fn text_drops_tags_and_scripts() {
        assert_eq!(
            html_to_text("<p>One &amp; <b>two</b></p>\n<script>x()</script><p>three</p>"),
            "One & two three"
        );
    }
}
