//! Publication dates as pages write them → RFC 3339, or `YYYY-MM-DD` when only the day (or no
//! time zone) is known. Implausible dates (`0001-01-01`, month 13) are rejected.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

/// Years a news article can plausibly carry.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Normalise a date string; `None` when it is not a plausible date.
pub fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.len() < 8 {
        return None;
    }
    iso(s).or_else(|| rfc2822(s)).or_else(|| written(s))
}

fn plausible(d: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    YEARS.contains(&d.year()).then_some(d)
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// `2025-03-04`, `2025-03-04T10:20`, `2025-03-04 10:20:30.123+01:00`, `2025/03/04`, `…Z`.
fn iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || !matches!(b[4], b'-' | b'/') || b[7] != b[4] {
        return None;
    }
    let date = plausible(NaiveDate::from_ymd_opt(
        num(&b[..4])? as i32,
        num(&b[5..7])?,
        num(&b[8..10])?,
    )?)?;
    let day = date.format("%Y-%m-%d").to_string();
    let rest = &b[10..];
    if rest.is_empty() || !matches!(rest[0], b'T' | b't' | b' ') || rest.len() < 6 {
        return Some(day);
    }
    let t = &rest[1..];
    if t.len() < 5 || t[2] != b':' {
        return Some(day);
    }
    let h = num(&t[..2])?;
    let m = num(&t[3..5])?;
    let mut i = 5;
    let mut sec = 0;
    if t.len() >= 8 && t[5] == b':' {
        sec = num(&t[6..8]).unwrap_or(0);
        i = 8;
        if t.get(8) == Some(&b'.') {
            i = 9 + t[9..].iter().take_while(|c| c.is_ascii_digit()).count();
        }
    }
    let time = NaiveTime::from_hms_opt(h, m, sec.min(59))?;
    let tz = std::str::from_utf8(&t[i..]).ok()?.trim();
    let offset = match tz {
        "" => return Some(day),
        "Z" | "z" | "UTC" | "GMT" | "+00:00" => 0,
        _ => {
            let sign = match tz.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Some(day),
            };
            let digits: Vec<u8> = tz.bytes().skip(1).filter(u8::is_ascii_digit).collect();
            let (hh, mm) = match digits.len() {
                2 => (num(&digits)?, 0),
                4 => (num(&digits[..2])?, num(&digits[2..])?),
                _ => return Some(day),
            };
            if hh > 14 || mm > 59 {
                return Some(day);
            }
            sign * (hh as i32 * 3600 + mm as i32 * 60)
        }
    };
    let off = FixedOffset::east_opt(offset)?;
    let dt = date.and_time(time).and_local_timezone(off).single()?;
    Some(rfc3339(dt))
}

fn rfc3339(dt: DateTime<FixedOffset>) -> String {
    if dt.offset().local_minus_utc() == 0 {
        dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// `Tue, 19 Nov 2019 10:00:00 GMT`.
fn rfc2822(s: &str) -> Option<String> {
    let dt = DateTime::parse_from_rfc2822(s).ok()?;
    plausible(dt.date_naive())?;
    Some(rfc3339(dt))
}

/// `November 19, 2019`, `Nov 19, 2019`, `19 November 2019`.
fn written(s: &str) -> Option<String> {
    let s: String = s
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .replace([',', '.'], "");
    for fmt in ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&s, fmt) {
            return plausible(d).map(|d| d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

/// A `/2019/11/19/` (or `/2019-11-19/`) date inside a URL path.
pub fn from_url(url: &str) -> Option<String> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(10) {
        if b[i] != b'/' {
            continue;
        }
        let w = &b[i + 1..];
        if w.len() >= 10 && matches!(w[4], b'/' | b'-') && w[7] == w[4] {
            let (y, m, d) = (num(&w[..4]), num(&w[5..7]), num(&w[8..10]));
            let next_ok = w.get(10).is_none_or(|c| !c.is_ascii_digit());
            if let (Some(y), Some(m), Some(d), true) = (y, m, d, next_ok)
                && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).and_then(plausible)
            {
                return Some(date.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(normalize("2019-11-19").as_deref(), Some("2019-11-19"));
        assert_eq!(
            normalize("2019-11-19T10:05:00Z").as_deref(),
            Some("2019-11-19T10:05:00Z")
        );
        assert_eq!(
            normalize("2019-11-19T10:05:00.123-0500").as_deref(),
            Some("2019-11-19T10:05:00-05:00")
        );
        assert_eq!(
            normalize("2019-11-19 10:05+01:00").as_deref(),
            Some("2019-11-19T10:05:00+01:00")
        );
        assert_eq!(
            normalize("2019-11-19T10:05:00").as_deref(),
            Some("2019-11-19")
        );
    }

    #[test]
    fn other_forms() {
        assert_eq!(
            normalize("Tue, 19 Nov 2019 10:00:00 GMT").as_deref(),
            Some("2019-11-19T10:00:00Z")
        );
        assert_eq!(
            normalize("November 19, 2019").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(normalize("19 Nov 2019").as_deref(), Some("2019-11-19"));
    }

    #[test]
    fn implausible_dates_are_rejected() {
        for bad in [
            "0001-01-01T00:00:00Z",
            "2019-13-01",
            "2019-02-30",
            "yesterday",
            "",
            "2019",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://example.com/2019/11/19/story.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            from_url("https://example.com/2019-11-19-story").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(from_url("https://example.com/a/12345678901/b"), None);
    }
}
