//! Turning what the core returns into Discord messages: plain [`Reply`] values (content and
//! embeds) that know Discord's size limits and never ping anyone.
//!
//! Rendering is kept apart from command plumbing: every function here takes core data and returns
//! a [`Reply`], so it is unit-tested without Discord. [`Reply::fit`] enforces the limits (2000
//! content, 256 title, 4096 description, 256 field name, 1024 field value, 25 fields, 2048 footer,
//! 6000 per message) by cutting at a char boundary with an ellipsis. Lengths are counted in UTF-16
//! code units, which is never less than what Discord counts.
//!
//! Everything that comes from strangers (article text, titles, names, what a member typed) goes
//! through [`escape`] before it meets the bot's own formatting, so a page cannot make the bot show
//! a disguised link, a heading, a spoiler or a mention. Footers and autocomplete choices are not
//! markdown, so they are left as written.

use crate::ingest::Stage;
use crate::model::ArticleRef;
use crate::query::story::StoryView;
use crate::query::{
    Answer, ArticleList, Candidate, EntityLookup, EntityProfile, QuoteList, QuoteView, SummaryView,
};
use poise::serenity_prelude as serenity;
use std::fmt::Write as _;

pub const MAX_CONTENT: usize = 2000;
pub const MAX_TITLE: usize = 256;
pub const MAX_DESCRIPTION: usize = 4096;
pub const MAX_FIELD_NAME: usize = 256;
pub const MAX_FIELD_VALUE: usize = 1024;
pub const MAX_FIELDS: usize = 25;
pub const MAX_FOOTER: usize = 2048;
pub const MAX_EMBED_TOTAL: usize = 6000;
pub const MAX_EMBEDS: usize = 10;
/// Autocomplete choice names.
pub const MAX_CHOICE_NAME: usize = 100;

/// Embed accent colour.
const COLOUR: u32 = 0x2b6cb0;
/// Longest single quote or sentence shown in a list, so one long item does not crowd the others.
const MAX_ITEM: usize = 700;

/// Length as Discord counts it (UTF-16 code units: a safe upper bound).
pub fn discord_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// `s` cut to at most `max` (UTF-16 units) at a char boundary, ending in `…` when cut.
pub fn cut(s: &str, max: usize) -> String {
    if discord_len(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        // Leave room for the ellipsis (one unit).
        if used + c.len_utf16() > max - 1 {
            break;
        }
        used += c.len_utf16();
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Text from strangers, inert in Discord markdown.
///
/// Formatting characters (`\ * _ ~ | ` and the brackets of masked links) are backslash-escaped
/// wherever they are; so are `<` and `@`, which breaks mention-like text (`@everyone`, `<@123>`,
/// `<#1>`, `<t:1>`). At the start of a line, block markup (`#` headings, `>` quotes, `-`/`+`
/// lists and subtext, `1.` lists) is escaped too. A bare http(s) link is kept as written (a
/// backslash inside it would change where it goes) and wrapped as `<link>`, which Discord shows
/// as the plain address, without a preview card.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut line_start = true;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let after_word = out.chars().next_back().is_some_and(char::is_alphanumeric);
        if !after_word && let Some(len) = bare_link_len(rest) {
            let _ = write!(out, "<{}>", &rest[..len]);
            rest = &rest[len..];
            line_start = false;
            continue;
        }
        if line_start {
            if c == ' ' || c == '\t' {
                out.push(c);
                rest = &rest[1..];
                continue;
            }
            line_start = false;
            if matches!(c, '#' | '>' | '-' | '+') {
                out.push('\\');
            } else if c.is_ascii_digit() {
                // `12. ` would start a numbered list.
                let digits = rest
                    .find(|d: char| !d.is_ascii_digit())
                    .unwrap_or(rest.len());
                let tail = &rest[digits..];
                if tail.starts_with(". ") || tail == "." {
                    out.push_str(&rest[..digits]);
                    out.push_str("\\.");
                    rest = &tail[1..];
                    continue;
                }
            }
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '|' | '`' | '[' | ']' | '<' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
        if c == '\n' {
            line_start = true;
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Length of the http(s) link `s` starts with, as Discord would link it: up to whitespace or
/// `<`, without trailing punctuation. `None` when `s` does not start with one.
fn bare_link_len(s: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].into_iter().find(|p| {
        s.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })?;
    let end = s
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(s.len());
    let link = s[..end].trim_end_matches(['.', ',', ':', ';', '"', '\'', ')', ']']);
    (link.len() > scheme.len()).then_some(link.len())
}

/// Text shown inside a masked link `[text](url)`: brackets would end it early (an escaped one
/// too: Discord finds the end of the text before it reads escapes), the rest is escaped.
fn link_text(s: &str) -> String {
    escape(&s.replace('[', "(").replace(']', ")").replace('\n', " "))
}

/// A URL made safe for a masked link: parentheses and spaces would end it early.
fn link_url(u: &str) -> String {
    u.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}

/// `[title](url)` when the article has a URL, else the plain title; with its `#id`. For embeds,
/// whose links never get a preview card.
pub fn cite(a: &ArticleRef) -> String {
    cite_with(a, false)
}

/// Like [`cite`], for message content: `<url>` keeps Discord from adding a link preview.
pub fn cite_quiet(a: &ArticleRef) -> String {
    cite_with(a, true)
}

fn cite_with(a: &ArticleRef, quiet: bool) -> String {
    let title = link_text(&cut(&a.display_title(), 120));
    match &a.url {
        Some(u) if quiet => format!("[{title}](<{}>) (#{})", link_url(u), a.id),
        Some(u) => format!("[{title}]({}) (#{})", link_url(u), a.id),
        None => format!("{title} (#{})", a.id),
    }
}

/// "site · date · #id" for a footer.
fn byline(a: &ArticleRef) -> String {
    let date = a
        .published
        .as_deref()
        .unwrap_or(&a.ingested_at)
        .get(..10)
        .unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(site) = &a.site {
        parts.push(site.clone());
    }
    if !date.is_empty() {
        parts.push(date.to_string());
    }
    if let Some(by) = &a.byline {
        parts.push(by.clone());
    }
    parts.push(format!("#{}", a.id));
    parts.join(" · ")
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

/// An embed before it becomes a serenity builder: easy to inspect and to fit to the limits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embed {
    pub title: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
}

impl Embed {
    fn titled(title: impl Into<String>) -> Embed {
        Embed {
            title: Some(title.into()),
            ..Embed::default()
        }
    }

    /// An embed about one article: title linked to its source, site and date in the footer.
    fn article(a: &ArticleRef) -> Embed {
        Embed {
            title: Some(escape(&cut(&a.display_title(), MAX_TITLE))),
            url: a.url.clone(),
            footer: Some(byline(a)),
            ..Embed::default()
        }
    }

    fn field(mut self, name: impl Into<String>, value: impl Into<String>, inline: bool) -> Embed {
        let (name, value) = (name.into(), value.into());
        if !value.trim().is_empty() {
            self.fields.push(Field {
                name,
                value,
                inline,
            });
        }
        self
    }

    /// Characters counted against the 6000 total.
    pub fn total_len(&self) -> usize {
        let o = |s: &Option<String>| s.as_deref().map_or(0, discord_len);
        o(&self.title)
            + o(&self.description)
            + o(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| discord_len(&f.name) + discord_len(&f.value))
                .sum::<usize>()
    }

    /// Cut every part to its own limit.
    fn fit_parts(&mut self) {
        let fit = |s: &mut Option<String>, max| {
            if let Some(t) = s {
                *t = cut(t, max);
            }
        };
        fit(&mut self.title, MAX_TITLE);
        fit(&mut self.description, MAX_DESCRIPTION);
        fit(&mut self.footer, MAX_FOOTER);
        self.fields.truncate(MAX_FIELDS);
        for f in &mut self.fields {
            f.name = cut(&f.name, MAX_FIELD_NAME);
            f.value = cut(&f.value, MAX_FIELD_VALUE);
        }
        // A link Discord would reject must not sink the whole message.
        if self
            .url
            .as_deref()
            .is_some_and(|u| !(u.starts_with("http://") || u.starts_with("https://")))
        {
            self.url = None;
        }
    }

    /// Shrink to at most `budget` total characters: drop fields from the end, then cut the
    /// description.
    fn shrink_to(&mut self, budget: usize) {
        while self.total_len() > budget && !self.fields.is_empty() {
            self.fields.pop();
        }
        let over = self.total_len().saturating_sub(budget);
        if over > 0
            && let Some(d) = &mut self.description
        {
            let keep = discord_len(d).saturating_sub(over);
            *d = cut(d, keep);
        }
        let over = self.total_len().saturating_sub(budget);
        if over > 0 {
            self.footer = None;
        }
        let over = self.total_len().saturating_sub(budget);
        if over > 0
            && let Some(t) = &mut self.title
        {
            let keep = discord_len(t).saturating_sub(over);
            *t = cut(t, keep);
        }
    }

    pub fn to_serenity(&self) -> serenity::CreateEmbed {
        let mut e = serenity::CreateEmbed::new().colour(COLOUR);
        if let Some(t) = &self.title {
            e = e.title(t);
        }
        if let Some(u) = &self.url {
            e = e.url(u);
        }
        if let Some(d) = &self.description {
            e = e.description(d);
        }
        for f in &self.fields {
            e = e.field(&f.name, &f.value, f.inline);
        }
        if let Some(f) = &self.footer {
            e = e.footer(serenity::CreateEmbedFooter::new(f));
        }
        e
    }
}

/// A whole message: content and embeds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
}

impl Reply {
    pub fn text(s: impl Into<String>) -> Reply {
        Reply {
            content: Some(s.into()),
            embeds: Vec::new(),
        }
    }

    pub fn embed(e: Embed) -> Reply {
        Reply {
            content: None,
            embeds: vec![e],
        }
    }

    /// The same reply, within every Discord limit.
    pub fn fit(mut self) -> Reply {
        if let Some(c) = &mut self.content {
            *c = cut(c, MAX_CONTENT);
        }
        self.embeds.truncate(MAX_EMBEDS);
        for e in &mut self.embeds {
            e.fit_parts();
        }
        let mut budget = MAX_EMBED_TOTAL;
        for e in &mut self.embeds {
            e.shrink_to(budget);
            budget = budget.saturating_sub(e.total_len());
        }
        self.embeds.retain(|e| e.total_len() > 0);
        self
    }

    fn serenity_embeds(&self) -> Vec<serenity::CreateEmbed> {
        self.embeds.iter().map(Embed::to_serenity).collect()
    }

    /// As a poise reply (first response or follow-up), pinging no one.
    pub fn to_poise(&self) -> poise::CreateReply {
        let fitted = self.clone().fit();
        let mut r = poise::CreateReply::default()
            .allowed_mentions(no_mentions())
            .embeds_from(fitted.serenity_embeds());
        if let Some(c) = fitted.content {
            r = r.content(c);
        }
        r
    }

    /// As an edit of the first response (progress reports, expired pages), pinging no one.
    pub fn to_edit(&self) -> serenity::EditInteractionResponse {
        let fitted = self.clone().fit();
        serenity::EditInteractionResponse::new()
            .content(fitted.content.clone().unwrap_or_default())
            .embeds(fitted.serenity_embeds())
            .allowed_mentions(no_mentions())
    }

    /// As a channel message (an answer to a mention), pinging no one.
    pub fn to_message(&self) -> serenity::CreateMessage {
        let fitted = self.clone().fit();
        let mut m = serenity::CreateMessage::new()
            .embeds(fitted.serenity_embeds())
            .allowed_mentions(no_mentions());
        if let Some(c) = fitted.content {
            m = m.content(c);
        }
        m
    }

    /// As an interaction response message (a first answer without a poise context, or the new
    /// state of a message a button was pressed on), pinging no one.
    pub fn to_update(&self) -> serenity::CreateInteractionResponseMessage {
        let fitted = self.clone().fit();
        serenity::CreateInteractionResponseMessage::new()
            .content(fitted.content.clone().unwrap_or_default())
            .embeds(fitted.serenity_embeds())
            .allowed_mentions(no_mentions())
    }
}

/// Small extension so a list of embeds can be set at once on a poise reply.
trait EmbedsFrom {
    fn embeds_from(self, embeds: Vec<serenity::CreateEmbed>) -> Self;
}

impl EmbedsFrom for poise::CreateReply {
    fn embeds_from(self, embeds: Vec<serenity::CreateEmbed>) -> Self {
        embeds.into_iter().fold(self, poise::CreateReply::embed)
    }
}

/// Allowed mentions that allow nothing: no @everyone, no users, no roles, no reply ping.
/// Article text is untrusted; it must never ping anyone.
pub fn no_mentions() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
        .everyone(false)
        .all_users(false)
        .all_roles(false)
        .empty_users()
        .empty_roles()
        .replied_user(false)
}

/// A short, ephemeral error or refusal. Escaped: some name what a member typed (a site's host).
pub fn error(message: &str) -> Reply {
    Reply::text(format!("⚠️ {}", escape(message)))
}

/// The public confirmation of `/forget`: the article's link without a preview of what is gone.
pub fn forgotten(a: &ArticleRef) -> Reply {
    Reply::text(format!("🗑️ Forgot {}.", cite_quiet(a)))
}

/// One line per item of article text, escaped.
fn bullets<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for s in items {
        let _ = writeln!(out, "• {}", escape(&cut(s.trim(), MAX_ITEM)));
    }
    out
}

pub fn summary(view: &SummaryView) -> Reply {
    let mut e = Embed::article(&view.article);
    e.description = Some(if view.sentences.is_empty() {
        "This article has no summary.".into()
    } else {
        bullets(view.sentences.iter().map(String::as_str))
    });
    Reply::embed(e)
}

/// `/story`: the headline (linked to its article), outlets and dates, the merged summary, who
/// is quoted where and what only one outlet reports.
pub fn story(view: &StoryView) -> Reply {
    let central = view
        .articles
        .iter()
        .find(|a| a.article.id == view.central)
        .map(|a| &a.article);
    let mut e = match central {
        Some(a) => Embed::article(a),
        None => Embed::titled(escape(&cut(&view.headline, MAX_TITLE))),
    };
    e.description = Some(if view.summary.is_empty() {
        "This story has no summary.".into()
    } else {
        let lines: Vec<String> = view
            .summary
            .iter()
            .map(|l| {
                format!(
                    "• {} (#{})",
                    escape(&cut(l.text.trim(), MAX_ITEM)),
                    l.article
                )
            })
            .collect();
        fit_lines(&lines, MAX_DESCRIPTION / 2)
    });
    let outlets: Vec<String> = view
        .articles
        .iter()
        .map(|a| {
            let date = a
                .article
                .published
                .as_deref()
                .map(|d| format!(" · {}", escape(&cut(d, 10))))
                .unwrap_or_default();
            let copy = a
                .copy_of
                .map(|o| format!(" (copy of #{o})"))
                .unwrap_or_default();
            format!("{}{date}{copy}", cite(&a.article))
        })
        .collect();
    // Room kept for the "and N more" line.
    let mut outlets_text = fit_lines(&outlets, MAX_FIELD_VALUE - 40);
    let shown = outlets_text.lines().count();
    let hidden = outlets.len().saturating_sub(shown) + view.more_articles;
    if hidden > 0 {
        let _ = write!(outlets_text, "\n… and {hidden} more");
    }
    let quoted: Vec<String> = view
        .quoted
        .iter()
        .map(|q| {
            let outlets: Vec<String> = q.outlets.iter().map(|o| escape(&cut(o, 60))).collect();
            format!(
                "**{}** in {}: “{}”",
                escape(&cut(&q.speaker, 100)),
                outlets.join(", "),
                escape(&cut(q.quote.trim(), 160).replace('\n', " "))
            )
        })
        .collect();
    let exclusive: Vec<String> = view
        .exclusive
        .iter()
        .map(|l| {
            format!(
                "• {}: {} (#{})",
                escape(&cut(&l.outlet, 60)),
                escape(&cut(l.text.trim(), 300)),
                l.article
            )
        })
        .collect();
    e = e
        .field(
            format!("{} articles", view.articles.len() + view.more_articles),
            outlets_text,
            false,
        )
        .field(
            "Who is quoted where",
            fit_lines(&quoted, MAX_FIELD_VALUE),
            false,
        )
        .field(
            "Only one outlet reports",
            fit_lines(&exclusive, MAX_FIELD_VALUE),
            false,
        );
    e.footer = Some(format!("Story {} · /articles lists every article", view.id));
    Reply::embed(e)
}

fn quote_line(q: &QuoteView, with_article: bool) -> String {
    let text = cut(q.text.trim(), MAX_ITEM).replace('\n', " ");
    let mut line = format!("> “{}”", escape(&text));
    let speaker = q.speaker.as_deref().map_or("unattributed".into(), escape);
    let _ = write!(line, "\n— {speaker}");
    if with_article {
        let _ = write!(line, ", {}", cite(&q.article));
    }
    line
}

/// Quotes from one article (`speaker` is `None`) or by the speaker a member typed (in one
/// article or all).
pub fn quotes(list: &QuoteList, speaker: Option<&str>) -> Reply {
    let mut e = match (speaker, list.quotes.first()) {
        (None, Some(q)) => Embed::article(&q.article),
        (Some(s), _) => Embed::titled(format!("Quotes by {}", escape(&cut(s, 100)))),
        (None, None) => Embed::titled("Quotes"),
    };
    if let (Some(_), Some(resolved)) = (speaker, &list.speaker) {
        e.title = Some(format!("Quotes by {}", escape(&cut(resolved, 200))));
    }
    // A shared name: everyone it may mean, so the member can pick one.
    let several = if list.candidates.is_empty() {
        String::new()
    } else {
        format!(
            "Several match that name; give one by full name to see only theirs:\n{}\n\n",
            candidates(&list.candidates)
        )
    };
    if list.quotes.is_empty() {
        let empty = if !list.suggestions.is_empty() {
            format!(
                "I know nobody by that name. Did you mean: {}?",
                names(&list.suggestions)
            )
        } else if list.page.index == 0 {
            "No quotes found.".into()
        } else {
            "No more quotes.".into()
        };
        e.description = Some(format!("{several}{empty}"));
        return Reply::embed(e);
    }
    let lines: Vec<String> = list
        .quotes
        .iter()
        .map(|q| quote_line(q, speaker.is_some()))
        .collect();
    e.description = Some(format!("{several}{}", lines.join("\n\n")));
    if speaker.is_some() || list.page.index > 0 || list.more {
        e.footer = Some(format!("Page {}", list.page.index + 1));
    }
    Reply::embed(e)
}

/// Names from articles, escaped, comma-separated.
fn names(list: &[String]) -> String {
    list.iter()
        .map(|n| escape(n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn candidates(list: &[Candidate]) -> String {
    list.iter()
        .map(|c| {
            format!(
                "• **{}** ({}, {} article{})",
                escape(&c.name),
                c.kind.as_str(),
                c.articles,
                plural(c.articles)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn entity(name: &str, lookup: &EntityLookup) -> Reply {
    let name = escape(&cut(name, 100));
    match lookup {
        EntityLookup::Found { profile } => Reply::embed(entity_profile(profile)),
        EntityLookup::Ambiguous { candidates: c } => {
            let mut e = Embed::titled(format!("Several names match “{name}”"));
            e.description = Some(format!("Which one do you mean?\n{}", candidates(c)));
            Reply::embed(e)
        }
        EntityLookup::Unknown { suggestions } => {
            let mut text = format!("I know nobody and nothing called “{name}” here.");
            if !suggestions.is_empty() {
                let _ = write!(text, " Did you mean:\n{}", candidates(suggestions));
            }
            Reply::text(text)
        }
    }
}

fn entity_profile(p: &EntityProfile) -> Embed {
    let mut e = Embed::titled(escape(&p.name));
    let mut d = format!(
        "{} · in {} article{} · {} mention{}",
        p.kind.as_str(),
        p.articles,
        plural(p.articles),
        p.mentions,
        plural(p.mentions)
    );
    if !p.roles.is_empty() {
        let _ = write!(d, "\n**Roles:** {}", names(&p.roles));
    }
    if let Some(typed) = &p.matched_from {
        let _ = write!(d, "\n_(closest match for “{}”)_", escape(&cut(typed, 100)));
    }
    e.description = Some(d);
    e = e.field("Also called", names(&p.aliases), false);
    let seen = match (&p.first_seen, &p.last_seen) {
        (Some(f), Some(l)) if f.get(..10) != l.get(..10) => format!(
            "{} → {}",
            f.get(..10).unwrap_or(f),
            l.get(..10).unwrap_or(l)
        ),
        (Some(f), _) => f.get(..10).unwrap_or(f).to_string(),
        _ => String::new(),
    };
    e = e.field("Seen", seen, true);
    let related = p
        .related
        .iter()
        .map(|r| format!("{} ({})", escape(&r.name), r.articles))
        .collect::<Vec<_>>()
        .join(", ");
    e = e.field("Often mentioned with", related, false);
    let quotes = p
        .quotes
        .iter()
        .take(3)
        .map(|q| {
            format!(
                "> “{}”\n{}",
                escape(&cut(q.text.trim(), 300).replace('\n', " ")),
                cite(&q.article)
            )
        })
        .collect::<Vec<_>>();
    e = e.field("Quotes", fit_lines(&quotes, MAX_FIELD_VALUE), false);
    let latest = p
        .latest
        .iter()
        .take(3)
        .map(|m| {
            let sentence = escape(&cut(m.sentence.trim(), 300));
            format!("{sentence} — {}", cite(&m.article))
        })
        .collect::<Vec<_>>();
    e = e.field(
        "Latest mentions",
        fit_lines(&latest, MAX_FIELD_VALUE),
        false,
    );
    e
}

/// Join whole lines while they fit in `max`, so a field never ends mid-citation.
fn fit_lines(lines: &[String], max: usize) -> String {
    let mut out = String::new();
    for l in lines {
        let sep = if out.is_empty() { "" } else { "\n" };
        if discord_len(&out) + discord_len(sep) + discord_len(l) > max {
            if out.is_empty() {
                out = cut(l, max);
            }
            break;
        }
        out.push_str(sep);
        out.push_str(l);
    }
    out
}

pub fn answer(question: &str, a: &Answer) -> Reply {
    let mut e = Embed::titled(escape(&cut(question, 200)));
    if !a.found() {
        e.description = Some(format!(
            "{} Try /articles to search them, or /entity to look a name up.",
            escape(&a.lead_in)
        ));
        return Reply::embed(e);
    }
    let mut d = String::new();
    // The short answer first, in bold, then the lead-in and the sentences it comes from.
    if let Some(short) = &a.answer {
        let _ = writeln!(d, "**{}**", escape(&cut(short.text.trim(), 200)));
    }
    let _ = writeln!(d, "{}", escape(&a.lead_in));
    // The LLM's wording first (it cites the numbered sources below), then the sources.
    if let Some(text) = &a.rephrased {
        let _ = write!(d, "\n{}\n", escape(&cut(text.trim(), MAX_ITEM * 2)));
    }
    for (i, c) in a.sources.iter().enumerate() {
        let _ = write!(
            d,
            "\n**{}.** {}\n— {}\n",
            i + 1,
            escape(&cut(c.sentence.trim(), MAX_ITEM)),
            cite(&c.article)
        );
    }
    e.description = Some(d);
    Reply::embed(e)
}

/// An article in a list: its link, site and date.
/// What `/articles` adds under an article: its copies' outlets, its original, its story.
fn article_note(n: &crate::query::ArticleNote) -> String {
    let mut out = String::new();
    if !n.also_published_by.is_empty() {
        let outlets: Vec<String> = n
            .also_published_by
            .iter()
            .take(5)
            .map(|o| escape(&cut(o, 60)))
            .collect();
        let _ = write!(out, "\n  ↳ also published by {}", outlets.join(", "));
        if n.also_published_by.len() > 5 {
            let _ = write!(out, " and {} more", n.also_published_by.len() - 5);
        }
    }
    if let Some(o) = n.copy_of {
        let _ = write!(out, "\n  ↳ copy of #{o}");
    }
    if let Some(first) = n.story.filter(|_| n.story_size > 1) {
        let _ = write!(
            out,
            "\n  ↳ one of {} articles on a story (/story #{first})",
            n.story_size
        );
    }
    out
}

fn article_line(a: &ArticleRef) -> String {
    // Site, date and authors come from the page: escaped, unlike in a footer.
    let site_date = byline(a);
    let site_date = site_date.rsplit_once(" · ").map_or("", |x| x.0);
    format!("{} — {}", cite(a), escape(site_date))
        .trim_end_matches(" — ")
        .to_string()
}

/// "more" in a conversation: the next sources of `question`.
pub fn more(question: &str, a: &Answer) -> Reply {
    if !a.found() {
        let mut e = Embed::titled(escape(&cut(question, 200)));
        e.description = Some(format!(
            "{} Ask another question, or /articles to browse them.",
            escape(&a.lead_in)
        ));
        return Reply::embed(e);
    }
    answer(question, a)
}

/// "source?" in a conversation: the articles of the last answer.
pub fn sources(articles: &[ArticleRef]) -> Reply {
    let mut e = Embed::titled("Sources");
    if articles.is_empty() {
        e.description = Some("Those articles are no longer stored.".into());
        return Reply::embed(e);
    }
    let lines: Vec<String> = articles.iter().map(article_line).collect();
    e.description = Some(fit_lines(&lines, MAX_DESCRIPTION));
    Reply::embed(e)
}

/// One line of the bot's own about a conversation (nothing from strangers in it).
pub fn conversation_note(text: &str) -> Reply {
    Reply::text(text)
}

/// The one-line help for a mention that asks nothing.
pub fn conversation_help() -> Reply {
    conversation_note(
        "Ask me about the stored news: mention me with a question (“who is Hewitt?”) or a link to \
         read, then follow up with “what did he say?”, “and Trump?”, “more”, “source?”, \
         “summarize it” or “quotes?”. /help lists my commands.",
    )
}

pub fn articles(list: &ArticleList, search: Option<&str>) -> Reply {
    let title = match search {
        Some(s) => format!("Articles matching “{}”", escape(&cut(s, 100))),
        None => "Stored articles".to_string(),
    };
    let mut e = Embed::titled(title);
    if list.articles.is_empty() {
        e.description = Some(if list.page.index > 0 {
            "No more articles.".into()
        } else if search.is_some() {
            "No stored article matches that.".into()
        } else {
            "Nothing stored yet: add a link with /ingest.".into()
        });
        return Reply::embed(e);
    }
    let lines: Vec<String> = list
        .articles
        .iter()
        .map(|a| {
            let line = article_line(a);
            match list.notes.get(&a.id) {
                Some(n) => format!("{line}{}", article_note(n)),
                None => line,
            }
        })
        .collect();
    e.description = Some(fit_lines(&lines, MAX_DESCRIPTION));
    e.footer = Some(format!("Page {}", list.page.index + 1));
    Reply::embed(e)
}

/// One line per link of an `/ingest`, updated as it goes.
#[derive(Debug, Clone)]
pub enum LinkStatus {
    Waiting,
    Working(Stage),
    Stored(ArticleRef),
    Duplicate(ArticleRef),
    Failed(String),
}

/// The `/ingest` reply: a status line per link, and the summary of each newly stored article.
pub fn ingest_progress(links: &[(String, LinkStatus)], summaries: &[SummaryView]) -> Reply {
    let mut content = String::new();
    for (link, status) in links {
        // A link is shown as `<link>` (no preview card); anything else as inert text.
        let shown = escape(&cut(link, 200));
        let line = match status {
            LinkStatus::Waiting => format!("⏳ {shown} waiting"),
            LinkStatus::Working(stage) => format!("⏳ {shown} {}…", stage.label()),
            LinkStatus::Stored(a) => format!("✅ stored {}", cite_quiet(a)),
            LinkStatus::Duplicate(a) => format!("↩️ already stored as {}", cite_quiet(a)),
            LinkStatus::Failed(why) => format!("❌ {shown}: {}", escape(why)),
        };
        let _ = writeln!(content, "{line}");
    }
    let embeds = summaries.iter().flat_map(|s| summary(s).embeds).collect();
    Reply {
        content: Some(content.trim_end().to_string()),
        embeds,
    }
}

/// `/help`: every command with its description.
pub fn help(commands: &[(String, String)]) -> Reply {
    let mut e = Embed::titled("newsdesk");
    let mut d = String::from(
        "I read news links, keep their summary, quotes and names, and answer questions about them. \
         Everything is stored per server.\n\n",
    );
    for (name, description) in commands {
        let _ = writeln!(d, "**/{name}** — {description}");
    }
    e.description = Some(d);
    Reply::embed(e)
}

/// A feed's new article, or its daily digest: a message in the feed's channel. Titles link
/// without a preview card (unless `previews`; a digest never has them); the published time is a Discord timestamp (shown in each reader's
/// zone); everything from the site is escaped, so nothing in it can ping.
pub fn feed_post(post: &crate::feeds::FeedPost, previews: bool) -> Reply {
    let mut out = String::new();
    if let Some(day) = &post.digest_day {
        let feed = post.feed_title.as_deref().unwrap_or("Feed");
        let _ = writeln!(
            out,
            "🗞️ **{}: the day's articles ({day})**",
            escape(&cut(feed, 100))
        );
        let mut story = None;
        for a in &post.articles {
            // An article of the story above is listed under it.
            let bullet = if a.story.is_some() && a.story == story {
                "  ◦"
            } else {
                "•"
            };
            story = a.story;
            let line = a
                .summary
                .first()
                .map(|s| cut(s.trim(), 200))
                .unwrap_or_default();
            let site = a
                .article
                .site
                .as_deref()
                .map(|s| format!(" ({})", escape(&cut(s, 60))))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{bullet} **{}**{site}: {}",
                cite_quiet(&a.article),
                escape(&line)
            );
        }
        return Reply::text(out.trim_end().to_string()).fit();
    }
    for a in &post.articles {
        let title = if previews {
            cite(&a.article)
        } else {
            cite_quiet(&a.article)
        };
        let _ = writeln!(out, "📰 **{title}**");
        let mut meta = Vec::new();
        if let Some(site) = &a.article.site {
            meta.push(escape(&cut(site, 80)));
        }
        if let Some(t) = a
            .article
            .published
            .as_deref()
            .and_then(|p| chrono::DateTime::parse_from_rfc3339(p).ok())
        {
            meta.push(format!("<t:{}:f>", t.timestamp()));
        }
        if !meta.is_empty() {
            let _ = writeln!(out, "{}", meta.join(" · "));
        }
        let summary = a.summary.join(" ");
        if !summary.trim().is_empty() {
            let _ = writeln!(out, "{}", escape(&cut(summary.trim(), 900)));
        }
        if let Some(q) = &a.quote {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            let _ = writeln!(
                out,
                "> “{}” — {}",
                escape(&cut(q.text.trim(), 400)).replace('\n', " "),
                escape(&cut(who, 80))
            );
        }
    }
    Reply::text(out.trim_end().to_string()).fit()
}

/// `/feed list`: one line per feed with its state.
pub fn feed_list(feeds: &[crate::feeds::FeedStatus]) -> Reply {
    if feeds.is_empty() {
        return Reply::text("No feeds here yet: `/feed add url` follows one.");
    }
    let mut out = String::from("**Feeds**\n");
    for s in feeds {
        let f = &s.feed;
        let title = link_text(&cut(f.title.as_deref().unwrap_or("(untitled)"), 80));
        let mut state = Vec::new();
        if f.paused {
            state.push("⏸️ paused".to_string());
        }
        if s.failing {
            state.push(format!("⚠️ failing ({} tries)", f.failures));
        }
        if f.mode == crate::store::FeedMode::Digest {
            state.push("daily digest".into());
        }
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(" — {}", state.join(", "))
        };
        let channel = if f.channel_id == 0 {
            String::new()
        } else {
            format!(" in <#{}>", f.channel_id)
        };
        let _ = writeln!(
            out,
            "`#{}` [{title}](<{}>){channel}{state} · {} posted",
            f.id,
            link_url(&f.url),
            s.posted
        );
        if s.failing
            && let Some(e) = &f.last_error
        {
            let _ = writeln!(out, "   last error: {}", escape(&cut(e, 200)));
        }
        if let Some((what, why)) = &s.last_skipped {
            let _ = writeln!(
                out,
                "   skipped: {} ({})",
                escape(&cut(what, 80)),
                escape(&cut(why, 120))
            );
        }
    }
    Reply::text(out.trim_end().to_string()).fit()
}

/// A feed added, removed, paused or resumed.
pub fn feed_changed(verb: &str, f: &crate::store::FeedRow) -> Reply {
    let title = link_text(&cut(f.title.as_deref().unwrap_or("(untitled)"), 100));
    Reply::text(format!(
        "{verb} feed `#{}` [{title}](<{}>).",
        f.id,
        link_url(&f.url)
    ))
}

#[cfg(test)]
mod feed_tests {
    use super::*;
    use crate::feeds::{ArticlePost, FeedPost, PostQuote};
    use crate::model::{ArticleId, ArticleRef, Scope};

    fn post(digest: Option<&str>) -> FeedPost {
        let article = ArticleRef {
            id: ArticleId(3),
            title: Some("Ferry [line] @everyone".into()),
            url: Some("https://news.example/a(1)".into()),
            site: Some("Harbour *Times*".into()),
            published: Some("2026-03-02T06:00:00+00:00".into()),
            byline: None,
            ingested_at: "2026-03-02T06:10:00Z".into(),
        };
        FeedPost {
            feed_id: 1,
            scope: Scope::Guild(1),
            channel_id: 2,
            feed_title: Some("Harbour Times".into()),
            digest_day: digest.map(str::to_string),
            articles: vec![ArticlePost {
                article,
                summary: vec!["One <@123> sentence.".into(), "Two.".into()],
                quote: Some(PostQuote {
                    text: "We will <@&5> watch".into(),
                    speaker: Some("Mara Quill".into()),
                }),
                story: None,
            }],
        }
    }

    #[test]
    fn a_feed_post_links_without_preview_and_pings_no_one() {
        let text = feed_post(&post(None), false).content.unwrap();
        let previewed = feed_post(&post(None), true).content.unwrap();
        assert!(
            previewed.contains("](https://news.example/a%281%29)"),
            "{previewed}"
        );
        assert!(
            text.starts_with("📰 **[Ferry (line) \\@everyone](<https://news.example/a%281%29>)"),
            "{text}"
        );
        assert!(
            text.contains("Harbour \\*Times\\* · <t:1772431200:f>"),
            "{text}"
        );
        assert!(text.contains("One \\<\\@123> sentence. Two."), "{text}");
        assert!(
            text.contains("> “We will \\<\\@&5> watch” — Mara Quill"),
            "{text}"
        );
        let digest = feed_post(&post(Some("2026-03-02")), false).content.unwrap();
        assert!(
            digest.starts_with("🗞️ **Harbour Times: the day's articles (2026-03-02)**"),
            "{digest}"
        );
        assert!(digest.contains("• **[Ferry"), "{digest}");
        assert!(digest.ends_with(": One \\<\\@123> sentence."), "{digest}");
        // Articles of one story: the later ones under the first.
        let mut grouped = post(Some("2026-03-02"));
        grouped.articles[0].story = Some(9);
        let mut second = grouped.articles[0].clone();
        second.article.id = ArticleId(4);
        grouped.articles.push(second);
        let text = feed_post(&grouped, false).content.unwrap();
        let bullets: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split(" **").next().filter(|_| l.contains("[Ferry")))
            .collect();
        assert_eq!(bullets, ["•", "  ◦"], "{text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;
    use crate::query::Page;

    fn article(title: &str) -> ArticleRef {
        ArticleRef {
            id: ArticleId(7),
            title: Some(title.into()),
            url: Some("https://news.example/a(1)".into()),
            site: Some("news.example".into()),
            published: Some("2026-03-04T10:00:00Z".into()),
            byline: None,
            ingested_at: "2026-03-05T00:00:00Z".into(),
        }
    }

    fn assert_within_limits(r: &Reply) {
        if let Some(c) = &r.content {
            assert!(discord_len(c) <= MAX_CONTENT);
        }
        assert!(r.embeds.len() <= MAX_EMBEDS);
        let mut total = 0;
        for e in &r.embeds {
            assert!(e.title.as_deref().map_or(0, discord_len) <= MAX_TITLE);
            assert!(e.description.as_deref().map_or(0, discord_len) <= MAX_DESCRIPTION);
            assert!(e.fields.len() <= MAX_FIELDS);
            for f in &e.fields {
                assert!(discord_len(&f.name) <= MAX_FIELD_NAME);
                assert!(discord_len(&f.value) <= MAX_FIELD_VALUE);
            }
            total += e.total_len();
        }
        assert!(total <= MAX_EMBED_TOTAL, "total {total}");
    }

    #[test]
    fn cut_respects_char_boundaries_and_marks_the_cut() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("abcdef", 4), "abc…");
        let s = "é".repeat(10);
        let c = cut(&s, 5);
        assert_eq!(c, "éééé…");
        // An emoji is two UTF-16 units; it is never split.
        let c = cut("😀😀😀", 4);
        assert_eq!(c, "😀…");
        assert!(discord_len(&c) <= 4);
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn every_limit_is_enforced() {
        let long = "word ".repeat(3000);
        let e = Embed {
            title: Some(long.clone()),
            url: Some("javascript:alert(1)".into()),
            description: Some(long.clone()),
            fields: (0..40)
                .map(|i| Field {
                    name: format!("{i}{long}"),
                    value: long.clone(),
                    inline: false,
                })
                .collect(),
            footer: Some(long.clone()),
        };
        let r = Reply {
            content: Some(long.clone()),
            embeds: vec![e; 12],
        }
        .fit();
        assert_within_limits(&r);
        assert!(r.content.as_deref().unwrap().ends_with('…'));
        assert_eq!(r.embeds[0].url, None, "non-http links are dropped");
    }

    /// What Discord shows for escaped text: escapes resolved, `<link>` wrappers dropped.
    fn shown(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                '<' => {
                    let inner: String = chars.by_ref().take_while(|&c| c != '>').collect();
                    assert!(
                        inner.to_lowercase().starts_with("http"),
                        "a bare < in {s:?}"
                    );
                    out.push_str(&inner);
                }
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_neutralises_markdown_links_and_mentions() {
        let cases = [
            (
                "[Claim your prize](https://evil.example/win)",
                "\\[Claim your prize\\](<https://evil.example/win>)",
            ),
            ("# Big news", "\\# Big news"),
            ("intro\n## Sub\n  > quoted", "intro\n\\## Sub\n  \\> quoted"),
            ("- item\n-# small\n+ plus", "\\- item\n\\-# small\n\\+ plus"),
            ("1. first\n12.", "1\\. first\n12\\."),
            ("hide ||this|| now", "hide \\|\\|this\\|\\| now"),
            ("a `stray backtick", "a \\`stray backtick"),
            (
                "**b** __u__ ~~s~~ *i*",
                "\\*\\*b\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\*i\\*",
            ),
            (
                "@everyone <@123> <@&5> <#7> <t:1:R> </ask:9>",
                "\\@everyone \\<\\@123> \\<\\@&5> \\<#7> \\<t:1:R> \\</ask:9>",
            ),
            ("a\\b", "a\\\\b"),
            // Links keep their exact address (underscores too) and lose their preview.
            (
                "see https://a.example/x_y?q=1. Next",
                "see <https://a.example/x_y?q=1>. Next",
            ),
            ("(HTTPS://a.example/b)", "(<HTTPS://a.example/b>)"),
        ];
        for (raw, escaped) in cases {
            assert_eq!(escape(raw), escaped, "{raw:?}");
            assert_eq!(shown(&escape(raw)), raw, "shown as written: {raw:?}");
        }
        // Ordinary text is untouched, numbers and dates included.
        for plain in [
            "Mara Quill, the council's transport chief, said 3.5 million.",
            "2026 was calm (mostly) — #1 in the region; 40% said so!",
            "Only http:// and https:// links can be read.",
            "Zelenský met Ünal in Zürich",
        ] {
            assert_eq!(escape(plain), plain);
        }
    }

    #[test]
    fn article_text_in_replies_is_escaped_but_the_bots_own_formatting_is_not() {
        let mut a = article("**Win** a ||boat||");
        a.url = Some("https://news.example/boat".into());
        a.byline = Some("Jo _Smith_".into());
        let view = SummaryView {
            article: a.clone(),
            sentences: vec!["# [Claim your prize](https://evil.example) @everyone".into()],
        };
        let e = &summary(&view).fit().embeds[0];
        assert_eq!(
            e.title.as_deref(),
            Some("\\*\\*Win\\*\\* a \\|\\|boat\\|\\|")
        );
        assert_eq!(
            e.description.as_deref(),
            Some("• \\# \\[Claim your prize\\](<https://evil.example>) \\@everyone\n")
        );
        // Footers are not markdown: as written.
        assert!(e.footer.as_deref().unwrap().contains("Jo _Smith_"));
        assert_eq!(
            cite(&a),
            "[\\*\\*Win\\*\\* a \\|\\|boat\\|\\|](https://news.example/boat) (#7)"
        );
        let list = ArticleList {
            articles: vec![a.clone()],
            page: Page::first(10),
            more: false,
            notes: Default::default(),
        };
        let d = articles(&list, Some("`x")).fit().embeds[0].clone();
        assert_eq!(d.title.as_deref(), Some("Articles matching “\\`x”"));
        assert!(
            d.description
                .as_deref()
                .unwrap()
                .ends_with("— news.example · 2026-03-04 · Jo \\_Smith\\_"),
            "{:?}",
            d.description
        );
        let quote = QuoteView {
            text: "It is *fine*".into(),
            speaker: Some("Ada <@1>".into()),
            article: a.clone(),
        };
        let list = QuoteList {
            quotes: vec![quote],
            page: Page::first(5),
            more: false,
            speaker: None,
            candidates: Vec::new(),
            suggestions: Vec::new(),
        };
        assert_eq!(
            quotes(&list, None).embeds[0].description.as_deref(),
            Some("> “It is \\*fine\\*”\n— Ada \\<\\@1>")
        );
        let unknown = EntityLookup::Unknown {
            suggestions: vec![Candidate {
                name: "Eve_Online".into(),
                kind: crate::analysis::EntityKind::Person,
                articles: 1,
            }],
        };
        assert_eq!(
            entity("@here", &unknown).content.as_deref(),
            Some(
                "I know nobody and nothing called “\\@here” here. Did you mean:\n\
                 • **Eve\\_Online** (person, 1 article)"
            )
        );
    }

    #[test]
    fn content_links_never_get_a_preview() {
        let r = forgotten(&article("Gone"));
        assert_eq!(
            r.content.as_deref(),
            Some("🗑️ Forgot [Gone](<https://news.example/a%281%29>) (#7).")
        );
        let r = error("Could not find the site https://x.example/a");
        assert_eq!(
            r.content.as_deref(),
            Some("⚠️ Could not find the site <https://x.example/a>")
        );
    }

    #[test]
    fn citations_survive_brackets_in_titles_and_urls() {
        let a = article("A [bad] title");
        assert_eq!(
            cite(&a),
            "[A (bad) title](https://news.example/a%281%29) (#7)"
        );
    }

    #[test]
    fn summary_links_the_title_and_names_site_and_date() {
        let view = SummaryView {
            article: article("Budget passes"),
            sentences: vec!["One.".into(), "Two.".into()],
        };
        let r = summary(&view).fit();
        let e = &r.embeds[0];
        assert_eq!(e.title.as_deref(), Some("Budget passes"));
        assert_eq!(e.url.as_deref(), Some("https://news.example/a(1)"));
        assert_eq!(e.footer.as_deref(), Some("news.example · 2026-03-04 · #7"));
        assert_eq!(e.description.as_deref(), Some("• One.\n• Two.\n"));
    }

    #[test]
    fn long_quote_lists_stay_within_limits() {
        let q = QuoteView {
            text: "It is “fine” ".repeat(200),
            speaker: Some("Ada Example".into()),
            article: article("T"),
        };
        let list = QuoteList {
            quotes: vec![q; 10],
            page: Page::first(10),
            more: true,
            speaker: Some("Ada Example".into()),
            candidates: Vec::new(),
            suggestions: Vec::new(),
        };
        let r = quotes(&list, Some("Ada")).fit();
        assert_within_limits(&r);
        assert_eq!(r.embeds[0].footer.as_deref(), Some("Page 1"));
    }

    #[test]
    fn mentions_are_all_disallowed() {
        let v = serde_json::to_value(no_mentions()).unwrap();
        assert_eq!(v["parse"], serde_json::json!([]));
        assert_eq!(v["users"], serde_json::json!([]));
        assert_eq!(v["roles"], serde_json::json!([]));
        assert_eq!(v["replied_user"], serde_json::json!(false));
    }

    #[test]
    fn progress_lists_each_link() {
        let r = ingest_progress(
            &[
                (
                    "https://a.example/1".into(),
                    LinkStatus::Working(Stage::Fetching),
                ),
                (
                    "https://a.example/2".into(),
                    LinkStatus::Failed("Nope.".into()),
                ),
                ("page.html".into(), LinkStatus::Stored(article("T"))),
            ],
            &[],
        );
        assert_eq!(
            r.content.as_deref(),
            Some(
                "⏳ <https://a.example/1> fetching…\n❌ <https://a.example/2>: Nope.\n\
                 ✅ stored [T](<https://news.example/a%281%29>) (#7)"
            )
        );
    }
}
