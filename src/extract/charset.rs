//! Bytes → text: BOM, then the HTTP header, then `<meta charset>`, else detection ([`decode`]
//! for pages, [`decode_text`] for plain text). Never fails: undecodable bytes become U+FFFD.

use encoding_rs::Encoding;

/// Decode an HTML document. `content_type` is the HTTP `Content-Type` header, if any.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(charset_param).and_then(label))
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| detect(bytes));
    // `decode` sniffs the BOM again and strips it.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// Decode a plain-text file: BOM, else UTF-8 when the bytes are valid UTF-8, else detection.
/// Never fails: undecodable bytes become U+FFFD.
pub fn decode_text(bytes: &[u8]) -> String {
    let encoding = Encoding::for_bom(bytes).map_or_else(|| detect(bytes), |(e, _)| e);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn label(l: &str) -> Option<&'static Encoding> {
    Encoding::for_label(l.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
        // A page that claims UTF-16 without a BOM is almost always really ASCII-compatible.
        .map(|e| e.output_encoding())
}

fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then_some(v)
    })
}

/// Looks for `charset=` inside a `<meta` tag in the first 4 KiB (as browsers pre-scan 1024 bytes
/// and then some).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let tag_start = from + pos;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset=") {
            let value: Vec<u8> = tag[c + 8..]
                .iter()
                .copied()
                .skip_while(|b| *b == b'"' || *b == b'\'' || *b == b' ')
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .collect();
            if let Some(e) = std::str::from_utf8(&value).ok().and_then(label) {
                return Some(e);
            }
        }
        from = tag_end;
    }
    None
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_beats_detection() {
        let latin1 = b"<p>caf\xe9</p>";
        assert_eq!(
            decode(latin1, Some("text/html; charset=ISO-8859-1")),
            "<p>café</p>"
        );
    }

    #[test]
    fn meta_charset_is_read() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><p>\x93hi\x94</p>";
        assert!(decode(page, None).contains("\u{201c}hi\u{201d}"));
    }

    #[test]
    fn bom_wins_and_is_stripped() {
        let page = b"\xef\xbb\xbf<p>x</p>";
        assert_eq!(decode(page, Some("text/html; charset=latin1")), "<p>x</p>");
    }

    #[test]
    fn plain_text_is_utf8_or_detected() {
        assert_eq!(decode_text("Zürich".as_bytes()), "Zürich");
        assert_eq!(decode_text(b"\xef\xbb\xbfBOM"), "BOM");
        assert_eq!(
            decode_text(b"Die M\xfchle am Flussufer wird ein Caf\xe9 mit Blick auf die Br\xfccke."),
            "Die Mühle am Flussufer wird ein Café mit Blick auf die Brücke."
        );
        assert_eq!(
            decode_text(b"\xff\xfeh\x00i\x00"),
            "hi",
            "UTF-16 by its BOM"
        );
    }

    #[test]
    fn undeclared_latin1_is_detected_and_bad_bytes_never_panic() {
        let text = decode(
            b"<p>Le caf\xe9 est tr\xe8s bon, tr\xe8s tr\xe8s bon.</p>",
            None,
        );
        assert!(text.contains("café"));
        let _ = decode(&[0xff, 0xfe, 0xfd, 0x00, 0x80], None);
    }
}
