-- newsdesk schema. Append-only: add new migrations, never edit this one once released.
-- Everything derived from an article hangs off articles(id) with ON DELETE CASCADE, so forgetting
-- an article is one DELETE (plus removing entities no article mentions any more).

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    -- Who may see it: 'local' (CLI), 'guild:<id>' or 'user:<id>' (Discord DMs).
    scope         TEXT    NOT NULL,
    -- Normalised URL (canonical when the page declared one); NULL for local files given without --url.
    url           TEXT,
    -- SHA-256 (hex) of the extracted text with whitespace collapsed: the same article under two URLs.
    content_hash  TEXT    NOT NULL,
    title         TEXT,
    byline        TEXT,
    published     TEXT,     -- RFC 3339 or YYYY-MM-DD as extracted
    site          TEXT,
    language      TEXT,
    text          TEXT    NOT NULL,
    summary_size  INTEGER NOT NULL,  -- the N the stored summary was computed for
    ingested_at   TEXT    NOT NULL,  -- RFC 3339, UTC
    UNIQUE (scope, content_hash)
);
CREATE UNIQUE INDEX articles_scope_url ON articles (scope, url) WHERE url IS NOT NULL;
CREATE INDEX articles_scope_recent ON articles (scope, id DESC);

CREATE TABLE sentences (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,         -- position in the article, from 0
    start         INTEGER NOT NULL,         -- byte span into articles.text, end exclusive
    end           INTEGER NOT NULL,
    text          TEXT    NOT NULL,
    summary_rank  INTEGER,                  -- reading-order position in the stored summary, else NULL
    UNIQUE (article_id, idx)
);

-- Cross-article identity: one row per (scope, normalised canonical name).
CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,         -- analysis::entities::canonical_key(name)
    name          TEXT    NOT NULL,         -- display name (fullest form seen)
    kind          TEXT    NOT NULL CHECK (kind IN ('person', 'organization', 'place', 'other')),
    UNIQUE (scope, key)
);

-- An entity as one article knows it: its aliases and roles there.
CREATE TABLE article_entities (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,         -- canonical name in this article
    roles         TEXT    NOT NULL,         -- JSON array of strings
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities (entity_id);

-- Every surface form (name and aliases) per article, for alias-aware lookup.
CREATE TABLE entity_aliases (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias         TEXT    NOT NULL,
    alias_key     TEXT    NOT NULL,
    PRIMARY KEY (article_id, entity_id, alias_key)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_key ON entity_aliases (alias_key);

CREATE TABLE mentions (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);

CREATE TABLE quotes (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,        -- the words inside the quote marks
    end            INTEGER NOT NULL,
    text           TEXT    NOT NULL,
    speaker        TEXT,                    -- resolved full name
    speaker_start  INTEGER,                 -- the mention (name or pronoun) it is attributed to
    speaker_end    INTEGER,
    speaker_entity INTEGER REFERENCES entities (id) ON DELETE SET NULL,
    score          REAL    NOT NULL,
    rank           INTEGER NOT NULL         -- 0 = the article's key quote
);
CREATE INDEX quotes_article ON quotes (article_id, rank);
CREATE INDEX quotes_speaker ON quotes (speaker_entity, article_id DESC);

-- Full-text search. External content tables, kept in sync by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    text, content = 'sentences', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
