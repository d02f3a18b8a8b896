-- Copies and stories (issue 15). Append-only like the migrations before it.

-- Copy detection: each article's MinHash signature over word shingles, and its LSH band hashes
-- (analysis::story::Fingerprint), so the articles that may be copies of a new one come from an
-- index lookup. A copy links to the first copy of its text; forgetting the original unlinks it.
CREATE TABLE article_fingerprints (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    shingles    INTEGER NOT NULL,
    slots       BLOB    NOT NULL
);
CREATE TABLE fingerprint_bands (
    scope       TEXT    NOT NULL,
    band        INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (scope, band, article_id)
) WITHOUT ROWID;
CREATE INDEX fingerprint_bands_article ON fingerprint_bands (article_id);
CREATE TABLE article_copies (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_copies_original ON article_copies (original_id);

-- Stories: articles about one news event, per scope. A story keeps the sum of its members'
-- TF-IDF vectors (its centroid, `story_terms`) and that sum's squared norm, so a new article is
-- compared with it without reading the members; and the span of its members' event days.
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    scope       TEXT    NOT NULL,
    norm2       REAL    NOT NULL DEFAULT 0,
    first_day   INTEGER,            -- days since 1970-01-01
    last_day    INTEGER,
    articles    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_scope ON stories (scope, id);

-- The story of each article, with the vector it brought (JSON [[term, weight], ...]) so that
-- leaving the story (forget) takes exactly that back out.
CREATE TABLE story_articles (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    day         INTEGER,
    vector      TEXT    NOT NULL
);
-- (story_id, day) answers a story's span and member count from the index alone.
CREATE INDEX story_articles_story ON story_articles (story_id, day, article_id);

-- The centroids, by term first: candidates for a new article come from its rarest terms.
CREATE TABLE story_terms (
    scope       TEXT    NOT NULL,
    term        TEXT    NOT NULL,
    story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    weight      REAL    NOT NULL,
    PRIMARY KEY (scope, term, story_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_story ON story_terms (story_id);

-- How many of a scope's articles use each term (the term '' counts the articles): the rarity
-- that weights words and entities.
CREATE TABLE story_df (
    scope       TEXT    NOT NULL,
    term        TEXT    NOT NULL,
    df          INTEGER NOT NULL,
    PRIMARY KEY (scope, term)
) WITHOUT ROWID;
