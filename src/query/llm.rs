//! The optional LLM backend for `/ask`: any OpenAI-compatible `POST {base_url}/chat/completions`
//! (a local Ollama or llama.cpp server, or a hosted API) rephrases the retrieved sentences.
//!
//! The model never adds knowledge: it sees only the numbered source sentences and must cite
//! them (`[1]`, `[2]`). Its answer is checked before use: every sentence must cite, and only
//! sources that were retrieved; sentences that do not are dropped, and an answer with nothing
//! left (or any HTTP error, timeout or malformed reply) is rejected so the caller falls back to
//! the extractive answer.

use super::Cited;
use crate::config::LlmConfig;
use serde::{Deserialize, Serialize};
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

/// Ask the model to rephrase `sources` as an answer to `question`; the checked answer.
pub async fn rephrase(
    config: &LlmConfig,
    question: &str,
    sources: &[Cited],
) -> Result<String, LlmError> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(config.timeout_secs.max(1)))
        .build()?;
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
    check(&content, sources.len())
}

/// Keep the sentences of `answer` that cite only sources `1..=n`; reject if none is left.
pub fn check(answer: &str, n: usize) -> Result<String, LlmError> {
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
        if !cites.is_empty() && cites.iter().all(|&c| (1..=n).contains(&c)) {
            kept.push(sentence);
        }
    }
    if kept.is_empty() {
        return Err(LlmError::Invalid("no sentence cites a retrieved source"));
    }
    Ok(kept.join(" "))
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

    #[test]
    fn check_keeps_only_cited_sentences() {
        let a = "The port grows [1]. Work starts in May [2]. Unsupported claim. Bad [7].";
        assert_eq!(
            check(a, 2).unwrap(),
            "The port grows [1]. Work starts in May [2]."
        );
        assert!(check("Nothing cited here.", 2).is_err());
        assert!(check("Out of range [3].", 2).is_err());
        assert!(check("  ", 2).is_err());
    }
}
