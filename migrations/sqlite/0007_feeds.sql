-- Feeds (issue 14): a scope (a Discord server) subscribes a channel to a news feed. Append-only
-- like the migrations before it.

-- One row per subscription. Times are unix seconds.
CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    -- 'guild:<id>', 'user:<id>' or 'local'.
    scope           TEXT    NOT NULL,
    -- The feed document's address (after discovery), normalised.
    url             TEXT    NOT NULL,
    -- The Discord channel posts go to; 0 for the command line.
    channel_id      INTEGER NOT NULL DEFAULT 0,
    -- 'each': one post per new article; 'digest': one grouped post a day.
    mode            TEXT    NOT NULL DEFAULT 'each' CHECK (mode IN ('each', 'digest')),
    title           TEXT,
    -- The feed's own web page.
    site_url        TEXT,
    paused          INTEGER NOT NULL DEFAULT 0,
    -- Conditional GET: what the server sent last time.
    etag            TEXT,
    last_modified   TEXT,
    -- Whether the first poll happened (its entries are stored, not posted).
    primed          INTEGER NOT NULL DEFAULT 0,
    next_poll_at    INTEGER NOT NULL DEFAULT 0,
    last_polled_at  INTEGER,
    -- Consecutive failed polls and the last reason; the feed is failing past `feeds.failing_after`.
    failures        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    -- The UTC day ('YYYY-MM-DD') of the last digest sent.
    digest_day      TEXT,
    created_at      INTEGER NOT NULL,
    UNIQUE (scope, url, channel_id)
);
CREATE INDEX feeds_due ON feeds (paused, next_poll_at);

-- Every entry a feed has shown, so none is posted twice: by its stable key (guid, else normalised
-- link, else a hash of title and date) and by its link (a guid that changes while the link does
-- not is the same entry).
CREATE TABLE feed_entries (
    feed_id     INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    link        TEXT,
    title       TEXT,
    published   TEXT,
    -- 'seen' (there at the first poll, never posted), 'pending' (to bring in), 'queued' (brought
    -- in, waiting for the digest), 'posted', 'skipped' (failed too often; `error` says why).
    state       TEXT    NOT NULL CHECK (state IN ('seen', 'pending', 'queued', 'posted', 'skipped')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    article_id  INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    seen_at     INTEGER NOT NULL,
    -- Position among the entries first seen in the same poll, oldest first: the order of posting.
    seq         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
CREATE INDEX feed_entries_link ON feed_entries (feed_id, link);
CREATE INDEX feed_entries_state ON feed_entries (feed_id, state);
CREATE INDEX feed_entries_article ON feed_entries (article_id);
