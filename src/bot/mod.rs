//! The Discord front-end: slash commands over the core, with poise on serenity.
//!
//! One [`Data`] shared by every command, one [`BotError`], one `on_error`. Commands live in
//! [`commands`] (one file per group) and only turn options into core calls; [`render`] turns the
//! results into embeds; [`guard`] decides scope, permission and rate limits; [`paging`] runs the
//! buttons of long lists; [`deadline`] defers an answer that would miss Discord's 3 s; [`edits`]
//! coalesces progress edits; [`autoingest`] reads links posted in configured channels;
//! [`mention`] answers questions asked by mentioning the bot, and [`conversation`] holds the rules
//! of the follow-ups.
//!
//! ```no_run
//! # async fn f(desk: newsdesk::Newsdesk, token: newsdesk::config::Secret) -> anyhow::Result<()> {
//! // Until SIGINT/SIGTERM:
//! newsdesk::bot::run(desk, token).await
//! # }
//! ```
//!
//! [`Bot`] adds what an operations layer needs: a shutdown future of its choosing and [`Hooks`]
//! called when a command finishes and when the gateway (each shard) connects or drops.
//!
//! Sharding: with `discord.shards` set (`0-3/16`) the process runs those shards only, so it
//! serves the servers that live on them; several such processes share one store. Without it the
//! process asks Discord how many shards the bot needs and runs them all. Only the process that
//! runs shard 0 registers the commands; each polls the feeds of the servers it serves (and shard
//! 0's process those of direct messages, which arrive on shard 0).

pub mod autoingest;
pub mod commands;
pub mod conversation;
pub mod deadline;
pub mod edits;
pub mod feeds;
pub mod guard;
pub mod mention;
pub mod paging;
pub mod render;

use crate::Newsdesk;
use crate::config::Secret;
use crate::model::Scope;
use crate::ops::{self, CommandOutcome, Health, Metrics};
use crate::shards::ShardRange;
use anyhow::Context as _;
use guard::{Denied, Guard};
use poise::serenity_prelude as serenity;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What every command can reach.
pub struct Data {
    pub desk: Newsdesk,
    pub guard: Guard,
    pub hooks: Arc<dyn Hooks>,
    /// One turn at a time per conversation.
    pub conversations: mention::Turns,
}

pub type Context<'a> = poise::Context<'a, Data, BotError>;

/// Why a command did not do what was asked. Everything but `Internal` cases is shown to the
/// member as is.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error(transparent)]
    Core(#[from] crate::Error),
    #[error("{0}")]
    Denied(String),
    /// Options that do not make sense together, or cannot be read.
    #[error("{0}")]
    Invalid(String),
    #[error("rate limited for {0:?}")]
    RateLimited(Duration),
    #[error("Discord error: {0}")]
    Discord(Box<serenity::Error>),
}

impl From<serenity::Error> for BotError {
    fn from(e: serenity::Error) -> BotError {
        BotError::Discord(Box::new(e))
    }
}

impl From<Denied> for BotError {
    fn from(d: Denied) -> BotError {
        match d {
            Denied::Refused(why) => BotError::Denied(why.to_string()),
            Denied::RateLimited(wait) => BotError::RateLimited(wait),
        }
    }
}

impl BotError {
    /// How the command ended, for [`Hooks::command_finished`].
    pub fn outcome(&self) -> CommandOutcome {
        match self {
            BotError::Core(e) if e.is_internal() => CommandOutcome::InternalError,
            BotError::Core(e) => CommandOutcome::UserError(e.kind()),
            BotError::Denied(_) => CommandOutcome::Denied,
            BotError::Invalid(_) => CommandOutcome::UserError("invalid"),
            BotError::RateLimited(_) => CommandOutcome::RateLimited,
            BotError::Discord(_) => CommandOutcome::InternalError,
        }
    }

    /// The message shown to the member (internal details stay in the log).
    pub fn user_message(&self) -> String {
        match self {
            BotError::Core(e) if !e.is_internal() => e.to_string(),
            BotError::Denied(why) | BotError::Invalid(why) => why.clone(),
            BotError::RateLimited(wait) => guard::retry_message(*wait),
            _ => "Something went wrong on my side; it has been logged. Please try again later."
                .to_string(),
        }
    }
}

/// The gateway's state, as seen by [`Hooks::gateway`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gateway {
    Connected,
    Disconnected,
}

/// Observers an operations layer attaches (metrics, health). Called inline: keep them quick.
pub trait Hooks: Send + Sync + 'static {
    /// A slash command finished (autocomplete excluded).
    fn command_finished(&self, _name: &str, _outcome: CommandOutcome, _elapsed: Duration) {}
    /// The gateway connected (READY or RESUMED) or dropped.
    fn gateway(&self, _state: Gateway) {}
    /// The shards this process runs, known before the first connects.
    fn shards(&self, _range: ShardRange) {}
    /// Shard `id` connected (READY or RESUMED) or dropped.
    fn shard(&self, _id: u32, _state: Gateway) {}
}

/// Hooks that do nothing.
pub struct NoHooks;
impl Hooks for NoHooks {}

/// The bot, configured; [`Bot::run_until`] runs it.
pub struct Bot {
    desk: Newsdesk,
    token: Secret,
    hooks: Arc<dyn Hooks>,
}

impl Bot {
    pub fn new(desk: Newsdesk, token: Secret) -> Bot {
        Bot {
            desk,
            token,
            hooks: Arc::new(NoHooks),
        }
    }

    pub fn hooks(mut self, hooks: Arc<dyn Hooks>) -> Bot {
        self.hooks = hooks;
        self
    }

    /// Connect and serve commands until `shutdown` completes, then close the gateway cleanly.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let config = self.desk.config().discord.clone();
        let auto_ingest = !config.auto_ingest_channel_ids.is_empty();
        // Messages, for mentions: their text arrives without the privileged intent when they
        // mention the bot, and in DMs.
        let mut intents = serenity::GatewayIntents::GUILDS
            | serenity::GatewayIntents::GUILD_MESSAGES
            | serenity::GatewayIntents::DIRECT_MESSAGES;
        if auto_ingest || config.message_content {
            // Reading every posted link, or follow-ups without a mention, needs the privileged
            // Message Content intent; only then.
            intents |= serenity::GatewayIntents::MESSAGE_CONTENT;
        }
        let hooks = self.hooks.clone();
        let connected_once = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stages = GatewayWatch {
            hooks: self.hooks.clone(),
            connected_once: connected_once.clone(),
        };
        let data = Data {
            guard: Guard::new(&config),
            desk: self.desk,
            hooks: self.hooks,
            conversations: mention::Turns::default(),
        };
        let dev_guild = config.dev_guild_id;
        let planned = config.shards;
        // Which shards run here is settled before the client starts (below); setup runs later.
        let range_slot: Arc<std::sync::OnceLock<ShardRange>> = Arc::default();
        let setup_range = range_slot.clone();
        let poll_feeds = data.desk.config().feeds.enabled;
        let feed_desk = data.desk.clone();
        let poller: Arc<std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>> = Arc::default();
        let poller_slot = poller.clone();
        let framework = poise::Framework::builder()
            .options(options())
            // No owner-only commands, so no application lookup at start-up. The builder's own
            // switch is the one that counts: `build()` overwrites the options' field with it.
            .initialize_owners(false)
            .setup(move |ctx, ready, framework| {
                Box::pin(async move {
                    let range = setup_range.get().copied().unwrap_or(ShardRange::all(1));
                    tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), shards = %range, "connected to Discord");
                    if poll_feeds {
                        // Once per client: READY comes again after a reconnect, setup does not.
                        let task = tokio::spawn(feeds::run(feed_desk, ctx.http.clone(), range));
                        *poller_slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(task);
                    }
                    let commands = &framework.options().commands;
                    if !range.runs_shard_zero() {
                        // One process registers, the one that runs shard 0: registering
                        // replaces the whole list, and N processes doing it at once would
                        // only race each other against the same rate limit.
                        tracing::info!(shards = %range, "commands are registered by the process that runs shard 0");
                    } else if dev_guild != 0 {
                        poise::builtins::register_in_guild(
                            ctx,
                            commands,
                            serenity::GuildId::new(dev_guild),
                        )
                        .await?;
                        tracing::info!(guild = dev_guild, "commands registered in the development guild");
                    } else {
                        poise::builtins::register_globally(ctx, commands).await?;
                        tracing::info!("commands registered globally");
                    }
                    Ok(data)
                })
            })
            .build();

        let builder = if config.proxy_url.is_empty() {
            serenity::ClientBuilder::new(self.token.expose(), intents)
        } else {
            // serenity only honours the proxy with its own rate limiter off: the proxy
            // (e.g. twilight-http-proxy) does the rate limiting for every process behind it.
            let http = serenity::HttpBuilder::new(self.token.expose())
                .proxy(config.proxy_url.trim_end_matches('/'))
                .ratelimiter_disabled(true)
                .build();
            serenity::ClientBuilder::new_with_http(http, intents)
        };
        let mut client = builder
            .framework(framework)
            .event_handler(stages)
            .await
            .context("cannot build the Discord client")?;

        let range = match planned {
            Some(range) => range,
            None => {
                let gateway = client
                    .http
                    .get_bot_gateway()
                    .await
                    .context("cannot ask Discord how many shards the bot needs")?;
                ShardRange::all(gateway.shards)
            }
        };
        let _ = range_slot.set(range);
        hooks.shards(range);
        tracing::info!(shards = %range, "starting the gateway");

        let watch = tokio::spawn(watch_runners(
            client.shard_manager.clone(),
            hooks,
            connected_once,
            range,
        ));
        let shards = client.shard_manager.clone();
        tokio::spawn(async move {
            shutdown.await;
            tracing::info!("shutting down: closing the gateway");
            shards.shutdown_all().await;
        });
        // serenity reads the range's end as the last shard started (inclusive).
        let result = client
            .start_shard_range(range.first()..range.last(), range.total())
            .await;
        watch.abort();
        if let Some(task) = poller.lock().unwrap_or_else(|e| e.into_inner()).take() {
            task.abort();
        }
        result.context("the Discord connection failed")?;
        tracing::info!("disconnected from Discord");
        Ok(())
    }
}

/// Run the bot until SIGINT or SIGTERM.
///
/// With `metrics.listen` set, `/healthz` and `/metrics` are served beside it; the gateway state
/// and every command's outcome and latency feed them.
pub async fn run(desk: Newsdesk, token: Secret) -> anyhow::Result<()> {
    let health = Health::with_gateway();
    if !desk.config().metrics.listen.is_empty() {
        // Install the recorder before the first command so no sample is lost.
        Metrics::global();
    }
    let server =
        ops::http::serve_configured(&desk.config().metrics, desk.store().clone(), health.clone())
            .await?;
    let hooks = Arc::new(OpsHooks { health });
    let result = Bot::new(desk, token)
        .hooks(hooks)
        .run_until(shutdown_signal())
        .await;
    if let Some(server) = server {
        server.shutdown().await;
    }
    result
}

/// Feeds the operations layer: command counters and latency, gateway state for `/healthz`.
struct OpsHooks {
    health: Health,
}

impl Hooks for OpsHooks {
    fn command_finished(&self, name: &str, outcome: CommandOutcome, elapsed: Duration) {
        ops::metrics::record_command(name, outcome, elapsed);
    }

    fn gateway(&self, state: Gateway) {
        self.health
            .set_gateway_connected(state == Gateway::Connected);
    }

    fn shards(&self, range: ShardRange) {
        self.health.set_shards(range);
    }

    fn shard(&self, id: u32, state: Gateway) {
        self.health
            .set_shard_connected(id, state == Gateway::Connected);
    }
}

/// Completes on Ctrl-C or (on Unix) SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

fn options() -> poise::FrameworkOptions<Data, BotError> {
    poise::FrameworkOptions {
        commands: commands::all(),
        on_error: |e| Box::pin(on_error(e)),
        command_check: Some(|ctx| Box::pin(command_check(ctx))),
        post_command: |ctx| Box::pin(async move { finished(ctx, CommandOutcome::Ok).await }),
        event_handler: |framework, event| Box::pin(event_handler(framework, event)),
        allowed_mentions: Some(render::no_mentions()),
        // Mentions are questions (see `mention`), never prefix commands.
        prefix_options: poise::PrefixFrameworkOptions {
            mention_as_prefix: false,
            ..Default::default()
        },
        // Whatever a reply was built with, it pings no one.
        reply_callback: Some(|_ctx, reply| reply.allowed_mentions(render::no_mentions())),
        ..Default::default()
    }
}

fn is_autocomplete(ctx: Context<'_>) -> bool {
    matches!(ctx, poise::Context::Application(a)
        if a.interaction_type == poise::CommandInteractionType::Autocomplete)
}

/// The store this command works on (fails in DMs when they are refused).
pub fn scope(ctx: Context<'_>) -> Result<Scope, BotError> {
    Ok(ctx
        .data()
        .guard
        .scope(ctx.guild_id().map(|g| g.get()), ctx.author().id.get())?)
}

/// Runs before every command: scope allowed, and the member's rate limit.
async fn command_check(ctx: Context<'_>) -> Result<bool, BotError> {
    if is_autocomplete(ctx) {
        // Autocomplete fires on keystrokes: never counted as commands. Where commands are
        // refused it answers with no suggestions (see `commands::autocomplete`).
        return Ok(true);
    }
    ctx.set_invocation_data(Instant::now()).await;
    scope(ctx)?;
    ctx.data().guard.command(ctx.author().id.get())?;
    Ok(true)
}

/// Per-command check for `/ingest` and `/forget`.
pub async fn editor_check(ctx: Context<'_>) -> Result<bool, BotError> {
    if is_autocomplete(ctx) {
        return Ok(true);
    }
    let member = match ctx {
        poise::Context::Application(a) => a.interaction.member.as_deref(),
        // Prefix commands are not enabled.
        poise::Context::Prefix(_) => None,
    };
    if ctx.guild_id().is_some() && member.is_none() {
        return Err(BotError::Denied(
            "I could not check your permissions here.".into(),
        ));
    }
    if ctx.data().guard.may_edit(member) {
        Ok(true)
    } else {
        Err(BotError::Denied(
            "Only members with an editor role or the Manage Messages permission can do that here."
                .into(),
        ))
    }
}

async fn finished(ctx: Context<'_>, outcome: CommandOutcome) {
    if is_autocomplete(ctx) {
        return;
    }
    let elapsed = ctx
        .invocation_data::<Instant>()
        .await
        .map(|t| t.elapsed())
        .unwrap_or_default();
    ctx.data()
        .hooks
        .command_finished(&ctx.command().name, outcome, elapsed);
}

/// Send a short ephemeral error, and log what the member must not see.
pub async fn report(ctx: Context<'_>, error: &BotError) {
    let outcome = error.outcome();
    if outcome == CommandOutcome::InternalError {
        tracing::error!(
            command = %ctx.command().name,
            guild = ?ctx.guild_id().map(|g| g.get()),
            user = ctx.author().id.get(),
            error = ?error,
            "command failed"
        );
    } else {
        tracing::debug!(command = %ctx.command().name, %error, "command refused");
    }
    let reply = render::error(&error.user_message())
        .to_poise()
        .ephemeral(true);
    deadline::withdraw_deferral(ctx).await;
    if let Err(e) = ctx.send(reply).await {
        tracing::warn!(error = %e, "could not send an error reply");
    }
    finished(ctx, outcome).await;
}

async fn on_error(error: poise::FrameworkError<'_, Data, BotError>) {
    use poise::FrameworkError as F;
    match error {
        F::Setup { error, .. } => {
            tracing::error!(error = %error, "bot setup failed (command registration)");
        }
        F::Command { error, ctx, .. } => report(ctx, &error).await,
        F::CommandCheckFailed { error, ctx, .. } => {
            let error =
                error.unwrap_or_else(|| BotError::Denied("You cannot use that here.".into()));
            if is_autocomplete(ctx) {
                return;
            }
            report(ctx, &error).await
        }
        F::ArgumentParse { error, ctx, .. } => {
            let msg = format!("I could not read that option: {error}");
            let reply = render::error(&msg).to_poise().ephemeral(true);
            if let Err(e) = ctx.send(reply).await {
                tracing::warn!(error = %e, "could not send an error reply");
            }
            finished(ctx, CommandOutcome::UserError("argument")).await;
        }
        F::UnknownInteraction {
            framework,
            interaction,
            ..
        } => unknown_command(framework.serenity_context, interaction).await,
        F::CommandStructureMismatch {
            ctx, description, ..
        } => {
            // A known name whose shape changed since the member's client fetched the list.
            let ctx = poise::Context::Application(ctx);
            tracing::info!(command = %ctx.command().name, description, "stale command");
            if is_autocomplete(ctx) {
                return;
            }
            let reply = render::error(STALE_COMMAND).to_poise().ephemeral(true);
            if let Err(e) = ctx.send(reply).await {
                tracing::warn!(error = %e, "could not answer a stale command");
            }
            finished(ctx, CommandOutcome::UserError("stale_command")).await;
        }
        F::EventHandler { error, event, .. } => {
            tracing::warn!(event = event.snake_case_name(), error = %error, "event handler failed");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::warn!(error = %e, "error while handling an error");
            }
        }
    }
}

/// The answer to a command this version does not have (or not in that shape).
const STALE_COMMAND: &str = "I do not know that command (any more): your Discord app is showing \
     an old command list. Type / again in a moment, or reload Discord, to see the current ones.";

/// A command or autocomplete for a name this version does not register: a client with an old
/// command list. Left alone, Discord would show "The application did not respond".
async fn unknown_command(ctx: &serenity::Context, interaction: &serenity::CommandInteraction) {
    tracing::info!(command = %interaction.data.name, "unknown command (stale command list)");
    let response = if interaction.data.autocomplete().is_some() {
        serenity::CreateInteractionResponse::Autocomplete(
            serenity::CreateAutocompleteResponse::new(),
        )
    } else {
        serenity::CreateInteractionResponse::Message(
            render::error(STALE_COMMAND).to_update().ephemeral(true),
        )
    };
    if let Err(e) = interaction.create_response(ctx, response).await {
        tracing::warn!(error = %e, "could not answer an unknown command");
    }
}

/// How often the shard manager is asked whether a shard runs at all.
const GATEWAY_POLL: Duration = Duration::from_secs(1);

/// Gateway health from serenity's own view. Its stage changes reach only serenity event
/// handlers (never the poise framework), so this one is registered beside the framework; and
/// while a shard is being restarted or cannot reconnect at all there are no events, only no
/// shard runner, which [`watch_runners`] notices.
struct GatewayWatch {
    hooks: Arc<dyn Hooks>,
    /// Set at the first connection: start-up is not an outage.
    connected_once: Arc<std::sync::atomic::AtomicBool>,
}

#[serenity::async_trait]
impl serenity::EventHandler for GatewayWatch {
    async fn shard_stage_update(
        &self,
        _ctx: serenity::Context,
        event: serenity::ShardStageUpdateEvent,
    ) {
        use std::sync::atomic::Ordering;
        let shard = event.shard_id.0;
        if event.new == serenity::ConnectionStage::Connected {
            if self.connected_once.swap(true, Ordering::Relaxed) {
                tracing::info!(shard, "the Discord gateway is connected again");
            }
            self.hooks.gateway(Gateway::Connected);
            self.hooks.shard(shard, Gateway::Connected);
        } else if self.connected_once.load(Ordering::Relaxed) {
            tracing::warn!(shard, stage = ?event.new, "the Discord gateway is down; reconnecting");
            self.hooks.gateway(Gateway::Disconnected);
            self.hooks.shard(shard, Gateway::Disconnected);
        }
    }
}

/// Report an outage while no shard runs (a restart, or Discord unreachable): serenity sends no
/// events then. Per shard too: one of this process's shards without a runner is down.
async fn watch_runners(
    shards: Arc<serenity::ShardManager>,
    hooks: Arc<dyn Hooks>,
    connected_once: Arc<std::sync::atomic::AtomicBool>,
    range: ShardRange,
) {
    let mut tick = tokio::time::interval(GATEWAY_POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut missing = false;
    let mut had_runner = std::collections::BTreeSet::new();
    loop {
        tick.tick().await;
        let running: std::collections::BTreeSet<u32> =
            shards.runners.lock().await.keys().map(|id| id.0).collect();
        let none = running.is_empty();
        if none && !missing && connected_once.load(std::sync::atomic::Ordering::Relaxed) {
            tracing::warn!("no Discord gateway connection; serenity is retrying");
            hooks.gateway(Gateway::Disconnected);
        }
        missing = none;
        for id in range.ids() {
            if running.contains(&id) {
                had_runner.insert(id);
            } else if had_runner.remove(&id) {
                tracing::warn!(shard = id, "shard stopped; serenity is restarting it");
                hooks.shard(id, Gateway::Disconnected);
            }
        }
    }
}

async fn event_handler(
    framework: poise::FrameworkContext<'_, Data, BotError>,
    event: &serenity::FullEvent,
) -> Result<(), BotError> {
    let data = framework.user_data;
    match event {
        serenity::FullEvent::Ready { .. } | serenity::FullEvent::Resume { .. } => {
            data.hooks.gateway(Gateway::Connected);
            data.hooks
                .shard(framework.serenity_context.shard_id.0, Gateway::Connected);
        }
        // Not an outage (`unavailable`): the bot was removed from the server.
        serenity::FullEvent::GuildDelete { incomplete, .. } if !incomplete.unavailable => {
            feeds::guild_left(&data.desk, incomplete.id.get()).await
        }
        serenity::FullEvent::Message { new_message } => {
            let ctx = framework.serenity_context;
            if !mention::on_message(ctx, data, framework.bot_id(), new_message).await {
                autoingest::on_message(ctx, data, new_message).await
            }
        }
        _ => {}
    }
    Ok(())
}
