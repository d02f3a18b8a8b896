//! What a conversation needs beyond one question: the next sources of a question already
//! answered ("more"), and the citations of the articles it remembers ("source?").
//!
//! Both front-ends could page this way; the Discord bot's dialogue is the one that does.

use super::ask::{Answer, AskContext, Cited, excerpt, words};
use crate::Newsdesk;
use crate::error::Result;
use crate::model::{ArticleId, ArticleRef, Scope};
use crate::store::fold;
use std::collections::HashSet;

/// Longest source sentence shown, in characters: as long as in a first answer.
const SENTENCE_CHARS: usize = 600;

impl Newsdesk {
    /// The next sources for `question` (asked within `context`), after the `shown` ones: up to
    /// `ask.max_sentences` sentences that rank below them, on the same names. A shown sentence
    /// is matched by its article and the part of it shown (a long one is cut with `…`).
    ///
    /// Ranking is repeated rather than remembered: the same store ranks the same way, and a
    /// conversation only has to keep what it showed.
    pub async fn ask_more(
        &self,
        scope: Scope,
        question: &str,
        context: &AskContext,
        shown: &[(ArticleId, String)],
    ) -> Result<Answer> {
        let (first, ranked) = self.ask_ranked(scope, question, context).await?;
        let shown: Vec<(i64, String)> = shown
            .iter()
            .map(|(a, s)| (a.0, fold(s.trim_start_matches("… ").trim_end_matches('…'))))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        let best = ranked.first().map(|r| (r.features, r.article_id));
        let mut texts: HashSet<String> = HashSet::new();
        let mut picked = Vec::new();
        for r in &ranked {
            if picked.len() >= self.config.ask.max_sentences {
                break;
            }
            // Cited by the same rule as a first answer's sources.
            if best.is_some_and(|(b, article)| !r.features.may_follow(&b, r.article_id == article))
            {
                continue;
            }
            let text = fold(&r.sentence);
            let was_shown = shown
                .iter()
                .any(|(a, s)| *a == r.article_id && text.contains(s.as_str()));
            if was_shown || !texts.insert(text) {
                continue;
            }
            picked.push(r);
        }
        let ids: Vec<i64> = picked.iter().map(|r| r.article_id).collect();
        let refs = self.store.article_refs(&ids).await?;
        // A long sentence is cut around the question's words, as in a first answer.
        let keys: HashSet<String> = words::tokens(question)
            .into_iter()
            .filter(|t| !t.is_stopword())
            .map(|t| t.key)
            .collect();
        let sources: Vec<Cited> = picked
            .iter()
            .filter_map(|r| {
                let focus =
                    excerpt::densest(&words::tokens(&r.sentence), &keys, SENTENCE_CHARS / 2);
                Some(Cited {
                    sentence: excerpt::excerpt(&r.sentence, SENTENCE_CHARS, focus).text,
                    article: refs.get(&r.article_id)?.clone(),
                })
            })
            .collect();
        let lead_in = if sources.is_empty() {
            "That is all I found on that.".to_string()
        } else {
            "More from the stored articles:".to_string()
        };
        Ok(Answer {
            lead_in,
            answer: None,
            sources,
            rephrased: None,
            ..first
        })
    }

    /// The citations of `ids` in `scope`, in that order; articles forgotten since are left out.
    pub async fn article_refs(&self, scope: Scope, ids: &[ArticleId]) -> Result<Vec<ArticleRef>> {
        self.store.article_refs_in(scope, ids).await
    }
}
