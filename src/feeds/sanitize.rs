//! A feed's HTML (titles, summaries, content typed `html`/`xhtml`) is untrusted: it is kept only
//! after an allowlist sanitiser has rewritten it, and shown on Discord as plain text.
//!
//! The sanitiser is [ammonia] (html5ever parses the fragment as a browser would, then only
//! allowlisted elements, attributes and URL schemes are written back). Its defaults are what a
//! feed needs: `script`/`style` dropped with their content, event-handler and `style`
//! attributes dropped, `javascript:`/`data:` URLs dropped, comments dropped. Three settings
//! differ: no `rel="noopener noreferrer"` is added to links (newsdesk never serves this HTML to a
//! browser, and the markup should stay as the feed wrote it), relative URLs are resolved
//! against the element's `xml:base` or the feed's address when one is known, and inline SVG and
//! MathML are kept, as feedparser and DOMPurify keep them, within the allowlist below.
//!
//! # SVG and MathML
//!
//! Only drawing and formula *presentation* is kept: shapes, text and links in SVG; the token,
//! layout, script and table elements of MathML; their geometry and presentation attributes.
//! Left out, so dropped (the elements marked * with all they contain):
//! * script* and style* (ammonia's defaults), and every event handler, `style` and `id`;
//! * `foreignObject`* and `annotation-xml`*: HTML or another markup language embedded in
//!   the drawing or formula, the integration points mutation-XSS payloads go through;
//! * `mglyph` and `malignmark`, the two MathML names the HTML parser treats specially inside
//!   `mtext` (the DOMPurify 2.0.17 bypass), and `maction`, which switches content on events;
//! * the SVG animation elements (`animate`, `set`, …), which can rewrite any attribute of
//!   another element, `href` included, after sanitising;
//! * whatever loads or points at other content: `use`, `image`, `feImage`, `mpath`,
//!   `textPath`, gradients, patterns, markers, clip paths, masks, filters (these also only
//!   work through `id` references, which are not kept), and attribute values that are CSS
//!   references (`url(…)` and the like, or CSS escapes that could spell one).
//!
//! Links (`href`, including SVG's and MathML's `xlink:href`) go through the same URL-scheme
//! check as HTML links. ammonia matches names without namespaces but drops any element whose
//! namespace the HTML parser would not give it again when the output is read back (an SVG
//! element outside `<svg>`, HTML inside SVG other than in `foreignObject`), so what is kept
//! parses back to the same tree; html5ever escapes `<` and `>` in attribute values, and writes
//! text raw only inside HTML `style`/`script`-like elements, none of which are kept.
//!
//! ```
//! use newsdesk::feeds::{sanitize_html, html_to_text};
//! let html = r#"<p onclick="x()">Hi <a href="javascript:alert(1)">there</a><script>bad()</script></p>"#;
//! assert_eq!(sanitize_html(html, None), "<p>Hi <a>there</a></p>");
//! assert_eq!(html_to_text("Q&amp;A <b>session</b>"), "Q&A session");
//! let math = "<math><mi>x</mi><mo onclick=\"e()\">=</mo><mn>2</mn></math>";
//! assert_eq!(sanitize_html(math, None), "<math><mi>x</mi><mo>=</mo><mn>2</mn></math>");
//! assert_eq!(html_to_text(math), "x=2");
//! ```

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
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
/// character references decoded, runs of whitespace made one space. SVG and MathML keep their
/// text (a formula reads as its symbols: `x=2`), but not MathML annotations, which repeat the
/// formula in another notation (its TeX source, say).
pub fn html_to_text(html: &str) -> String {
    let kept = TEXT_ONLY.clean(html).to_string();
    // What is left besides escaped text are bare SVG/MathML tags (see TEXT_ONLY).
    let mut escaped = String::with_capacity(kept.len());
    let mut rest = kept.as_str();
    while let Some(start) = rest.find('<') {
        escaped.push_str(&rest[..start]);
        rest = rest[start..]
            .find('>')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    escaped.push_str(rest);
    let text = crate::extract::entities::decode(&escaped);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(allowlist);

/// No attributes and no elements but SVG's and MathML's, kept as bare tags: ammonia drops
/// the text of a foreign element whose parent it drops (its namespace check), so they stay
/// until the tags are cut out of the output.
static TEXT_ONLY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::new())
        .link_rel(None)
        .add_tags(SVG_ELEMENTS)
        .add_tags(MATHML_ELEMENTS.iter().filter(|&&t| t != "annotation"))
        .clean_content_tags(HashSet::from([
            "script",
            "style",
            "template",
            "annotation",
            "annotation-xml",
        ]));
    builder
});

fn allowlist() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(None)
        .add_tags(SVG_ELEMENTS)
        .add_tags(MATHML_ELEMENTS)
        .add_clean_content_tags(EMBEDDED)
        .add_tag_attribute_values("svg", "xmlns", &[SVG_NS])
        .add_tag_attribute_values("math", "xmlns", &[MATHML_NS])
        .attribute_filter(|_, attribute, value| {
            let css_valued = attribute != "href"
                && (SVG_ATTRIBUTES.contains(&attribute) || MATHML_ATTRIBUTES.contains(&attribute));
            if css_valued && css_reference(value) {
                None
            } else {
                Some(value.into())
            }
        });
    for &tag in SVG_ELEMENTS
        .iter()
        .filter(|&&t| !matches!(t, "title" | "desc"))
    {
        builder.add_tag_attributes(tag, SVG_ATTRIBUTES);
    }
    for &tag in MATHML_ELEMENTS {
        builder.add_tag_attributes(tag, MATHML_ATTRIBUTES);
    }
    // `xmlns:xlink` (local name `xlink`), only as the declaration `xlink:href` needs.
    for &tag in SVG_ELEMENTS.iter().chain(MATHML_ELEMENTS) {
        builder.add_tag_attribute_values(tag, "xlink", &[XLINK_NS]);
    }
    builder
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Drawing elements kept (`a` and `title` are also HTML names, allowed there already).
const SVG_ELEMENTS: &[&str] = &[
    "svg", "g", "a", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan",
];

/// Geometry and presentation. Names as html5ever gives them in SVG (`viewBox`, not `viewbox`).
#[rustfmt::skip]
const SVG_ATTRIBUTES: &[&str] = &[
    // the drawing
    "width", "height", "viewBox", "preserveAspectRatio", "version", "baseProfile",
    // shapes and text
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "pathLength",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "transform",
    // presentation
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "color", "display", "visibility", "font-family", "font-size",
    "font-style", "font-variant", "font-weight", "font-stretch", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "text-decoration",
    "letter-spacing", "word-spacing", "direction", "writing-mode",
];

/// Formula elements kept: MathML Core's presentation elements, with `mfenced` and `menclose`.
#[rustfmt::skip]
const MATHML_ELEMENTS: &[&str] = &[
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac",
    "msqrt", "mroot", "mstyle", "merror", "mpadded", "mphantom", "mfenced", "menclose", "msub",
    "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none",
    "mtable", "mtr", "mtd",
];

/// MathML Core's attributes and the older layout ones; `href` as links are checked.
#[rustfmt::skip]
const MATHML_ATTRIBUTES: &[&str] = &[
    "dir", "display", "displaystyle", "scriptlevel", "mathvariant", "mathsize", "mathcolor",
    "mathbackground", "alttext", "href", "accent", "accentunder", "fence", "form", "largeop",
    "lspace", "rspace", "maxsize", "minsize", "movablelimits", "separator", "stretchy",
    "symmetric", "linethickness", "bevelled", "numalign", "denomalign", "width", "height", "depth",
    "voffset", "columnalign", "columnlines", "columnspacing", "columnspan", "rowalign", "rowlines",
    "rowspacing", "rowspan", "frame", "framespacing", "equalrows", "equalcolumns", "notation",
    "open", "close", "separators", "lquote", "rquote",
];

/// Dropped with everything in them: another markup language inside SVG or MathML, and the two
/// MathML elements that have no content but that the parser keeps MathML inside `mtext`, `mi`,
/// … (anything they held would be read back as HTML there).
const EMBEDDED: &[&str] = &["foreignObject", "annotation-xml", "mglyph", "malignmark"];

/// Whether a presentation attribute's value could make a browser fetch or reference other
/// content: a CSS `url(…)` or image function, or a CSS escape that could spell one.
fn css_reference(value: &str) -> bool {
    const FETCHING: &[&str] = &[
        "url(",
        "src(",
        "image(",
        "image-set(",
        "cross-fade(",
        "element(",
        "paint(",
    ];
    let value = value.to_ascii_lowercase();
    value.contains('\\') || FETCHING.iter().any(|function| value.contains(function))
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
    fn svg_and_mathml_keep_their_presentation() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300px" viewBox="0 0 30 20" baseProfile="full"><title>A dot</title><desc>red</desc><g transform="scale(2)"><a xlink:href="http://example.com/"><circle cx="15" cy="10" r="5" fill="#ff0000" stroke="rgb(0,0,0)" stroke-width="1"/></a><text x="1" y="2" font-size="3">A<tspan dy="1">b</tspan></text><path d="M0 0L1 1"/></g></svg>"##;
        assert_eq!(
            sanitize_html(svg, None),
            r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300px" viewBox="0 0 30 20" baseProfile="full"><title>A dot</title><desc>red</desc><g transform="scale(2)"><a xlink:href="http://example.com/"><circle cx="15" cy="10" r="5" fill="#ff0000" stroke="rgb(0,0,0)" stroke-width="1"></circle></a><text x="1" y="2" font-size="3">A<tspan dy="1">b</tspan></text><path d="M0 0L1 1"></path></g></svg>"##
        );
        let math = r#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><msup><mi mathvariant="bold">x</mi><mn>2</mn></msup><mo stretchy="false">+</mo><mfrac linethickness="0"><mn>1</mn><mn>2</mn></mfrac></mrow><annotation encoding="application/x-tex">x^2+1/2</annotation></semantics></math>"#;
        assert_eq!(
            sanitize_html(math, None),
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><msup><mi mathvariant="bold">x</mi><mn>2</mn></msup><mo stretchy="false">+</mo><mfrac linethickness="0"><mn>1</mn><mn>2</mn></mfrac></mrow><annotation>x^2+1/2</annotation></semantics></math>"#
        );
        // Links in SVG and MathML resolve and are checked as HTML links are.
        let base = Url::parse("http://example.com/feed/").unwrap();
        assert_eq!(
            sanitize_html(
                r#"<svg><a xlink:href="p.html"><text>t</text></a></svg><math href="q.html"><mi>q</mi></math>"#,
                Some(&base)
            ),
            r#"<svg><a xlink:href="http://example.com/feed/p.html"><text>t</text></a></svg><math href="http://example.com/feed/q.html"><mi>q</mi></math>"#
        );
    }

    /// Inputs that must come out without script, event handler, dangerous URL, embedded markup
    /// or anything that would parse differently when the output is read back.
    const ATTACKS: &[(&str, &str)] = &[
        // script and event handlers in SVG
        (
            r#"<svg><script>alert(1)</script><circle r="1"/></svg>"#,
            r#"<svg><circle r="1"></circle></svg>"#,
        ),
        (
            r#"<svg onload="alert(1)"><circle r="1" onclick="alert(1)"/></svg>"#,
            r#"<svg><circle r="1"></circle></svg>"#,
        ),
        (
            r#"<svg><script xlink:href="data:text/javascript,alert(1)"/><style>@import "x"</style></svg>"#,
            "<svg></svg>",
        ),
        // links with script and data URLs
        (
            r#"<svg><a xlink:href="javascript:alert(1)"><text>x</text></a><a href=" JavaScript:alert(1)"><text>y</text></a></svg>"#,
            "<svg><a><text>x</text></a><a><text>y</text></a></svg>",
        ),
        (
            r#"<math href="javascript:alert(1)"><mi xlink:href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</mi></math>"#,
            "<math><mi>x</mi></math>",
        ),
        // HTML embedded in SVG or MathML goes whole
        (
            r#"<svg><foreignObject><p>hi</p><img src="x" onerror="alert(1)"><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>"#,
            "<svg></svg>",
        ),
        (
            r#"<math><annotation-xml encoding="text/html"><img src="x" onerror="alert(1)"></annotation-xml></math>"#,
            "<math></math>",
        ),
        // animation can set another element's href after sanitising
        (
            r##"<svg><a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="xlink:href" values="javascript:alert(1)"/><animateTransform attributeName="href" from="javascript:alert(1)"/><animateMotion><mpath xlink:href="#p"/></animateMotion><text>x</text></a></svg>"##,
            "<svg><a><text>x</text></a></svg>",
        ),
        // references to other documents
        (
            r##"<svg><use href="http://evil.example/x.svg#a"/><use xlink:href="#a"/><image href="http://evil.example/i.png"/></svg>"##,
            "<svg></svg>",
        ),
        (
            r#"<svg><rect width="1" fill="url(http://evil.example/t)" stroke="URL(#a)" style="fill:url(x)"/><circle r="1" fill="u\72 l(x)"/></svg>"#,
            r#"<svg><rect width="1"></rect><circle r="1"></circle></svg>"#,
        ),
        (
            r#"<math mathbackground="url(http://evil.example/t)"><mi>x</mi></math>"#,
            "<math><mi>x</mi></math>",
        ),
        // a namespace declaration that would change how an XML parser reads the rest
        (
            r#"<svg xmlns="http://www.w3.org/1999/xhtml" xmlns:xlink="http://evil.example/"><circle r="1"/></svg>"#,
            r#"<svg><circle r="1"></circle></svg>"#,
        ),
        // mutation XSS through namespace confusion (DOMPurify and ammonia advisories)
        (
            "<svg><p><style><img src=x onerror=alert(1)>",
            "<svg></svg><p></p>",
        ),
        (
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<math><mtext><table></table></mtext></math>",
        ),
        (
            r#"<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">"#,
            r#"<math><mtext><table></table></mtext></math>"#,
        ),
        (
            r#"<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">"#,
            "<math><mtext></mtext></math>",
        ),
        (
            r#"<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">"#,
            r#"<svg></svg><p></p><img src="1">"&gt;"#,
        ),
        (
            r#"<svg><iframe><a title="</iframe><img src onerror=alert(1)>">test"#,
            "<svg></svg>",
        ),
        (
            r#"<svg><desc><p>text</p><img src=x onerror=alert(1)></desc><title><style><img src=x onerror=alert(1)></style></title></svg>"#,
            "<svg><desc></desc><title></title></svg>",
        ),
        (
            r#"<math><mi><svg><foreignObject><math><iframe><!--</iframe><img src onerror=alert(1)>-->"#,
            "<math><mi><svg></svg></mi></math>",
        ),
        (
            r#"<svg><math><mi><style><img src=x onerror=alert(1)></style></mi></math></svg>"#,
            r#"<svg></svg><img src="x">"#,
        ),
    ];

    #[test]
    fn svg_and_mathml_attacks_are_removed() {
        for (attack, want) in ATTACKS {
            let got = sanitize_html(attack, None);
            assert_eq!(got, *want, "{attack}");
            assert_safe(&got, attack);
            assert_eq!(sanitize_html(&got, None), got, "read back differently");
        }
    }

    /// `html` has no element that runs or embeds something, no event handler, no script or
    /// data URL, no CSS reference (html5ever quotes every value with `"` and escapes `"`, `<`
    /// and `>` inside it), and its SVG and MathML read back as they were written: the same
    /// elements in the same places, none turned into HTML or the reverse.
    fn assert_safe(html: &str, input: &str) {
        static TAG: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(r#"<([A-Za-z][^\s>]*)((?:\s[^\s=>]+="[^"]*")*)>"#).unwrap()
        });
        static ATTR: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(r#"\s([^\s=>]+)="([^"]*)""#).unwrap());
        #[rustfmt::skip]
        const ACTIVE: &[&str] = &[
            "script", "style", "iframe", "foreignObject", "annotation-xml", "set", "animate",
            "use", "image", "mglyph", "malignmark",
        ];
        for tag in TAG.captures_iter(html) {
            assert!(
                !ACTIVE.contains(&&tag[1]),
                "<{}> in {html} from {input}",
                &tag[1]
            );
            for attr in ATTR.captures_iter(&tag[2]) {
                let (name, value) = (&attr[1], attr[2].to_ascii_lowercase());
                let bad = name.starts_with("on")
                    || (name.ends_with("href") || name == "src")
                        && ["javascript:", "data:"]
                            .iter()
                            .any(|s| value.trim().starts_with(s))
                    || name != "title" && name != "alt" && value.contains("url(");
                assert!(!bad, "{name}={value:?} in {html} from {input}");
            }
        }
        assert_eq!(
            foreign_tags(&sanitize_html(html, None)),
            foreign_tags(html),
            "read back differently: {html} from {input}"
        );
    }

    /// The SVG and MathML start and end tags in `html`, in order (`a` is HTML's too).
    fn foreign_tags(html: &str) -> Vec<&str> {
        static TAG: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(r"</?([A-Za-z][^\s>/]*)").unwrap());
        TAG.captures_iter(html)
            .filter(|c| {
                let name = c.get(1).unwrap().as_str();
                name != "a" && (SVG_ELEMENTS.contains(&name) || MATHML_ELEMENTS.contains(&name))
            })
            .map(|c| c.get(0).unwrap().as_str())
            .collect()
    }

    /// Bits of the known mutation-XSS payloads, shuffled.
    #[rustfmt::skip]
    const MXSS_TOKENS: &[&str] = &[
        "<svg>", "</svg>", "<math>", "</math>", "<mtext>", "<mi>", "<mo>", "</mi>", "<mglyph>",
        "<malignmark>", "<annotation-xml encoding=\"text/html\">", "<annotation-xml>",
        "</annotation-xml>", "<foreignObject>", "</foreignObject>", "<desc>", "<title>",
        "</title>", "<table>", "</table>", "<tr>", "<td>", "<p>", "</p>", "<form>", "</form>",
        "<style>", "</style>", "<noscript>", "</noscript>", "<xmp>", "</xmp>", "<iframe>",
        "</iframe>", "<template>", "</template>", "<select>", "<option>", "<textarea>", "<!--",
        "-->", "<a href=\"javascript:alert(1)\">", "<a xlink:href=\"#x\">", "</a>",
        "<img src=x onerror=alert(1)>", "<path id=\"</style><img src onerror=alert(1)>\">",
        "<img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">", "<circle r=\"1\"/>", "<text>",
        "</text>", "<mrow>", "</mtext>", "<semantics>", "<annotation>", "<maction>", "<g>",
        "<switch>", "<ms>", "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>",
        "<rect fill=\"url(//evil.example)\"/>", "text",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(512))]
        #[test]
        fn shuffled_payloads_come_out_safe(
            pieces in proptest::collection::vec(proptest::sample::select(MXSS_TOKENS), 0..40)
        ) {
            let input = pieces.concat();
            assert_safe(&sanitize_html(&input, None), &input);
        }
    }

    #[test]
    fn svg_and_mathml_read_as_their_text() {
        let math = "The sum <math><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow></math> is even";
        assert_eq!(
            html_to_text(&sanitize_html(math, None)),
            "The sum a+b is even"
        );
        let tex = r#"Area <math><semantics><mrow><mi>&pi;</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\pi r^2</annotation></semantics></math>."#;
        assert_eq!(html_to_text(&sanitize_html(tex, None)), "Area πr2.");
        let svg =
            "A <svg>\n<title>Sales</title>\n<circle r=\"1\"/>\n<text>Q1 &amp; Q2</text></svg> B";
        assert_eq!(html_to_text(&sanitize_html(svg, None)), "A Sales Q1 & Q2 B");
        assert_eq!(
            html_to_text("x <svg><a title=\"a>b\">link</a></svg> y"),
            "x link y"
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
