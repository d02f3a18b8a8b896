//! Questions asked by mentioning the bot, and the conversation that follows.
//!
//! "@newsdesk who is Hewitt?" is answered as `/ask` answers, in a thread started from the
//! question (`discord.conversation = "thread"`) or as a reply ("reply", and wherever a thread
//! cannot be created). Later messages there are follow-ups read by [`super::conversation`]
//! against the conversation's state, which is kept in the database for
//! `discord.conversation_minutes`. A link in the question is read first (editors only, as with
//! `/ingest`) and the question answered about it.
//!
//! Discord only shows a bot the text of messages that mention it (a reply that pings it counts)
//! and of DMs, unless it has the privileged Message Content intent. So a message whose text did
//! not arrive is never a question, and only with `discord.message_content` on is a message in a
//! conversation thread a follow-up without a mention. Bots (this one included), forwarded
//! messages, and mentions inside quoted lines are ignored; answers ping no one.

use super::conversation::{self, QuotesOf, State, Turn};
use super::render::{self, Reply};
use super::{BotError, Data, autoingest};
use crate::config::ConversationMode;
use crate::ingest::{Ingested, Source};
use crate::model::{ArticleId, ArticleRef, Scope};
use crate::ops::CommandOutcome;
use crate::query::{Answer, AskContext, Page};
use crate::store::ConversationRow;
use poise::serenity_prelude as serenity;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

/// The name mentions are counted under in [`super::Hooks::command_finished`].
pub const HOOK_NAME: &str = "mention";
/// Quotes shown for "quotes?".
const QUOTES_SHOWN: usize = 5;
/// How often Discord's typing indicator is renewed while an answer is prepared (it lasts ~10 s).
const TYPING_EVERY: Duration = Duration::from_secs(7);
/// Longest thread name Discord accepts.
const THREAD_NAME_CHARS: usize = 100;

/// A message as far as deciding whether it is for the bot.
#[derive(Debug, Clone, Default)]
pub struct Incoming<'a> {
    pub content: &'a str,
    pub bot: u64,
    /// Written by a bot (this one included) or a webhook, or a system message.
    pub from_bot: bool,
    pub dm: bool,
    /// A forwarded message (its text is someone else's).
    pub forwarded: bool,
    /// A reply to one of the bot's messages.
    pub reply_to_bot: bool,
    /// A reply to someone else's message.
    pub reply_to_other: bool,
    /// It mentions people or roles other than the bot.
    pub mentions_others: bool,
}

impl<'a> Incoming<'a> {
    pub fn of(msg: &'a serenity::Message, bot: serenity::UserId) -> Incoming<'a> {
        use serenity::{MessageReferenceKind, MessageType};
        let replied = msg.referenced_message.as_deref().map(|m| m.author.id);
        Incoming {
            content: &msg.content,
            bot: bot.get(),
            from_bot: msg.author.bot
                || msg.author.id == bot
                || msg.webhook_id.is_some()
                || !matches!(msg.kind, MessageType::Regular | MessageType::InlineReply),
            dm: msg.guild_id.is_none(),
            forwarded: !msg.message_snapshots.is_empty()
                || msg
                    .message_reference
                    .as_ref()
                    .is_some_and(|r| r.kind == MessageReferenceKind::Forward),
            reply_to_bot: replied == Some(bot),
            reply_to_other: replied.is_some_and(|r| r != bot),
            mentions_others: msg.mention_everyone
                || !msg.mention_roles.is_empty()
                || msg.mentions.iter().any(|u| u.id != bot),
        }
    }
}

/// Whether a message is for the bot, and its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressed {
    /// Not for the bot.
    Ignore,
    /// It mentions the bot (outside quotes), replies to it, or is a DM.
    Mention(String),
    /// A plain message: a follow-up only inside a conversation thread, with Message Content on.
    Unmentioned(String),
}

/// Whom `m` is for, and what it asks (quoted lines and mentions left out).
pub fn addressed(m: &Incoming<'_>) -> Addressed {
    if m.from_bot || m.forwarded || m.content.trim().is_empty() {
        return Addressed::Ignore;
    }
    let own = unquoted(m.content);
    let bot = [format!("<@{}>", m.bot), format!("<@!{}>", m.bot)];
    let tagged = bot.iter().any(|b| own.contains(b.as_str()));
    let others = MENTION
        .find_iter(&own)
        .any(|t| !bot.iter().any(|b| b == t.as_str()));
    let question = question_text(&own);
    if m.dm || tagged || m.reply_to_bot {
        Addressed::Mention(question)
    } else if others || m.mentions_others || m.reply_to_other || question.is_empty() {
        // Talk between members.
        Addressed::Ignore
    } else {
        Addressed::Unmentioned(question)
    }
}

/// The lines of `content` that are not quoted (`> line`, or everything after `>>> `).
fn unquoted(content: &str) -> String {
    let mut out = Vec::new();
    for line in content.lines() {
        let t = line.trim_start();
        if t.starts_with(">>> ") || t == ">>>" {
            break;
        }
        if t.starts_with("> ") || t == ">" {
            continue;
        }
        out.push(line);
    }
    out.join("\n")
}

/// Mentions of users, roles and channels, as Discord writes them in a message.
static MENTION: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"<(?:@[!&]?|#)\d+>").expect("a valid pattern"));

/// The question in a message: its own text without mentions, on one line.
fn question_text(own: &str) -> String {
    let without = MENTION.replace_all(own, " ");
    without.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The question without its links.
fn without_links(question: &str) -> String {
    question
        .split_whitespace()
        .filter(|w| {
            let w = w.to_ascii_lowercase();
            !(w.contains("http://") || w.contains("https://"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One conversation's turns are taken one at a time, so a quick follow-up reads the state the
/// previous answer left.
#[derive(Default)]
pub struct Turns(std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>);

impl Turns {
    fn of(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Locks nobody holds or waits for are dropped as we go.
        map.retain(|_, l| Arc::strong_count(l) > 1);
        map.entry(key.to_string()).or_default().clone()
    }
}

/// Where the conversation of a message is held and answered.
struct Place {
    /// `thread:<channel>` or `reply:<channel>:<user>`.
    key: String,
    channel: serenity::ChannelId,
    /// Answers reply to the question message (not in a thread started from it).
    reply: bool,
    mode: ConversationMode,
}

fn reply_key(msg: &serenity::Message) -> String {
    format!("reply:{}:{}", msg.channel_id, msg.author.id)
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Handle a message if it is for the bot; `false` when it was not (other handlers may read it).
pub async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    bot: serenity::UserId,
    msg: &serenity::Message,
) -> bool {
    let (question, mentioned) = match addressed(&Incoming::of(msg, bot)) {
        Addressed::Ignore => return false,
        Addressed::Mention(q) => (q, true),
        Addressed::Unmentioned(q) => (q, false),
    };
    let config = &data.desk.config().discord;
    let not_before = now_secs()
        .saturating_sub(i64::try_from(config.conversation_minutes * 60).unwrap_or(i64::MAX));
    // A live conversation thread this message is in.
    let thread_key = format!("thread:{}", msg.channel_id);
    let in_thread = match msg.guild_id {
        Some(_) => match data
            .desk
            .store()
            .conversation(&thread_key, not_before)
            .await
        {
            Ok(found) => found.is_some(),
            Err(e) => {
                tracing::error!(error = ?e, "cannot read a conversation");
                return mentioned;
            }
        },
        None => false,
    };
    if !(mentioned || in_thread && config.message_content) {
        return false;
    }
    let started = Instant::now();
    let outcome = turn(ctx, data, msg, &question, in_thread, not_before).await;
    data.hooks
        .command_finished(HOOK_NAME, outcome, started.elapsed());
    true
}

/// One turn of a conversation, from the checks to the saved state.
async fn turn(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
    question: &str,
    in_thread: bool,
    not_before: i64,
) -> CommandOutcome {
    let config = &data.desk.config().discord;
    let here = Place {
        key: reply_key(msg),
        channel: msg.channel_id,
        reply: true,
        mode: ConversationMode::Reply,
    };
    let checked = data
        .guard
        .scope(msg.guild_id.map(|g| g.get()), msg.author.id.get())
        .and_then(|scope| data.guard.command(msg.author.id.get()).map(|()| scope));
    let scope = match checked {
        Ok(scope) => scope,
        Err(denied) => {
            let error = BotError::from(denied);
            say(ctx, &here, msg, &render::error(&error.user_message())).await;
            return error.outcome();
        }
    };
    if matches!(
        conversation::interpret(question, &State::default()),
        Turn::Help
    ) {
        say(ctx, &here, msg, &render::conversation_help()).await;
        return CommandOutcome::Ok;
    }

    if !autoingest::links_in(question).is_empty() && !may_edit(ctx, data, msg) {
        // Refused before a thread is started for it.
        let error = not_an_editor();
        say(ctx, &here, msg, &render::error(&error.user_message())).await;
        return error.outcome();
    }

    let place = if in_thread {
        Place {
            key: format!("thread:{}", msg.channel_id),
            reply: true,
            mode: ConversationMode::Thread,
            ..here
        }
    } else if msg.guild_id.is_some() && config.conversation == ConversationMode::Thread {
        match start_thread(ctx, msg, question).await {
            Some(thread) => Place {
                key: format!("thread:{thread}"),
                channel: thread,
                reply: false,
                mode: ConversationMode::Thread,
            },
            None => here,
        }
    } else {
        here
    };
    let lock = data.conversations.of(&place.key);
    let _turn = lock.lock().await;
    if !place.reply {
        // A new thread is a conversation from now on: a follow-up arriving while this answer is
        // prepared is then read as one, and waits for it.
        save(data, &place.key, scope, State::default(), not_before).await;
    }
    let _typing = Typing::start(ctx, place.channel).await;

    let mut state = match data.desk.store().conversation(&place.key, not_before).await {
        Ok(Some(row)) if row.scope == scope => serde_json::from_str(&row.state).unwrap_or_else(|e| {
            tracing::warn!(error = %e, key = place.key, "unreadable conversation state; starting over");
            State::default()
        }),
        Ok(_) => State::default(),
        Err(e) => {
            let error = BotError::Core(e);
            tracing::error!(error = ?error, "cannot read a conversation");
            say(ctx, &place, msg, &render::error(&error.user_message())).await;
            return error.outcome();
        }
    };
    let first = state.turns == 0;
    let (mut reply, outcome) = match respond(ctx, data, msg, scope, question, &mut state).await {
        Ok(reply) => (reply, CommandOutcome::Ok),
        Err(error) => {
            if error.outcome() == CommandOutcome::InternalError {
                tracing::error!(error = ?error, %scope, "a conversation turn failed");
            } else {
                tracing::debug!(%error, "a conversation turn was refused");
            }
            (render::error(&error.user_message()), error.outcome())
        }
    };
    if first && outcome == CommandOutcome::Ok && reply.content.is_none() {
        reply.content = Some(follow_up_hint(&place, config.message_content).to_string());
    }
    say(ctx, &place, msg, &reply).await;

    state.turns = state.turns.saturating_add(1);
    save(data, &place.key, scope, state, not_before).await;
    outcome
}

/// How to follow up, on a conversation's first answer.
fn follow_up_hint(place: &Place, message_content: bool) -> &'static str {
    match (place.mode, message_content) {
        (ConversationMode::Thread, true) => {
            "Ask follow-ups right here (“what did he say?”, “and Trump?”, “more”, “source?”)."
        }
        (ConversationMode::Thread, false) => {
            "Reply to me here to follow up (“what did he say?”, “and Trump?”, “more”, “source?”)."
        }
        (ConversationMode::Reply, _) => {
            "Reply to this message to follow up (“what did he say?”, “and Trump?”, “more”, “source?”)."
        }
    }
}

async fn save(data: &Data, key: &str, scope: Scope, state: State, not_before: i64) {
    let row = match serde_json::to_string(&state.bounded()) {
        Ok(json) => ConversationRow {
            scope,
            state: json,
            updated_at: now_secs(),
        },
        Err(e) => {
            tracing::error!(error = %e, "cannot write a conversation state");
            return;
        }
    };
    let keep = data.desk.config().discord.max_conversations;
    if let Err(e) = data
        .desk
        .store()
        .save_conversation(key, &row, not_before, keep)
        .await
    {
        tracing::error!(error = ?e, key, "cannot save a conversation");
    }
}

/// What the turn asks for, done; the state updated for the next one.
async fn respond(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
    scope: Scope,
    question: &str,
    state: &mut State,
) -> Result<Reply, BotError> {
    let desk = &data.desk;
    let links = autoingest::links_in(question);
    if !links.is_empty() {
        let article = read_links(ctx, data, msg, scope, links).await?;
        state.on(article.id);
        let rest = without_links(question);
        if conversation::is_generic(&rest) {
            let view = desk.summary(scope, article.id, None).await?;
            return Ok(render::summary(&view));
        }
        let context = AskContext {
            about: None,
            article: Some(article.id),
        };
        return ask(data, scope, &rest, &context, None, state).await;
    }
    match conversation::interpret(question, state) {
        Turn::Help => Ok(render::conversation_help()),
        Turn::Ask {
            question,
            context,
            switched_to,
        } => {
            ask(
                data,
                scope,
                &question,
                &context,
                switched_to.as_deref(),
                state,
            )
            .await
        }
        Turn::More => {
            let Some(asked) = state.question.clone() else {
                return Ok(render::conversation_note(
                    "Ask me a question first; “more” then shows further sources.",
                ));
            };
            let answer = desk
                .ask_more(scope, &asked, &state.asked_context(), &state.shown)
                .await?;
            state.add_shown(&shown(&answer));
            Ok(render::more(&asked, &answer))
        }
        Turn::Sources => {
            let ids = state.articles();
            if ids.is_empty() {
                return Ok(render::conversation_note(
                    "I have not cited anything here yet: ask me a question first.",
                ));
            }
            Ok(render::sources(&desk.article_refs(scope, &ids).await?))
        }
        Turn::Summary => {
            let Some(id) = state.article else {
                return Ok(no_article());
            };
            let view = desk.summary(scope, id, None).await?;
            state.on(id);
            Ok(render::summary(&view))
        }
        Turn::Quotes { speaker } => {
            let page = Page::first(QUOTES_SHOWN);
            match state.quotes_of(speaker) {
                Some(QuotesOf::Article(id)) => {
                    let list = desk.article_quotes(scope, id, page).await?;
                    Ok(render::quotes(&list, None))
                }
                Some(QuotesOf::Speaker(name)) => {
                    let list = desk.speaker_quotes(scope, &name, page).await?;
                    Ok(render::quotes(&list, Some(&name)))
                }
                None => Ok(no_article()),
            }
        }
    }
}

fn no_article() -> Reply {
    render::conversation_note(
        "Which article? Ask me a question or give me a link first, then say “summarize it” or “quotes?”.",
    )
}

/// The sources of an answer as a conversation remembers them.
fn shown(answer: &Answer) -> Vec<(ArticleId, String)> {
    answer
        .sources
        .iter()
        .map(|c| (c.article.id, c.sentence.clone()))
        .collect()
}

async fn ask(
    data: &Data,
    scope: Scope,
    question: &str,
    context: &AskContext,
    switched_to: Option<&str>,
    state: &mut State,
) -> Result<Reply, BotError> {
    let answer = data.desk.ask_with(scope, question, context).await?;
    state.answered(
        question,
        context,
        &answer.about,
        &shown(&answer),
        switched_to,
    );
    Ok(render::answer(question, &answer))
}

/// Read the links of a question as `/ingest` would (editors only, the same rate limit and
/// fetch bound); the first article read (or already stored) is the one asked about.
async fn read_links(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
    scope: Scope,
    links: Vec<crate::fetch::ArticleUrl>,
) -> Result<ArticleRef, BotError> {
    if !may_edit(ctx, data, msg) {
        return Err(not_an_editor());
    }
    let mut first_error = None;
    for link in links {
        data.guard.ingest(scope)?;
        let Ok(_permit) = data.guard.fetches.clone().acquire_owned().await else {
            return Err(BotError::Invalid("I am shutting down.".into()));
        };
        match data
            .desk
            .ingest(scope, Source::Url(link.to_string()), &|_| {})
            .await
        {
            Ok(Ingested::Stored { article, .. } | Ingested::Duplicate { article }) => {
                return Ok(article);
            }
            Err(e) => {
                tracing::info!(%scope, reason = e.kind(), "a link in a mention was not read");
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.map_or_else(
        || BotError::Invalid("I found no link to read.".into()),
        BotError::Core,
    ))
}

fn not_an_editor() -> BotError {
    BotError::Denied(
        "Only members with an editor role or the Manage Messages permission can give me links to \
         read here. Ask about what is stored already, or ask an editor."
            .into(),
    )
}

/// The editor rule of `/ingest`, for a message: an editor role, or Manage Messages (as far as
/// the cached server roles tell) when that is allowed. DMs are the author's own store.
fn may_edit(ctx: &serenity::Context, data: &Data, msg: &serenity::Message) -> bool {
    let Some(guild) = msg.guild_id else {
        return true;
    };
    let Some(member) = msg.member.as_deref() else {
        return false;
    };
    let permissions = ctx
        .cache
        .guild(guild)
        .map(|g| g.partial_member_permissions(msg.author.id, member));
    data.guard.may_edit_roles(&member.roles, permissions)
}

/// Start a public thread from the question; `None` (answer with a reply) when Discord refuses,
/// e.g. without the Create Public Threads permission or in a channel that has no threads.
async fn start_thread(
    ctx: &serenity::Context,
    msg: &serenity::Message,
    question: &str,
) -> Option<serenity::ChannelId> {
    let name = render::cut(question, THREAD_NAME_CHARS);
    let name = if name.trim().is_empty() {
        "Question".to_string()
    } else {
        name
    };
    let builder = serenity::CreateThread::new(name)
        .auto_archive_duration(serenity::AutoArchiveDuration::OneHour);
    match msg
        .channel_id
        .create_thread_from_message(&ctx.http, msg.id, builder)
        .await
    {
        Ok(thread) => Some(thread.id),
        Err(e) => {
            tracing::info!(error = %e, channel = %msg.channel_id, "cannot start a thread; replying instead");
            None
        }
    }
}

/// Send `reply` where the conversation is answered; failures are logged (nobody to tell).
async fn say(ctx: &serenity::Context, place: &Place, msg: &serenity::Message, reply: &Reply) {
    let mut message = reply.to_message();
    if place.reply {
        let reference = serenity::MessageReference::from(msg).fail_if_not_exists(false);
        message = message.reference_message(reference);
    }
    if let Err(e) = place.channel.send_message(&ctx.http, message).await {
        tracing::warn!(error = %e, channel = %place.channel, "could not send an answer");
    }
}

/// Discord's typing indicator in a channel until dropped.
struct Typing(tokio::task::JoinHandle<()>);

impl Typing {
    /// Shows it at once (so it comes before the answer), then renews it.
    async fn start(ctx: &serenity::Context, channel: serenity::ChannelId) -> Typing {
        if let Err(e) = channel.broadcast_typing(&ctx.http).await {
            tracing::debug!(error = %e, "no typing indicator");
        }
        let http = ctx.http.clone();
        Typing(tokio::spawn(async move {
            loop {
                tokio::time::sleep(TYPING_EVERY).await;
                if channel.broadcast_typing(&http).await.is_err() {
                    return;
                }
            }
        }))
    }
}

impl Drop for Typing {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOT: u64 = 42;

    fn from(content: &str) -> Incoming<'_> {
        Incoming {
            content,
            bot: BOT,
            ..Incoming::default()
        }
    }

    #[test]
    fn a_mention_is_a_question_without_the_mention() {
        assert_eq!(
            addressed(&from("<@42> who is   Hewitt?")),
            Addressed::Mention("who is Hewitt?".into())
        );
        assert_eq!(
            addressed(&from("hey <@!42>, what did <@7> and <@&9> say in <#5>?")),
            Addressed::Mention("hey , what did and say in ?".into())
        );
        assert_eq!(addressed(&from("<@42>")), Addressed::Mention(String::new()));
    }

    #[test]
    fn bots_forwards_and_empty_messages_are_ignored() {
        let ignored = [
            Incoming {
                from_bot: true,
                ..from("<@42> who?")
            },
            Incoming {
                forwarded: true,
                ..from("<@42> who?")
            },
            // Without the Message Content intent the text of other messages arrives empty.
            Incoming {
                reply_to_bot: true,
                ..from("")
            },
            from("   "),
        ];
        for m in ignored {
            assert_eq!(addressed(&m), Addressed::Ignore, "{m:?}");
        }
    }

    #[test]
    fn quoted_mentions_do_not_count() {
        assert_eq!(
            addressed(&from("> <@42> who is Hewitt?\nno idea, ask <@7>")),
            Addressed::Ignore
        );
        assert_eq!(
            addressed(&from(">>> <@42> who\nis Hewitt")),
            Addressed::Ignore
        );
        assert_eq!(
            addressed(&from("> someone said this\n<@42> is it true?")),
            Addressed::Mention("is it true?".into())
        );
        assert_eq!(
            addressed(&from("> <@42> who is Hewitt?\nwhat about Quill")),
            Addressed::Unmentioned("what about Quill".into())
        );
    }

    #[test]
    fn replies_dms_and_plain_messages() {
        assert_eq!(
            addressed(&Incoming {
                reply_to_bot: true,
                ..from("and Trump?")
            }),
            Addressed::Mention("and Trump?".into())
        );
        assert_eq!(
            addressed(&Incoming {
                dm: true,
                ..from("who is Hewitt?")
            }),
            Addressed::Mention("who is Hewitt?".into())
        );
        assert_eq!(
            addressed(&from("what did he say?")),
            Addressed::Unmentioned("what did he say?".into())
        );
        for talk in [
            Incoming {
                mentions_others: true,
                ..from("<@7> what do you think?")
            },
            Incoming {
                reply_to_other: true,
                ..from("I agree")
            },
        ] {
            assert_eq!(addressed(&talk), Addressed::Ignore, "{talk:?}");
        }
    }

    #[test]
    fn links_leave_the_question() {
        assert_eq!(
            without_links("https://a.example/x what's this <https://b.example> about?"),
            "what's this about?"
        );
    }
}
