//! When to poll a feed next: the configured interval, what the site asks for (`Cache-Control:
//! max-age`, `Retry-After`), exponential backoff after failures, a cap, and jitter. Pure: the
//! time comes in as an argument.

use crate::config::FeedsConfig;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// The schedule of one configuration.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    interval: i64,
    max: i64,
    jitter_percent: i64,
}

impl Schedule {
    pub fn new(config: &FeedsConfig) -> Schedule {
        let interval = (config.poll_minutes * 60) as i64;
        Schedule {
            interval,
            max: ((config.max_interval_hours * 3600) as i64).max(interval),
            jitter_percent: config.jitter_percent as i64,
        }
    }

    /// After a good poll (or a 304): the interval, or the site's longer `max-age` or
    /// `Retry-After` (seconds), at most the cap; plus jitter.
    pub fn after_success(
        &self,
        feed_id: i64,
        now: DateTime<Utc>,
        max_age: Option<i64>,
        retry_after: Option<i64>,
    ) -> DateTime<Utc> {
        let wait = self
            .interval
            .max(max_age.unwrap_or(0))
            .max(retry_after.unwrap_or(0))
            .min(self.max);
        self.at(feed_id, now, wait)
    }

    /// After `failures` failed polls in a row (1 for the first): the interval doubled per
    /// failure, or the site's `Retry-After` when longer, at most the cap; plus jitter.
    pub fn after_failure(
        &self,
        feed_id: i64,
        now: DateTime<Utc>,
        failures: u32,
        retry_after: Option<i64>,
    ) -> DateTime<Utc> {
        let doublings = failures.saturating_sub(1).min(20);
        let backoff = self.interval.saturating_mul(1 << doublings);
        let wait = backoff.max(retry_after.unwrap_or(0)).min(self.max);
        self.at(feed_id, now, wait)
    }

    fn at(&self, feed_id: i64, now: DateTime<Utc>, wait: i64) -> DateTime<Utc> {
        now + chrono::Duration::seconds(wait + self.jitter(feed_id, now, wait))
    }

    /// Up to `jitter_percent` of `wait`, the same for the same feed at the same second (so a
    /// test's clock gives repeatable times) and spread across feeds.
    fn jitter(&self, feed_id: i64, now: DateTime<Utc>, wait: i64) -> i64 {
        let span = wait * self.jitter_percent / 100;
        if span <= 0 {
            return 0;
        }
        let digest = Sha256::new()
            .chain_update(feed_id.to_le_bytes())
            .chain_update(now.timestamp().to_le_bytes())
            .finalize();
        let mut n = [0u8; 8];
        n.copy_from_slice(&digest[..8]);
        (u64::from_le_bytes(n) % (span as u64 + 1)) as i64
    }
}

/// `max-age` of a `Cache-Control` header, in seconds (`no-store`/`no-cache` ask for nothing).
pub fn max_age(cache_control: &str) -> Option<i64> {
    cache_control.split(',').find_map(|d| {
        let (k, v) = d.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| v.trim().trim_matches('"').parse::<i64>().ok())
            .flatten()
            .filter(|s| *s >= 0)
    })
}

/// `Retry-After` (delay seconds or an HTTP date) as seconds from `now`.
pub fn retry_after(value: &str, now: DateTime<Utc>) -> Option<i64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<i64>() {
        return Some(secs.max(0));
    }
    let when = DateTime::parse_from_rfc2822(value).ok()?;
    Some((when.with_timezone(&Utc) - now).num_seconds().max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(jitter: u64) -> Schedule {
        Schedule::new(&FeedsConfig {
            poll_minutes: 10,
            max_interval_hours: 2,
            jitter_percent: jitter,
            ..FeedsConfig::default()
        })
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn success_waits_the_interval_or_what_the_site_asks_within_the_cap() {
        let s = schedule(0);
        let secs = |t: DateTime<Utc>| (t - t0()).num_seconds();
        assert_eq!(secs(s.after_success(1, t0(), None, None)), 600);
        assert_eq!(secs(s.after_success(1, t0(), Some(60), None)), 600);
        assert_eq!(secs(s.after_success(1, t0(), Some(1800), None)), 1800);
        assert_eq!(secs(s.after_success(1, t0(), None, Some(3600))), 3600);
        assert_eq!(secs(s.after_success(1, t0(), Some(86400), None)), 7200);
    }

    #[test]
    fn failures_back_off_exponentially_up_to_the_cap() {
        let s = schedule(0);
        let secs = |n| (s.after_failure(1, t0(), n, None) - t0()).num_seconds();
        assert_eq!(
            [secs(1), secs(2), secs(3), secs(4), secs(5)],
            [600, 1200, 2400, 4800, 7200]
        );
        assert_eq!(secs(60), 7200);
    }

    #[test]
    fn jitter_spreads_feeds_within_its_share() {
        let s = schedule(10);
        let waits: Vec<i64> = (1..50)
            .map(|id| (s.after_success(id, t0(), None, None) - t0()).num_seconds())
            .collect();
        assert!(waits.iter().all(|w| (600..=660).contains(w)), "{waits:?}");
        assert!(waits.iter().any(|w| *w != waits[0]));
        assert_eq!(
            s.after_success(7, t0(), None, None),
            s.after_success(7, t0(), None, None)
        );
    }

    #[test]
    fn headers_are_read() {
        assert_eq!(max_age("public, max-age=300"), Some(300));
        assert_eq!(max_age("no-cache"), None);
        assert_eq!(retry_after("120", t0()), Some(120));
        assert_eq!(
            retry_after("Thu, 01 Jan 2026 01:00:00 GMT", t0()),
            Some(3600)
        );
        assert_eq!(retry_after("soon", t0()), None);
    }
}
