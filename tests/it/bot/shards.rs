//! A bot split over two processes by shard range (`0-0/2` and `1-1/2`), here two clients in one
//! test, against one fake Discord that routes each server's events to its shard's session, as
//! Discord does, and one store.

use super::fake_discord::{FakeDiscord, Interaction};
use super::{ARTICLE, EDITOR_ROLE, GUILD, MEMBER, REPLY, Recorder, TOKEN, embed, is_ephemeral};
use newsdesk::Newsdesk;
use newsdesk::bot::{Bot, Gateway};
use newsdesk::ingest::Source;
use newsdesk::model::{ArticleId, Scope};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;

/// A server on shard 1 of 2 ([`GUILD`] is on shard 0): `(id >> 22) % 2`.
const GUILD_ON_1: u64 = 100_000_000_004_194_305;

struct ShardBot {
    hooks: Arc<Recorder>,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

async fn start(fake: &FakeDiscord, db: &crate::support::TestDb, shards: &str) -> ShardBot {
    let mut config = db.config();
    config.fetch.allow_private_networks = true;
    config.discord.proxy_url = fake.url();
    config.discord.editor_role_ids = vec![EDITOR_ROLE];
    config.discord.shards = Some(shards.parse().unwrap());
    // Each process opens the shared store itself.
    let desk = Newsdesk::open(config).await.unwrap();
    let hooks = Arc::new(Recorder::default());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(
        Bot::new(desk, newsdesk::config::Secret::new(TOKEN))
            .hooks(hooks.clone())
            .run_until(async move {
                let _ = stopped.await;
            }),
    );
    ShardBot { hooks, stop, task }
}

async fn seed(desk: &Newsdesk, guild: u64, text: &str, url: &str) -> ArticleId {
    let source = Source::Text {
        text: text.into(),
        url: Some(url.into()),
    };
    let outcome = desk.ingest(Scope::Guild(guild), source, &|_| {}).await;
    outcome.unwrap().article().id
}

fn commands_seen(bot: &ShardBot) -> Vec<String> {
    let seen = bot.hooks.commands.lock().unwrap();
    seen.iter().map(|(name, _)| name.clone()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_shard_processes_share_discord_and_the_store() {
    assert_eq!((GUILD >> 22) % 2, 0);
    assert_eq!((GUILD_ON_1 >> 22) % 2, 1);
    for db in crate::support::engines().await {
        db.announce("two_shard_processes_share_discord_and_the_store");
        let fake = FakeDiscord::start().await;
        // Written by one process, read by both.
        let writer = db.desk().await;
        let on_0 = seed(&writer, GUILD, ARTICLE, "https://news.example/ferry").await;
        let page = "Lighthouse restored after fifty years\nThe old lighthouse on Cape Serra \
            shines again after a restoration that took three years.\n\"It is the heart of this \
            coast,\" said Ilse Varga, who led the volunteers.";
        let on_1 = seed(&writer, GUILD_ON_1, page, "https://news.example/light").await;

        let zero = start(&fake, &db, "0-0/2").await;
        let one = start(&fake, &db, "1-1/2").await;
        fake.wait_shard(0).await;
        fake.wait_shard(1).await;

        // Each identified with its own shard of the same total.
        let mut shards: Vec<String> = fake
            .identifies()
            .iter()
            .map(|d| d["shard"].to_string())
            .collect();
        shards.sort();
        assert_eq!(shards, ["[0,2]", "[1,2]"]);

        // Each answers the servers of its shard, from the one store.
        let r = fake
            .reply(
                &fake
                    .send(
                        &Interaction::slash("summary", GUILD, MEMBER)
                            .string("article", &on_0.to_string()),
                    )
                    .await,
            )
            .await;
        assert_eq!(r["type"], REPLY);
        assert_eq!(
            embed(&r)["title"],
            "Harbour council approves the new ferry line"
        );
        let r = fake
            .reply(
                &fake
                    .send(
                        &Interaction::slash("summary", GUILD_ON_1, MEMBER)
                            .string("article", &on_1.to_string()),
                    )
                    .await,
            )
            .await;
        assert_eq!(r["type"], REPLY);
        assert_eq!(embed(&r)["title"], "Lighthouse restored after fifty years");
        // A server's articles stay its own, whichever process answers.
        let r = fake
            .reply(
                &fake
                    .send(
                        &Interaction::slash("summary", GUILD_ON_1, MEMBER)
                            .string("article", &on_0.to_string()),
                    )
                    .await,
            )
            .await;
        assert!(is_ephemeral(&r) && !r.to_string().contains("ferry"), "{r}");
        // Direct messages arrive on shard 0.
        let r = fake
            .reply(&fake.send(&Interaction::dm("help", MEMBER)).await)
            .await;
        assert_eq!(r["type"], REPLY);

        for _ in 0..100 {
            if commands_seen(&zero).len() >= 2 && commands_seen(&one).len() >= 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(commands_seen(&zero), ["summary", "help"]);
        assert_eq!(commands_seen(&one), ["summary", "summary"]);

        // Both have handled events, so both ran their setup: only shard 0's registered.
        let registrations = fake
            .calls()
            .iter()
            .filter(|c| c.method == "PUT" && c.path.ends_with("/commands"))
            .count();
        assert_eq!(registrations, 1);
        let asked: Vec<String> = fake
            .calls()
            .iter()
            .filter(|c| c.path.starts_with("/gateway"))
            .map(|c| c.path.clone())
            .collect();
        assert!(
            !asked.iter().any(|p| p == "/gateway/bot"),
            "a configured range needs no shard count from Discord: {asked:?}"
        );

        // What each reports to its health check: its own shards, connected.
        for (bot, range, id) in [(&zero, "0-0/2", 0), (&one, "1-1/2", 1)] {
            assert_eq!(*bot.hooks.shards.lock().unwrap(), [range]);
            assert!(
                bot.hooks
                    .shard
                    .lock()
                    .unwrap()
                    .iter()
                    .all(|(s, g)| *s == id && *g == Gateway::Connected)
            );
        }

        for bot in [zero, one] {
            bot.stop.send(()).unwrap();
            let result = tokio::time::timeout(Duration::from_secs(30), bot.task)
                .await
                .expect("the bot did not shut down");
            result.unwrap().expect("the bot ended with an error");
        }
        fake.assert_all_valid();
    }
}
