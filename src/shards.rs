//! Which Discord shards one process runs, when the bot is split over several processes.
//!
//! Discord splits a bot's servers over `total` gateway connections (shards): a server belongs to
//! shard `(guild_id >> 22) % total`, and direct messages arrive on shard 0. A process configured
//! with `discord.shards = "0-3/16"` (or `newsdesk run --shards 0-3/16`) runs shards 0 to 3 of 16,
//! and so serves exactly the servers of those shards; without it serenity picks the count and one
//! process runs them all.
//!
//! ```
//! use newsdesk::shards::ShardRange;
//! let range: ShardRange = "0-3/16".parse().unwrap();
//! assert_eq!((range.first(), range.last(), range.total()), (0, 3, 16));
//! assert!(range.runs_shard_zero());
//! assert!("4-3/16".parse::<ShardRange>().is_err());
//! ```

use crate::model::Scope;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Shards `first` to `last` (inclusive) of `total`. Only a valid range can be built:
/// `first <= last < total`, hence `total >= 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShardRange {
    first: u32,
    last: u32,
    total: u32,
}

/// Why a shard range was refused; one line each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardRangeError {
    #[error("`{0}` is not a shard range (expected FIRST-LAST/TOTAL, like 0-3/16, or N/TOTAL)")]
    Syntax(String),
    #[error("shard range `{0}`: the total must be at least 1")]
    NoShards(String),
    #[error("shard range `{0}`: the first shard comes after the last")]
    Reversed(String),
    #[error("shard range `{range}`: shard {shard} does not exist (shards are numbered 0 to {max})")]
    Outside { range: String, shard: u32, max: u32 },
}

impl ShardRange {
    pub fn new(first: u32, last: u32, total: u32) -> Result<ShardRange, ShardRangeError> {
        let text = || format!("{first}-{last}/{total}");
        if total == 0 {
            return Err(ShardRangeError::NoShards(text()));
        }
        if first > last {
            return Err(ShardRangeError::Reversed(text()));
        }
        if last >= total {
            return Err(ShardRangeError::Outside {
                range: text(),
                shard: last,
                max: total - 1,
            });
        }
        Ok(ShardRange { first, last, total })
    }

    /// Every shard of `total` (at least one).
    pub fn all(total: u32) -> ShardRange {
        let total = total.max(1);
        ShardRange {
            first: 0,
            last: total - 1,
            total,
        }
    }

    pub fn first(&self) -> u32 {
        self.first
    }

    pub fn last(&self) -> u32 {
        self.last
    }

    pub fn total(&self) -> u32 {
        self.total
    }

    /// Shards this process runs.
    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }

    pub fn ids(&self) -> impl Iterator<Item = u32> + use<> {
        self.first..=self.last
    }

    pub fn contains(&self, shard: u32) -> bool {
        (self.first..=self.last).contains(&shard)
    }

    /// Shard 0 receives direct messages, and its process registers the commands.
    pub fn runs_shard_zero(&self) -> bool {
        self.first == 0
    }

    /// The shard a server's events arrive on, when the bot has `total` shards.
    pub fn shard_of_guild(guild: u64, total: u32) -> u32 {
        ((guild >> 22) % u64::from(total.max(1))) as u32
    }

    /// Whether this process serves `scope`: a server on one of its shards, or (on the process
    /// that runs shard 0, where direct messages arrive) a user's DMs and the local store.
    pub fn serves(&self, scope: Scope) -> bool {
        match scope {
            Scope::Guild(g) => self.contains(ShardRange::shard_of_guild(g, self.total)),
            Scope::User(_) | Scope::Local => self.runs_shard_zero(),
        }
    }
}

impl fmt::Display for ShardRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}/{}", self.first, self.last, self.total)
    }
}

impl FromStr for ShardRange {
    type Err = ShardRangeError;

    /// `FIRST-LAST/TOTAL`, or `N/TOTAL` for one shard; spaces around the numbers are allowed.
    fn from_str(s: &str) -> Result<ShardRange, ShardRangeError> {
        let syntax = || ShardRangeError::Syntax(s.trim().to_string());
        let (span, total) = s.split_once('/').ok_or_else(syntax)?;
        let number = |t: &str| {
            let t = t.trim();
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax());
            }
            t.parse::<u32>().map_err(|_| syntax())
        };
        let (first, last) = match span.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(span)?;
                (n, n)
            }
        };
        ShardRange::new(first, last, number(total)?)
    }
}

/// `discord.shards`: a range, or empty (also `auto`) for serenity's automatic sharding.
pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(range: &Option<ShardRange>, s: S) -> Result<S::Ok, S::Error> {
        match range {
            Some(r) => s.collect_str(r),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ShardRange>, D::Error> {
        let text = String::deserialize(d)?;
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("auto") {
            return Ok(None);
        }
        text.parse().map(Some).map_err(serde::de::Error::custom)
    }
}

impl Serialize for ShardRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ShardRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ShardRange, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_and_print() {
        let r: ShardRange = "0-3/16".parse().unwrap();
        assert_eq!((r.first(), r.last(), r.total(), r.count()), (0, 3, 16, 4));
        assert_eq!(r.to_string(), "0-3/16");
        assert_eq!(
            " 5 / 8 ".parse::<ShardRange>().unwrap().to_string(),
            "5-5/8"
        );
        assert_eq!("0-0/1".parse::<ShardRange>().unwrap(), ShardRange::all(1));
        assert_eq!(ShardRange::all(0), ShardRange::all(1));
        assert_eq!(
            "1-1/2"
                .parse::<ShardRange>()
                .unwrap()
                .ids()
                .collect::<Vec<_>>(),
            [1]
        );
    }

    #[test]
    fn invalid_ranges_are_refused_in_one_line() {
        for (bad, says) in [
            ("", "not a shard range"),
            ("3", "not a shard range"),
            ("0-3", "not a shard range"),
            ("a-b/c", "not a shard range"),
            ("-1-3/4", "not a shard range"),
            ("0-3/+4", "not a shard range"),
            ("0-3/16/2", "not a shard range"),
            ("0-99999999999/4", "not a shard range"),
            ("0-0/0", "at least 1"),
            ("4-3/16", "comes after"),
            ("0-16/16", "shard 16 does not exist"),
            ("2/2", "0 to 1"),
        ] {
            let e = bad.parse::<ShardRange>().unwrap_err().to_string();
            assert!(e.contains(says), "{bad:?}: {e}");
            assert!(!e.contains('\n'));
        }
        assert!(ShardRange::new(1, 0, 2).is_err());
    }

    #[test]
    fn servers_belong_to_one_shard() {
        // Discord's formula: (guild_id >> 22) % total.
        let guild = 175_928_847_299_117_063_u64;
        assert_eq!(
            ShardRange::shard_of_guild(guild, 16),
            ((guild >> 22) % 16) as u32
        );
        let halves = [
            "0-0/2".parse::<ShardRange>().unwrap(),
            "1-1/2".parse().unwrap(),
        ];
        for g in [guild, 1, 1 << 22, 3 << 22, u64::MAX] {
            let owners = halves.iter().filter(|r| r.serves(Scope::Guild(g))).count();
            assert_eq!(owners, 1, "guild {g}");
        }
        assert!(halves[0].serves(Scope::User(7)) && !halves[1].serves(Scope::User(7)));
        assert!(halves[0].serves(Scope::Local) && !halves[1].serves(Scope::Local));
    }
}
