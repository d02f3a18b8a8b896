-- Cheaper story upkeep at ingest (issue 15). Writing every distinct term of every article into
-- story_df and every term of its vector into story_terms made an ingest touch a few hundred
-- scattered pages, which doubled its cost.

-- Document frequencies are folded in batches: an article's terms wait here until a scope has
-- enough of them (store::stories::FOLD_BATCH), then one sorted upsert adds them all to story_df.
-- A rarity estimate loses nothing by missing the last few articles, and a batch writes each page
-- of story_df once instead of once per article.
CREATE TABLE story_pending (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    scope       TEXT    NOT NULL,
    terms       TEXT    NOT NULL    -- JSON array of the article's distinct terms
);
CREATE INDEX story_pending_scope ON story_pending (scope, article_id);

-- A story's centroid is one row (its heaviest terms with their weights, see
-- store::stories::encode_centroid), rewritten when an article joins or leaves. NULL (stories from
-- before this migration): the sum of the members' vectors, computed when next needed.
-- story_terms now holds only the postings that find candidate stories: each member's heaviest
-- terms (store::stories::PROBE_TERMS), not its whole vector. Older rows stay valid postings.
ALTER TABLE stories ADD COLUMN centroid BLOB;
