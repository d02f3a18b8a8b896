//! [`FetchError`]: what went wrong, in words for the person who pasted the link.

/// Why a page could not be fetched. `Display` is safe to show in Discord; [`FetchError::kind`]
/// is a stable label for logs and metrics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("That is not a valid web link.")]
    InvalidUrl,
    #[error("Only http:// and https:// links can be read.")]
    UnsupportedScheme,
    #[error("That link points to a private network address.")]
    PrivateNetwork,
    #[error("Could not find the site {host} (DNS lookup failed).")]
    Dns { host: String },
    #[error("Could not connect to {host}.")]
    Connect { host: String },
    #[error("The site took too long to answer.")]
    Timeout,
    #[error("That link redirects too many times.")]
    TooManyRedirects,
    #[error("{}", status_message(*.0))]
    HttpStatus(u16),
    #[error("That page is too large to read (over {}).", human_size(*max))]
    TooLarge { max: u64 },
    #[error("That link points to {}, not a web page; only HTML articles can be read.", describe_type(.0))]
    UnsupportedContentType(String),
    #[error("The site sent a damaged page.")]
    Corrupt,
    #[error("The connection to the site broke off.")]
    Network,
    #[error("Fetch configuration: {0}")]
    Config(String),
}

impl FetchError {
    /// A stable snake_case label for metrics and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl => "invalid_url",
            FetchError::UnsupportedScheme => "unsupported_scheme",
            FetchError::PrivateNetwork => "private_network",
            FetchError::Dns { .. } => "dns",
            FetchError::Connect { .. } => "connect",
            FetchError::Timeout => "timeout",
            FetchError::TooManyRedirects => "too_many_redirects",
            FetchError::HttpStatus(_) => "http_status",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::UnsupportedContentType(_) => "unsupported_content_type",
            FetchError::Corrupt => "corrupt",
            FetchError::Network => "network",
            FetchError::Config(_) => "config",
        }
    }
}

fn status_message(code: u16) -> String {
    match code {
        404 => format!("The page was not found (HTTP {code})."),
        410 => format!("The page has been removed (HTTP {code})."),
        401 | 403 | 451 => format!("The site refused to show that page (HTTP {code})."),
        429 => format!("The site is limiting requests (HTTP {code}); try again later."),
        500..=599 => format!("The site had a problem (HTTP {code}); try again later."),
        _ => format!("The site answered with an error (HTTP {code})."),
    }
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Names a media type for people. The type comes from a remote server, so anything unusual is
/// not echoed (no Discord markup or mentions smuggled through a header).
fn describe_type(essence: &str) -> String {
    let (top, sub) = essence.split_once('/').unwrap_or((essence, ""));
    match (top, sub) {
        ("application", "pdf") => "a PDF document".into(),
        ("application", "json") => "JSON data".into(),
        ("image", _) => "an image".into(),
        ("video", _) => "a video".into(),
        ("audio", _) => "an audio file".into(),
        ("text", "plain") => "plain text".into(),
        ("application" | "text", "xml" | "rss+xml" | "atom+xml") => "a feed or XML file".into(),
        ("application", "zip" | "gzip" | "x-tar" | "octet-stream") => "a download".into(),
        _ if !essence.is_empty()
            && essence.len() <= 80
            && !sub.is_empty()
            && essence.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'/' | b'.' | b'+' | b'-' | b'_')
            }) =>
        {
            format!("a file of type {essence}")
        }
        _ => "something that is not a web page".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_well() {
        assert_eq!(
            FetchError::HttpStatus(404).to_string(),
            "The page was not found (HTTP 404)."
        );
        assert_eq!(
            FetchError::TooLarge {
                max: 5 * 1024 * 1024
            }
            .to_string(),
            "That page is too large to read (over 5 MiB)."
        );
        assert!(
            FetchError::UnsupportedContentType("application/pdf".into())
                .to_string()
                .contains("a PDF document")
        );
    }

    #[test]
    fn odd_content_types_are_not_echoed() {
        let e = FetchError::UnsupportedContentType("x/@everyone".into()).to_string();
        assert!(!e.contains('@'), "{e}");
        let e = FetchError::UnsupportedContentType("model/gltf+json".into()).to_string();
        assert!(e.contains("model/gltf+json"), "{e}");
    }
}
