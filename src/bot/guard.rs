//! Who may do what, where, and how often: the scope of a command (guild, or the user's own store
//! in direct messages), the editor rule for `/ingest` and `/forget`, per-user command and
//! per-guild ingest rate limits (governor's GCRA: a burst of N, then one more every 60/N s), and
//! the bound on concurrent fetches.
//!
//! The limiters keep one entry per user or guild seen; every [`PRUNE_EVERY`] checks they drop
//! the entries whose budget is full again (idle for a minute at most), so the map holds only the
//! recently active, however many members come and go.

use crate::config::{DiscordConfig, DmPolicy};
use crate::model::Scope;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use poise::serenity_prelude as serenity;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Why a command may not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// A refusal with a message for the member.
    Refused(&'static str),
    /// Too many requests; this long until the next one is allowed.
    RateLimited(Duration),
}

pub struct Guard {
    dm_policy: DmPolicy,
    editor_roles: Vec<u64>,
    manage_messages_can_edit: bool,
    users: Option<Limiter<u64>>,
    guild_ingests: Option<Limiter<Scope>>,
    /// Pages fetched at once, across all guilds.
    pub fetches: Arc<Semaphore>,
}

fn per_minute(n: u32) -> Option<Quota> {
    NonZeroU32::new(n).map(Quota::per_minute)
}

/// Checks between two prunings of a limiter: pruning walks the whole map, so it runs once per
/// this many checks, which keeps its cost per check constant.
pub const PRUNE_EVERY: u32 = 1024;

/// A keyed rate limiter that forgets idle keys.
struct Limiter<K: std::hash::Hash + Eq + Clone> {
    inner: DefaultKeyedRateLimiter<K>,
    checks: AtomicU32,
}

impl<K: std::hash::Hash + Eq + Clone> Limiter<K> {
    fn new(quota: Quota) -> Limiter<K> {
        Limiter {
            inner: RateLimiter::keyed(quota),
            checks: AtomicU32::new(0),
        }
    }

    fn check(&self, key: &K) -> Result<(), Denied> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            // Entries indistinguishable from a fresh one carry no information.
            self.inner.retain_recent();
            self.inner.shrink_to_fit();
        }
        self.inner.check_key(key).map_err(|not_until| {
            Denied::RateLimited(not_until.wait_time_from(DefaultClock::default().now()))
        })
    }
}

impl Guard {
    pub fn new(config: &DiscordConfig) -> Guard {
        Guard {
            dm_policy: config.dm_policy,
            editor_roles: config.editor_role_ids.clone(),
            manage_messages_can_edit: config.manage_messages_can_edit,
            users: per_minute(config.user_commands_per_minute).map(Limiter::new),
            guild_ingests: per_minute(config.guild_ingests_per_minute).map(Limiter::new),
            fetches: Arc::new(Semaphore::new(config.max_concurrent_fetches.max(1))),
        }
    }

    /// The store a command reads and writes: the guild's, or in DMs the user's own (or none).
    pub fn scope(&self, guild: Option<u64>, user: u64) -> Result<Scope, Denied> {
        match (guild, self.dm_policy) {
            (Some(g), _) => Ok(Scope::Guild(g)),
            (None, DmPolicy::User) => Ok(Scope::User(user)),
            (None, DmPolicy::Refuse) => Err(Denied::Refused(
                "I only work in servers. Use my commands in a server we share.",
            )),
        }
    }

    /// Count one command against `user`'s per-minute budget.
    pub fn command(&self, user: u64) -> Result<(), Denied> {
        self.users.as_ref().map_or(Ok(()), |l| l.check(&user))
    }

    /// Count one ingest against the scope's per-minute budget.
    pub fn ingest(&self, scope: Scope) -> Result<(), Denied> {
        self.guild_ingests
            .as_ref()
            .map_or(Ok(()), |l| l.check(&scope))
    }

    /// Users and scopes the limiters remember (for tests and the soak).
    pub fn tracked(&self) -> usize {
        self.users.as_ref().map_or(0, |l| l.inner.len())
            + self.guild_ingests.as_ref().map_or(0, |l| l.inner.len())
    }

    /// Whether a member may change what is stored (`/ingest`, `/forget`). `member` is `None` in
    /// direct messages, where users manage their own store.
    pub fn may_edit(&self, member: Option<&serenity::Member>) -> bool {
        let Some(member) = member else {
            return true;
        };
        self.may_edit_roles(&member.roles, member.permissions)
    }

    /// The editor rule from a member's roles and, when known, permissions (a message carries
    /// roles only; permissions come from the cached server when there is one).
    pub fn may_edit_roles(
        &self,
        roles: &[serenity::RoleId],
        permissions: Option<serenity::Permissions>,
    ) -> bool {
        let perms = permissions.unwrap_or_default();
        if perms.administrator() || (self.manage_messages_can_edit && perms.manage_messages()) {
            return true;
        }
        roles.iter().any(|r| self.editor_roles.contains(&r.get()))
    }
}

/// "try again in N s", never "0 s".
pub fn retry_message(wait: Duration) -> String {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    format!("You are going a bit fast: try again in {} s.", secs.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> DiscordConfig {
        DiscordConfig {
            user_commands_per_minute: 2,
            guild_ingests_per_minute: 1,
            editor_role_ids: vec![55],
            ..DiscordConfig::default()
        }
    }

    #[test]
    fn users_are_limited_separately() {
        let g = Guard::new(&config());
        assert!(g.command(1).is_ok());
        assert!(g.command(1).is_ok());
        let Err(Denied::RateLimited(wait)) = g.command(1) else {
            panic!("third command in a minute should be limited");
        };
        assert!(wait <= Duration::from_secs(30));
        assert!(g.command(2).is_ok(), "another user is not affected");
        assert!(g.ingest(Scope::Guild(9)).is_ok());
        assert!(g.ingest(Scope::Guild(9)).is_err());
        assert!(g.ingest(Scope::Guild(10)).is_ok());
    }

    /// Members who come once and go are forgotten: the map holds the recently active only.
    #[test]
    fn idle_entries_are_pruned() {
        // A quota that refills within a millisecond, so idle entries are prunable at once.
        let fast = Quota::with_period(Duration::from_micros(100)).unwrap();
        let g = Guard {
            users: Some(Limiter::new(fast)),
            guild_ingests: Some(Limiter::new(fast)),
            ..Guard::new(&config())
        };
        let mut peak = 0;
        for user in 0..20 * u64::from(PRUNE_EVERY) {
            assert!(g.command(user).is_ok());
            assert!(g.ingest(Scope::Guild(user)).is_ok());
            peak = peak.max(g.tracked());
            if user % 512 == 0 {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        assert!(
            peak <= 2 * 2 * PRUNE_EVERY as usize,
            "{peak} entries kept for {} users",
            20 * PRUNE_EVERY
        );
        // A limited user stays limited through a pruning: only full budgets are dropped.
        let slow = Guard::new(&config());
        assert!(slow.command(7).is_ok() && slow.command(7).is_ok());
        for user in 100..100 + u64::from(PRUNE_EVERY) {
            let _ = slow.command(user);
        }
        assert!(
            slow.command(7).is_err(),
            "user 7's spent budget survived the pruning"
        );
    }

    #[test]
    fn zero_means_unlimited() {
        let g = Guard::new(&DiscordConfig {
            user_commands_per_minute: 0,
            ..DiscordConfig::default()
        });
        for _ in 0..1000 {
            assert!(g.command(1).is_ok());
        }
    }

    #[test]
    fn retry_is_rounded_up() {
        assert_eq!(
            retry_message(Duration::from_millis(29_100)),
            "You are going a bit fast: try again in 30 s."
        );
        assert!(retry_message(Duration::ZERO).contains("in 1 s"));
    }

    #[test]
    fn dm_policy_decides_the_scope() {
        let g = Guard::new(&config());
        assert_eq!(g.scope(Some(3), 4), Ok(Scope::Guild(3)));
        assert_eq!(g.scope(None, 4), Ok(Scope::User(4)));
        let refuse = Guard::new(&DiscordConfig {
            dm_policy: DmPolicy::Refuse,
            ..config()
        });
        assert!(matches!(refuse.scope(None, 4), Err(Denied::Refused(_))));
    }

    #[test]
    fn editors_need_a_role_or_manage_messages() {
        let g = Guard::new(&config());
        let mut m: serenity::Member = serde_json::from_value(serde_json::json!({
            "user": {"id": "4", "username": "u", "discriminator": "0", "global_name": null, "avatar": null},
            "roles": [], "joined_at": "2026-01-01T00:00:00Z", "deaf": false, "mute": false,
            "flags": 0, "permissions": "0", "guild_id": "3"
        }))
        .unwrap();
        assert!(!g.may_edit(Some(&m)));
        m.roles.push(serenity::RoleId::new(55));
        assert!(g.may_edit(Some(&m)));
        m.roles.clear();
        m.permissions = Some(serenity::Permissions::MANAGE_MESSAGES);
        assert!(g.may_edit(Some(&m)));
        assert!(g.may_edit(None), "a DM user manages their own store");
    }
}
