-- Read-path support for /entity, /quotes and /ask at scale. Append-only like 0001.

-- Every surface form of an entity, folded (lower case, no diacritics, single spaces) so lookups
-- ignore case and accents; one row per (entity, alias_key) so forgetting an article can drop the
-- forms only it used. `entity_names_fts` (trigrams) finds close names for typo-tolerant lookup.
CREATE TABLE entity_names (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias      TEXT    NOT NULL,          -- as first written
    alias_key  TEXT    NOT NULL,          -- entity_aliases.alias_key
    fold       TEXT    NOT NULL,
    UNIQUE (entity_id, alias_key)
);
CREATE INDEX entity_names_fold ON entity_names (fold);

CREATE VIRTUAL TABLE entity_names_fts USING fts5 (
    fold, content = 'entity_names', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER entity_names_ai AFTER INSERT ON entity_names BEGIN
    INSERT INTO entity_names_fts (rowid, fold) VALUES (new.id, new.fold);
END;
CREATE TRIGGER entity_names_ad AFTER DELETE ON entity_names BEGIN
    INSERT INTO entity_names_fts (entity_names_fts, rowid, fold) VALUES ('delete', old.id, old.fold);
END;

-- Entity statistics (articles, mentions, first/last article) from the index alone.
CREATE INDEX article_entities_entity_stats ON article_entities (entity_id, article_id, mention_count);
DROP INDEX article_entities_entity;

-- Mentions by sentence: which entities (and kinds) a candidate answer sentence names; and an
-- entity's latest mentioning sentences straight from the index.
CREATE INDEX mentions_sentence ON mentions (article_id, sentence_idx, entity_id);
CREATE INDEX mentions_entity_sentence ON mentions (entity_id, article_id, sentence_idx);
DROP INDEX mentions_entity;
