//! The optional LLM backend for `/ask`: any OpenAI-compatible `POST {base_url}/chat/completions`
//! (a local Ollama or llama.cpp server, or a hosted API) rephrases the retrieved sentences.
//!
//! The model never adds knowledge: it sees only the numbered source sentences and must cite
//! them (`[1]`, `[2]`). Its answer is checked before use, sentence by sentence: a sentence must
//! cite only sources that were retrieved, and be supported by them — every name, number, date
//! and quoted phrase in it appears in the sources it cites, and most of its content words do.
//! Unsupported sentences are dropped; an answer with nothing left (or any HTTP error, timeout or
//! malformed reply) is rejected so the caller falls back to the extractive answer.

use super::Cited;
use super::ask::words::{Token, tokens};
use crate::config::LlmConfig;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Why the LLM answer was not used. Logged, never shown: the user gets the extractive answer.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("LLM request failed: {0}")]
    Http(#[from] reqwest::Error),
    #[error("LLM server answered HTTP {0}")]
    Status(u16),
    #[error("LLM answer rejected: {0}")]
    Invalid(&'static str),
}

/// Longest answer accepted from the model, in characters.
const MAX_ANSWER_CHARS: usize = 2000;

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    messages: Vec<Message>,
    temperature: f32,
    stream: bool,
}

#[derive(Serialize, Deserialize)]
struct Message {
    role: String,
    content: String,
}

#[derive(Deserialize)]
struct Response {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
}

const SYSTEM: &str = "You answer questions about news articles using ONLY the numbered source \
sentences given. Write one to three short sentences. End every sentence with the number of the \
source it comes from in square brackets, like [1] or [2]. Do not add facts that are not in the \
sources. If the sources do not answer the question, say so briefly and cite the closest source.";

fn prompt(question: &str, sources: &[Cited]) -> String {
    let mut p = format!("Question: {question}\n\nSources:\n");
    for (i, s) in sources.iter().enumerate() {
        let title = s.article.display_title();
        p.push_str(&format!(
            "[{}] {} (from \"{}\")\n",
            i + 1,
            s.sentence,
            title
        ));
    }
    p
}

static CLIENTS: Mutex<Vec<(u64, reqwest::Client)>> = Mutex::new(Vec::new());

/// The HTTP client for a timeout, built once per process and shared by every question: building
/// one loads the TLS roots (milliseconds), and a shared one keeps its connections to the model
/// server alive between questions. A process has one configuration, so this holds one client.
fn client(timeout_secs: u64) -> Result<reqwest::Client, LlmError> {
    let mut clients = CLIENTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, c)) = clients.iter().find(|(t, _)| *t == timeout_secs) {
        return Ok(c.clone());
    }
    let c = reqwest::Client::builder()
        .timeout(Duration::from_secs(timeout_secs.max(1)))
        .build()?;
    clients.push((timeout_secs, c.clone()));
    Ok(c)
}

/// Ask the model to rephrase `sources` as an answer to `question`; the checked answer.
pub async fn rephrase(
    config: &LlmConfig,
    question: &str,
    sources: &[Cited],
) -> Result<String, LlmError> {
    let client = client(config.timeout_secs)?;
    let url = format!("{}/chat/completions", config.base_url.trim_end_matches('/'));
    let body = Request {
        model: &config.model,
        messages: vec![
            Message {
                role: "system".into(),
                content: SYSTEM.into(),
            },
            Message {
                role: "user".into(),
                content: prompt(question, sources),
            },
        ],
        temperature: 0.0,
        stream: false,
    };
    let mut request = client.post(url).json(&body);
    if let Some(key) = (!config.api_key_env.is_empty())
        .then(|| std::env::var(&config.api_key_env).ok())
        .flatten()
        .filter(|k| !k.is_empty())
    {
        request = request.bearer_auth(key);
    }
    let response = request.send().await?;
    if !response.status().is_success() {
        return Err(LlmError::Status(response.status().as_u16()));
    }
    let parsed: Response = response.json().await?;
    let content = parsed
        .choices
        .into_iter()
        .next()
        .map(|c| c.message.content)
        .ok_or(LlmError::Invalid("no choices"))?;
    let texts: Vec<&str> = sources.iter().map(|s| s.sentence.as_str()).collect();
    check(&content, &texts)
}

/// Least share of a sentence's content words that its cited sources must hold.
const MIN_SUPPORT: f64 = 0.6;

/// Keep the sentences of `answer` that cite only the given `sources` (numbered from 1) and are
/// supported by the ones they cite; reject if none is left.
pub fn check(answer: &str, sources: &[&str]) -> Result<String, LlmError> {
    let n = sources.len();
    let answer = answer.trim();
    if answer.is_empty() {
        return Err(LlmError::Invalid("empty"));
    }
    if answer.chars().count() > MAX_ANSWER_CHARS {
        return Err(LlmError::Invalid("too long"));
    }
    let mut kept: Vec<&str> = Vec::new();
    for sentence in sentences(answer) {
        let cites = citations(sentence);
        if cites.is_empty() || !cites.iter().all(|&c| (1..=n).contains(&c)) {
            continue;
        }
        let cited: Vec<&str> = cites.iter().map(|&c| sources[c - 1]).collect();
        if supported(sentence, &cited) {
            kept.push(sentence);
        }
    }
    if kept.is_empty() {
        return Err(LlmError::Invalid(
            "no sentence is supported by the sources it cites",
        ));
    }
    Ok(kept.join(" "))
}

/// Whether the sources hold what `sentence` claims: its names (capitalised words past the
/// first), numbers, dates and quoted phrases all, and most of its other content words (by stem).
fn supported(sentence: &str, sources: &[&str]) -> bool {
    let source_tokens: Vec<Token> = sources.iter().flat_map(|s| tokens(s)).collect();
    let keys: HashSet<&str> = source_tokens.iter().map(|t| t.key.as_str()).collect();
    let norms: HashSet<&str> = source_tokens.iter().map(|t| t.norm.as_str()).collect();
    let folded_sources = crate::store::fold(&sources.join(" "));
    // What the model wrote, without the citation marks.
    let claim: String = strip_citations(sentence);
    for quoted in super::ask::answer::quoted(&claim) {
        let q = crate::store::fold(&claim[quoted.start..quoted.end]);
        if !q.is_empty() && !folded_sources.contains(&q) {
            return false;
        }
    }
    let words = tokens(&claim);
    let mut content = 0usize;
    let mut held = 0usize;
    for (i, t) in words.iter().enumerate() {
        let fact = t.number.is_some() || (t.capital && i > 0) || is_date_word(&t.norm);
        let known = keys.contains(t.key.as_str()) || norms.contains(t.norm.as_str());
        if fact && !known {
            return false;
        }
        if !t.is_stopword() {
            content += 1;
            held += usize::from(known);
        }
    }
    content == 0 || held as f64 / content as f64 >= MIN_SUPPORT
}

fn is_date_word(w: &str) -> bool {
    crate::analysis::calendar::is_month(w) && w.len() > 3
        || crate::analysis::calendar::is_weekday(w)
        || super::ask::words::is_year(w)
}

/// `sentence` without its `[1]`-style citation marks.
fn strip_citations(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        match rest[open..].find(']') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Split where `.`, `!`, `?` or `]` and whitespace are followed by a capital letter or a new line.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 1..chars.len() {
        let (i, c) = chars[k];
        let after_end = matches!(chars[k - 1].1, '.' | '!' | '?' | ']');
        let next_capital = chars.get(k + 1).is_some_and(|n| n.1.is_uppercase());
        if c == '\n' || (c.is_whitespace() && after_end && next_capital) {
            let piece = text[start..i].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = i;
        }
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// The source numbers cited as `[1]`, `[1, 2]` or `[1][3]`.
fn citations(sentence: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = sentence;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else { break };
        let inside = &after[..close];
        let nums: Option<Vec<usize>> = inside
            .split(',')
            .map(|p| p.trim().parse::<usize>().ok())
            .collect();
        if let Some(nums) = nums {
            out.extend(nums);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_per_process() {
        let started = std::time::Instant::now();
        client(7).unwrap();
        let built = started.elapsed();
        for _ in 0..49 {
            client(7).unwrap();
        }
        client(8).unwrap();
        let clients = CLIENTS.lock().unwrap();
        assert_eq!(clients.iter().filter(|(t, _)| *t == 7).count(), 1);
        assert_eq!(clients.iter().filter(|(t, _)| *t == 8).count(), 1);
        println!(
            "first client built in {built:?}; 50 more asked for in {:?}",
            started.elapsed() - built
        );
    }

    #[test]
    fn citations_in_several_forms() {
        assert_eq!(citations("It rose [1]."), [1]);
        assert_eq!(citations("Both [1, 3] and [2][4]."), [1, 3, 2, 4]);
        assert!(citations("No cite [x].").is_empty());
    }

    #[test]
    fn sentences_split_before_capitals() {
        assert_eq!(
            sentences("Rates rose [1]. They fell [2] and rose.\nOk"),
            ["Rates rose [1].", "They fell [2] and rose.", "Ok"]
        );
    }

    const SOURCES: [&str; 2] = [
        "The port will grow by a third, the harbour board said.",
        "Work on the new quay starts in May and costs 40 million euros.",
    ];

    #[test]
    fn check_keeps_only_cited_sentences() {
        let a = "The port grows [1]. Work starts in May [2]. Unsupported claim. Bad [7].";
        assert_eq!(
            check(a, &SOURCES).unwrap(),
            "The port grows [1]. Work starts in May [2]."
        );
        assert!(check("Nothing cited here.", &SOURCES).is_err());
        assert!(check("Out of range [3].", &SOURCES).is_err());
        assert!(check("  ", &SOURCES).is_err());
    }

    #[test]
    fn invented_names_numbers_dates_and_quotes_are_dropped() {
        // Each cites a real source but claims what it does not say.
        for invented in [
            "Putin demanded Alaska and Texas before any talks [1].",
            "Work on the quay starts in June [2].",
            "The quay costs 90 million euros [2].",
            "The board called it \"a historic day\" [1].",
            "Work starts in 2031 [2].",
            "Dolphins and whales will be relocated offshore near lighthouses [1].",
        ] {
            assert!(check(invented, &SOURCES).is_err(), "{invented}");
        }
        // Supported by the source it cites, in other words.
        assert_eq!(
            check(
                "The harbour board expects the port to grow by a third [1].",
                &SOURCES
            )
            .unwrap(),
            "The harbour board expects the port to grow by a third [1]."
        );
        assert_eq!(
            check(
                "The new quay will cost 40 million euros, with work from May [2].",
                &SOURCES
            )
            .unwrap(),
            "The new quay will cost 40 million euros, with work from May [2]."
        );
        // The fact must be in the source the sentence cites, not in another one.
        assert!(check("The port grows in May [1].", &SOURCES).is_err());
    }
}
