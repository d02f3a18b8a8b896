//! The dialogue rules of a conversation with the bot: what a message means given what came
//! before, and what is remembered after each turn. Pure functions over [`State`]; the Discord
//! side lives in [`super::mention`], the state's storage in `store::conversations`.
//!
//! ```
//! use newsdesk::bot::conversation::{State, Turn, interpret};
//! let mut state = State::default();
//! state.entities = vec!["Jane Hewitt".into()];
//! state.question = Some("Who is Hewitt?".into());
//! match interpret("and Trump?", &state) {
//!     Turn::Ask { question, context, .. } => {
//!         assert_eq!(question, "Who is Trump?");
//!         assert_eq!(context.about.as_deref(), Some("Trump"));
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```

use crate::model::ArticleId;
use crate::query::AskContext;
use serde::{Deserialize, Serialize};

/// Entities remembered (the first is the main one, what `he` refers to).
const MAX_ENTITIES: usize = 4;
/// Sources remembered as shown, across "more" pages.
pub const MAX_SHOWN: usize = 30;
/// Characters of a shown sentence kept to recognise it again.
const SHOWN_CHARS: usize = 120;
/// Characters of the last question kept.
const QUESTION_CHARS: usize = 1000;
/// Characters of a remembered name.
const NAME_CHARS: usize = 100;

/// What the previous turns leave for the next one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The entities the last answer was about, main first.
    pub entities: Vec<String>,
    /// The article in context: a link just read, a summary shown, or the last answer's first
    /// source.
    pub article: Option<ArticleId>,
    /// Whether the conversation is about that article (a link, a summary) rather than about
    /// the entities: then every question is asked about it.
    pub on_article: bool,
    /// The last question put to the core, and the context it was asked in: "more" asks it
    /// again, "and X?" asks it about X.
    pub question: Option<String>,
    pub asked_about: Option<String>,
    pub asked_article: Option<ArticleId>,
    /// The sources shown for that question (article, beginning of the sentence), all pages.
    pub shown: Vec<(ArticleId, String)>,
    /// Turns so far (the first answer carries the how-to-follow-up hint).
    pub turns: u32,
}

/// What a message asks for.
#[derive(Debug, Clone)]
pub enum Turn {
    /// Nothing asked: a one-line help.
    Help,
    /// A question for the core, within a context.
    Ask {
        question: String,
        context: AskContext,
        /// Set for "and X?": the name the conversation moves to.
        switched_to: Option<String>,
    },
    /// The next sources of the last question.
    More,
    /// The articles of the last answer.
    Sources,
    /// The summary of the article in context.
    Summary,
    /// Quotes: of the article in context, or (`speaker`, or no article) of the main entity.
    Quotes { speaker: bool },
}

/// Whose quotes "quotes?" lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotesOf {
    Article(ArticleId),
    Speaker(String),
}

/// Lower-case words: letters, digits and inner apostrophes (`what's`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase().replace('’', "'"))
        .filter(|w| !w.is_empty())
        .collect()
}

fn all_in(words: &[String], sets: &[&[&str]]) -> bool {
    words
        .iter()
        .all(|w| sets.iter().any(|s| s.contains(&w.as_str())))
}

fn has(words: &[String], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(&w.as_str()))
}

fn pair(words: &[String], a: &[&str], b: &[&str]) -> bool {
    words
        .windows(2)
        .any(|p| a.contains(&p[0].as_str()) && b.contains(&p[1].as_str()))
}

/// Words that fill a short request without changing it.
const FILLER: &[&str] = &[
    "it", "that", "this", "the", "article", "story", "piece", "link", "page", "please", "pls",
    "of", "give", "me", "a", "an", "can", "could", "you", "short", "quick", "brief", "in", "for",
    "us", "just", "and", "now", "ok", "okay", "then", "so", "up",
];
const SUMMARY: &[&str] = &[
    "summarize",
    "summarise",
    "summary",
    "summarized",
    "summarised",
    "tldr",
    "gist",
    "recap",
    "tl",
    "dr",
    "sum",
];
/// What a generic question about a link is made of ("what's this about?").
const GENERIC: &[&str] = &[
    "what", "what's", "whats", "is", "about", "read", "check", "out", "look", "at", "here", "new",
    "news", "think", "say", "says", "tell", "explain", "hey", "hi", "thoughts", "on",
];
const MORE: &[&str] = &[
    "more", "next", "continue", "else", "anything", "what", "show", "go", "on", "keep", "going",
    "sources", "results", "other", "others", "any", "some",
];
const SOURCES: &[&str] = &[
    "source",
    "sources",
    "link",
    "links",
    "url",
    "urls",
    "citation",
    "citations",
    "cite",
];
const SOURCES_FILLER: &[&str] = &[
    "where", "from", "which", "what", "what's", "whats", "is", "are", "was", "were", "did", "come",
    "comes", "get", "find", "read", "show", "your", "articles", "those", "these", "they", "them",
];
const QUOTES: &[&str] = &["quotes", "quote", "quoted", "quotations", "quotation"];
const QUOTES_FILLER: &[&str] = &[
    "any", "key", "show", "are", "there", "from", "by", "what", "were", "main", "best", "some",
    "did", "have", "has", "anyone", "his", "her", "their", "him", "them", "he", "she", "they",
];
/// Pronouns for a person (or people), not an article.
const PERSONAL: &[&str] = &[
    "he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs",
];
/// Words that cannot start a name: "and why?" is not a switch to someone called Why.
const NOT_A_NAME: &[&str] = &[
    "who", "what", "when", "where", "why", "how", "which", "whom", "whose", "did", "does", "do",
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "had",
    "then", "so", "also", "yet", "not", "no", "yes", "ok", "okay", "the", "a", "an", "its", "this",
    "that", "these", "those", "there", "here", "more", "else", "now", "today", "after", "before",
    "in", "on", "at", "for", "of", "about", "with", "it", "he", "she", "him", "her", "his", "hers",
    "they", "them", "their", "i", "you", "we", "me", "my", "your", "our", "us", "thanks", "thank",
    "what's", "whats", "since", "until", "if", "but", "or", "and",
];
/// How "and X?" starts, longest first.
const SWITCHES: &[&str] = &[
    "and what about ",
    "and how about ",
    "what about ",
    "how about ",
    "and about ",
    "and ",
];

/// Whether a question that came with a link asks nothing more than what the page is about.
pub fn is_generic(question: &str) -> bool {
    all_in(&words(question), &[FILLER, SUMMARY, GENERIC])
}

/// What `text` (the message without the bot's mention) asks, given the conversation so far.
pub fn interpret(text: &str, state: &State) -> Turn {
    let w = words(text);
    if w.is_empty() || all_in(&w, &[&["help", "hi", "hello", "hey", "commands"]]) {
        return Turn::Help;
    }
    if has(&w, &["more", "next", "continue"]) && all_in(&w, &[MORE, FILLER])
        || (has(&w, &["else"]) && all_in(&w, &[MORE, FILLER]))
    {
        return Turn::More;
    }
    let asks_source = has(&w, SOURCES)
        || pair(&w, &["which", "what"], &["article", "articles"])
        || pair(&w, &["where"], &["from"])
        || (has(&w, &["where"]) && has(&w, &["from"]));
    if asks_source && all_in(&w, &[SOURCES, SOURCES_FILLER, FILLER]) {
        return Turn::Sources;
    }
    let asks_summary = has(&w, SUMMARY);
    if asks_summary && all_in(&w, &[SUMMARY, FILLER]) {
        return Turn::Summary;
    }
    if has(&w, QUOTES) && all_in(&w, &[QUOTES, QUOTES_FILLER, FILLER]) {
        return Turn::Quotes {
            speaker: has(&w, PERSONAL),
        };
    }
    if let Some(name) = switch_name(text)
        && let Some(previous) = &state.question
    {
        let question =
            ask_about_instead(previous, state.entities.first().map(String::as_str), &name);
        return Turn::Ask {
            question,
            context: AskContext {
                about: Some(name.clone()),
                article: None,
            },
            switched_to: Some(name),
        };
    }
    let article_named = pair(
        &w,
        &["this", "that", "the"],
        &["article", "story", "piece", "link", "page"],
    );
    // `who wrote it?`, `when was that published?`: the article in context, whatever the
    // conversation was about.
    let article_fact = crate::query::ask::article_facts::asked_fact(text).is_some();
    let article = if state.on_article || article_named || article_fact {
        state.article
    } else {
        None
    };
    Turn::Ask {
        question: text.trim().to_string(),
        context: AskContext {
            about: state.entities.first().cloned(),
            article,
        },
        switched_to: None,
    }
}

/// The name in "and Trump?", "what about Jane Hewitt?"; `None` when the message is not that.
pub fn switch_name(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(['?', '!', '.', '…', ' ']);
    let lower = t.to_lowercase();
    let prefix = SWITCHES.iter().find(|p| lower.starts_with(*p))?;
    // The prefixes are ASCII, so the length is the same in the original text.
    let rest = t[prefix.len()..]
        .trim()
        .trim_matches([',', ':', '"', '“', '”']);
    let w = words(rest);
    let first = w.first()?;
    if w.len() > 5 || NOT_A_NAME.contains(&first.as_str()) || rest.contains('?') {
        return None;
    }
    Some(rest.to_string())
}

/// The previous question asked about `name` instead: the words naming the previous main entity
/// replaced (`Who is Hewitt?` → `Who is Trump?`); a question that refers back (`what did he
/// say?`) is kept, its pronoun now meaning `name`; otherwise "What about NAME?".
pub fn ask_about_instead(previous: &str, main: Option<&str>, name: &str) -> String {
    if let Some(main) = main
        && let Some((start, end)) = name_span(previous, main)
    {
        return format!("{}{name}{}", &previous[..start], &previous[end..]);
    }
    if has(&words(previous), PERSONAL) || has(&words(previous), &["it", "its"]) {
        return previous.to_string();
    }
    format!("What about {name}?")
}

/// The byte span of the longest run of words of `question` that are words of `name` (a
/// possessive `'s` stays outside it).
fn name_span(question: &str, name: &str) -> Option<(usize, usize)> {
    let parts: Vec<String> = words(name);
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in question.char_indices().chain([(question.len(), ' ')]) {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &question[s..i];
                let base = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .unwrap_or(word);
                let known = parts.iter().any(|p| p.eq_ignore_ascii_case(base));
                spans.push((s, s + base.len(), known));
                start = None;
            }
            _ => {}
        }
    }
    let mut best: Option<(usize, usize, usize)> = None;
    let mut i = 0;
    while i < spans.len() {
        if !spans[i].2 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < spans.len() && spans[j + 1].2 {
            j += 1;
        }
        let len = j - i + 1;
        if best.is_none_or(|b| len > b.2) {
            best = Some((spans[i].0, spans[j].1, len));
        }
        i = j + 1;
    }
    best.map(|(s, e, _)| (s, e))
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

impl State {
    /// After an answer to `question` asked in `context`: what it was about, its sources.
    ///
    /// The entities become the answer's (the core names whom it understood the question to be
    /// about, the context's entity included); when it named nobody, a switch keeps the name
    /// asked for, and anything else keeps the previous ones.
    pub fn answered(
        &mut self,
        question: &str,
        context: &AskContext,
        about: &[String],
        sources: &[(ArticleId, String)],
        switched_to: Option<&str>,
    ) {
        self.entities = if !about.is_empty() {
            about.to_vec()
        } else if let Some(name) = switched_to {
            vec![name.to_string()]
        } else {
            std::mem::take(&mut self.entities)
        };
        self.on_article = context.article.is_some();
        self.article = context
            .article
            .or_else(|| sources.first().map(|s| s.0))
            .or(self.article);
        self.question = Some(question.to_string());
        self.asked_about = context.about.clone();
        self.asked_article = context.article;
        self.shown.clear();
        self.add_shown(sources);
    }

    /// After a page of "more": those sources are shown too.
    pub fn add_shown(&mut self, sources: &[(ArticleId, String)]) {
        for (a, s) in sources {
            self.shown.push((*a, cut(s.trim(), SHOWN_CHARS)));
        }
    }

    /// After a link was read or a summary shown: the conversation is about that article.
    pub fn on(&mut self, article: ArticleId) {
        if self.article != Some(article) {
            self.entities.clear();
        }
        self.article = Some(article);
        self.on_article = true;
    }

    /// The articles of the last answer, in the order shown (the article in context when no
    /// answer listed any).
    pub fn articles(&self) -> Vec<ArticleId> {
        let mut out: Vec<ArticleId> = Vec::new();
        for (a, _) in &self.shown {
            if !out.contains(a) {
                out.push(*a);
            }
        }
        if out.is_empty() {
            out.extend(self.article);
        }
        out
    }

    /// Whose quotes to list: the article's when the conversation is about it (or nobody is in
    /// context), the main entity's when asked with a pronoun (`quotes by her?`) or when the
    /// conversation is about them.
    pub fn quotes_of(&self, speaker: bool) -> Option<QuotesOf> {
        let person = self.entities.first().cloned().map(QuotesOf::Speaker);
        let article = self.article.map(QuotesOf::Article);
        if speaker || !self.on_article {
            person.or(article)
        } else {
            article.or(person)
        }
    }

    /// The context the last question was asked in.
    pub fn asked_context(&self) -> AskContext {
        AskContext {
            about: self.asked_about.clone(),
            article: self.asked_article,
        }
    }

    /// The same state within its size bounds (what is stored).
    pub fn bounded(mut self) -> State {
        self.entities.truncate(MAX_ENTITIES);
        for e in &mut self.entities {
            *e = cut(e, NAME_CHARS);
        }
        if let Some(q) = &mut self.question {
            *q = cut(q, QUESTION_CHARS);
        }
        if let Some(a) = &mut self.asked_about {
            *a = cut(a, NAME_CHARS);
        }
        // The first sources matter most ("source?" lists their articles); beyond the cap a
        // later "more" may repeat one, which is harmless.
        self.shown.truncate(MAX_SHOWN);
        for (_, s) in &mut self.shown {
            *s = cut(s, SHOWN_CHARS);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_hewitt() -> State {
        State {
            entities: vec!["Jane Hewitt".into(), "Port Elwin".into()],
            article: Some(ArticleId(3)),
            question: Some("Who is Hewitt?".into()),
            shown: vec![(ArticleId(3), "Jane Hewitt leads the council".into())],
            turns: 1,
            ..State::default()
        }
    }

    fn ask(turn: Turn) -> (String, AskContext, Option<String>) {
        match turn {
            Turn::Ask {
                question,
                context,
                switched_to,
            } => (question, context, switched_to),
            other => panic!("not a question: {other:?}"),
        }
    }

    #[test]
    fn pronouns_and_ellipsis_carry_the_main_entity() {
        let (q, c, s) = ask(interpret("what did he say about the war?", &after_hewitt()));
        assert_eq!(q, "what did he say about the war?");
        assert_eq!(c.about.as_deref(), Some("Jane Hewitt"));
        assert_eq!(c.article, None, "a person's pronoun is not the article");
        assert_eq!(s, None);
        let (_, c, _) = ask(interpret("what else did she say?", &after_hewitt()));
        assert_eq!(c.about.as_deref(), Some("Jane Hewitt"));
        let (_, c, _) = ask(interpret("who wrote that article?", &after_hewitt()));
        assert_eq!(c.article, Some(ArticleId(3)));
        let (_, c, _) = ask(interpret("who wrote it?", &after_hewitt()));
        assert_eq!(
            c.article,
            Some(ArticleId(3)),
            "asked of the article, not of her"
        );
        let (_, c, _) = ask(interpret("When did the ferry start?", &State::default()));
        assert_eq!((c.about, c.article), (None, None), "no context, none given");
    }

    #[test]
    fn and_x_switches_entity_keeping_the_question() {
        let state = after_hewitt();
        let (q, c, s) = ask(interpret("and Trump?", &state));
        assert_eq!(q, "Who is Trump?");
        assert_eq!(c.about.as_deref(), Some("Trump"));
        assert_eq!(s.as_deref(), Some("Trump"));
        let (q, _, _) = ask(interpret("What about Donald Trump?", &state));
        assert_eq!(q, "Who is Donald Trump?");
        let pronoun = State {
            question: Some("what did he say about the war?".into()),
            ..after_hewitt()
        };
        let (q, c, _) = ask(interpret("and trump", &pronoun));
        assert_eq!(
            q, "what did he say about the war?",
            "the pronoun now means Trump"
        );
        assert_eq!(c.about.as_deref(), Some("trump"));
        let other = State {
            question: Some("When does the ferry start?".into()),
            ..after_hewitt()
        };
        assert_eq!(
            ask(interpret("how about Quill?", &other)).0,
            "What about Quill?"
        );
        // Not switches: a question word, a pronoun, a common word, or no previous question.
        for text in [
            "and why?",
            "and the war?",
            "and what did she say?",
            "and then?",
        ] {
            assert_eq!(ask(interpret(text, &state)).2, None, "{text}");
        }
        assert_eq!(ask(interpret("and Trump?", &State::default())).2, None);
    }

    #[test]
    fn names_are_replaced_as_whole_words_with_possessives() {
        assert_eq!(
            ask_about_instead(
                "What is Hewitt's plan for Hewittville?",
                Some("Jane Hewitt"),
                "Trump"
            ),
            "What is Trump's plan for Hewittville?"
        );
        assert_eq!(
            ask_about_instead("did jane hewitt resign", Some("Jane Hewitt"), "Mara Quill"),
            "did Mara Quill resign"
        );
        assert_eq!(ask_about_instead("why?", None, "X"), "What about X?");
    }

    #[test]
    fn short_requests_are_recognised() {
        let s = after_hewitt();
        for more in [
            "more",
            "More?",
            "show more",
            "next",
            "more sources please",
            "anything else?",
        ] {
            assert!(matches!(interpret(more, &s), Turn::More), "{more}");
        }
        for src in [
            "source?",
            "link?",
            "sources",
            "which article?",
            "where is that from?",
        ] {
            assert!(matches!(interpret(src, &s), Turn::Sources), "{src}");
        }
        for sum in [
            "summarize it",
            "summary",
            "tl;dr",
            "Summarise that article please",
            "sum it up",
        ] {
            assert!(matches!(interpret(sum, &s), Turn::Summary), "{sum}");
        }
        assert!(matches!(
            interpret("quotes?", &s),
            Turn::Quotes { speaker: false }
        ));
        assert!(matches!(
            interpret("any quotes from her?", &s),
            Turn::Quotes { speaker: true }
        ));
        for help in ["", "  ", "help", "hi!"] {
            assert!(matches!(interpret(help, &s), Turn::Help), "{help:?}");
        }
        // Longer messages with those words are questions.
        for q in [
            "what did the source say about the war?",
            "summarize the debate about ferries in Port Elwin",
            "who gave more money?",
            "is the quote from Quill accurate about the price?",
        ] {
            assert!(matches!(interpret(q, &s), Turn::Ask { .. }), "{q}");
        }
    }

    #[test]
    fn generic_questions_about_a_link() {
        for g in [
            "",
            "what's this about?",
            "what is this",
            "summary please",
            "tl;dr",
            "thoughts?",
        ] {
            assert!(is_generic(g), "{g}");
        }
        for q in ["who paid for the ferry?", "when does it open"] {
            assert!(!is_generic(q), "{q}");
        }
    }

    #[test]
    fn the_state_follows_the_turns() {
        let mut s = State::default();
        let context = AskContext::default();
        s.answered(
            "Who is Hewitt?",
            &context,
            &["Jane Hewitt".into()],
            &[(ArticleId(3), "a".into()), (ArticleId(4), "b".into())],
            None,
        );
        assert_eq!(s.entities, ["Jane Hewitt"]);
        assert_eq!(s.article, Some(ArticleId(3)), "the first source's article");
        assert!(!s.on_article);
        // Nobody found: a switch keeps the name asked for, anything else the previous one.
        let trump = AskContext {
            about: Some("Trump".into()),
            article: None,
        };
        s.answered("Who is Trump?", &trump, &[], &[], Some("Trump"));
        assert_eq!(s.entities, ["Trump"]);
        assert_eq!(s.article, Some(ArticleId(3)), "kept without sources");
        s.answered("why?", &AskContext::default(), &[], &[], None);
        assert_eq!(s.entities, ["Trump"]);
        // "more" adds to what was shown; "source?" lists each article once.
        s.answered("q", &context, &[], &[(ArticleId(4), "x".into())], None);
        s.add_shown(&[(ArticleId(5), "y".into()), (ArticleId(4), "z".into())]);
        assert_eq!(s.articles(), [ArticleId(4), ArticleId(5)]);
        // A link or a summary: the conversation is about that article.
        s.on(ArticleId(9));
        assert!(s.on_article && s.entities.is_empty());
        let (_, c, _) = ask(interpret("who paid for it?", &s));
        assert_eq!(c.article, Some(ArticleId(9)));
    }

    #[test]
    fn quotes_follow_what_the_conversation_is_about() {
        let mut s = after_hewitt();
        let hewitt = Some(QuotesOf::Speaker("Jane Hewitt".into()));
        assert_eq!(s.quotes_of(false), hewitt, "about a person");
        s.on_article = true;
        assert_eq!(s.quotes_of(false), Some(QuotesOf::Article(ArticleId(3))));
        assert_eq!(s.quotes_of(true), hewitt, "quotes by her?");
        s.entities.clear();
        assert_eq!(s.quotes_of(true), Some(QuotesOf::Article(ArticleId(3))));
        assert_eq!(State::default().quotes_of(false), None);
    }

    #[test]
    fn the_stored_state_is_bounded() {
        let s = State {
            entities: vec!["x".repeat(500); 10],
            question: Some("q".repeat(5000)),
            shown: vec![(ArticleId(1), "s".repeat(1000)); 100],
            ..State::default()
        };
        let s = s.bounded();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.len() < crate::store::MAX_STATE_BYTES, "{}", json.len());
        assert_eq!(s.entities.len(), MAX_ENTITIES);
        let back: State = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        // Fields added later read as their defaults.
        assert_eq!(
            serde_json::from_str::<State>("{}").unwrap(),
            State::default()
        );
    }
}
