//! Questions about an article itself, not what it reports: `who wrote it?`, `when was this
//! published?`, `which outlet is it from?`, `what is it about?`. Asked in a conversation about
//! one article (a thread on a link, `ask --article`), they are answered from the article's
//! byline, date, site and summary; its sentences hold none of that.

/// What is asked of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFact {
    /// The byline.
    Author,
    /// The date it was published.
    Published,
    /// The outlet: site name or the link's host.
    Outlet,
    /// What it reports: its title and summary.
    Topic,
}

/// Words that point at the article (`it`, `this piece`, `the story`).
const POINTERS: &[&str] = &[
    "it", "this", "that", "the", "article", "story", "piece", "report", "link", "page", "post",
    "one",
];
/// Words that ask nothing more (`please`, `exactly`, `again`).
const FILLER: &[&str] = &[
    "please",
    "exactly",
    "again",
    "actually",
    "originally",
    "first",
    "a",
    "an",
    "of",
    "by",
    "was",
    "is",
    "were",
    "are",
    "did",
    "does",
    "do",
    "has",
    "had",
    "have",
    "s",
    "so",
    "and",
    "then",
    "hey",
    "ok",
    "okay",
    "tell",
    "me",
    "us",
    "you",
    "know",
    "can",
    "could",
    "i",
    "on",
];
const AUTHOR: &[&str] = &[
    "who",
    "wrote",
    "write",
    "written",
    "writer",
    "writers",
    "author",
    "authors",
    "authored",
    "byline",
    "whose",
    "reporter",
    "reporters",
    "journalist",
    "journalists",
    "reported",
];
const PUBLISHED: &[&str] = &[
    "when",
    "what",
    "which",
    "date",
    "day",
    "published",
    "publish",
    "posted",
    "post",
    "written",
    "wrote",
    "out",
    "come",
    "came",
    "released",
    "dated",
    "how",
    "old",
    "from",
    "publication",
];
const OUTLET: &[&str] = &[
    "which",
    "what",
    "who",
    "where",
    "outlet",
    "site",
    "website",
    "paper",
    "newspaper",
    "publication",
    "published",
    "publisher",
    "publish",
    "from",
    "news",
    "organisation",
    "organization",
    "ran",
    "run",
    "media",
];
const TOPIC: &[&str] = &[
    "what", "what's", "whats", "about", "say", "says", "covers", "cover", "topic", "main", "point",
    "gist",
];

/// The fact a question asks of the article, when that is all it asks: every word of it
/// belongs to the fact's words, the words pointing at the article, or filler. `who wrote the
/// song` names something else and is no question about the article.
pub fn asked_fact(question: &str) -> Option<ArticleFact> {
    let words: Vec<String> = question
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .flat_map(|w| match w.split_once('\'') {
            // `who's`, `when's`, `what's`: the question word and a verb.
            Some((head, "s")) if head != "what" => vec![head.to_string(), "is".to_string()],
            _ => vec![w],
        })
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let only = |set: &[&str]| {
        words.iter().all(|w| {
            set.contains(&w.as_str())
                || POINTERS.contains(&w.as_str())
                || FILLER.contains(&w.as_str())
        })
    };
    if words.is_empty() {
        return None;
    }
    let author = has("author")
        || has("byline")
        || has("wrote")
        || has("written") && has("who")
        || has("whose")
        || has("reporter")
        || has("journalist")
        || has("writer");
    if author && has("who") | has("whose") | has("author") | has("byline") && only(AUTHOR) {
        return Some(ArticleFact::Author);
    }
    let outlet = [
        "outlet",
        "site",
        "website",
        "paper",
        "newspaper",
        "publisher",
        "media",
    ]
    .iter()
    .any(|w| has(w))
        || has("who") && (has("published") || has("ran") || has("publish"));
    if outlet && only(OUTLET) {
        return Some(ArticleFact::Outlet);
    }
    let published = has("when")
        && [
            "published",
            "posted",
            "written",
            "out",
            "released",
            "come",
            "came",
            "publish",
            "post",
            "dated",
            "wrote",
        ]
        .iter()
        .any(|w| has(w))
        || has("date")
        || has("how") && has("old");
    if published && only(PUBLISHED) {
        return Some(ArticleFact::Published);
    }
    let topic = has("about") && (has("what") || has("what's") || has("whats"))
        || has("topic")
        || has("gist");
    if topic && only(TOPIC) {
        return Some(ArticleFact::Topic);
    }
    None
}

/// The line cited for a fact, `before` + `value` + `after`, with the byte range of `value`
/// in it: the short answer's span.
pub fn line(before: &str, value: &str, after: &str) -> (String, std::ops::Range<usize>) {
    let start = before.len();
    (
        format!("{before}{value}{after}"),
        start..start + value.len(),
    )
}

/// A stored publication date (`2025-03-14T09:30:00+01:00`, `2024-11-02`) as a reader writes
/// it (`14 March 2025`); as stored when it is neither.
pub fn readable_date(stored: &str) -> String {
    let day = stored.get(..10).unwrap_or(stored);
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| stored.to_string())
}

/// The host of a link without `www.` (`https://www.example.org/a` → `example.org`).
pub fn host_of(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_string();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_about_the_article_itself() {
        for (q, fact) in [
            ("who wrote it?", ArticleFact::Author),
            ("Who's the author of this article", ArticleFact::Author),
            ("whose story is this", ArticleFact::Author),
            ("when was this published?", ArticleFact::Published),
            ("what date is the article from", ArticleFact::Published),
            ("how old is this story", ArticleFact::Published),
            ("which outlet is it from?", ArticleFact::Outlet),
            ("who published the piece", ArticleFact::Outlet),
            ("what's it about", ArticleFact::Topic),
            ("what is this article about?", ArticleFact::Topic),
        ] {
            assert_eq!(asked_fact(q), Some(fact), "{q}");
        }
    }

    #[test]
    fn questions_about_what_it_reports_are_not() {
        for q in [
            "who wrote the song",
            "when was the bridge published in the plans",
            "what did the mayor say about the budget",
            "which site will the hospital use",
            "who is Maya Okafor",
            "when did the ferry return",
            "",
        ] {
            assert_eq!(asked_fact(q), None, "{q}");
        }
    }

    #[test]
    fn dates_and_hosts_read_as_people_write_them() {
        assert_eq!(readable_date("2025-03-14T09:30:00+01:00"), "14 March 2025");
        assert_eq!(readable_date("2024-11-02"), "2 November 2024");
        assert_eq!(readable_date("spring"), "spring");
        assert_eq!(
            host_of("https://www.example.org/news/a").as_deref(),
            Some("example.org")
        );
    }
}
