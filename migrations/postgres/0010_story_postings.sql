-- A story term's postings in one row (issue 15, store::postings): the newest stories posted under
-- the term with their summed weights, packed in a blob the store writes. The store packs an older
-- store's story_terms into this table when it opens, then drops it.
CREATE TABLE story_postings (
    scope       TEXT    NOT NULL,
    term        TEXT    NOT NULL,
    postings    BYTEA   NOT NULL,
    PRIMARY KEY (scope, term)
);
-- Kept in the row (at most a few KB, under a page): binary floats gain nothing from compression,
-- and moved out of line each read would take a second look-up.
ALTER TABLE story_postings ALTER COLUMN postings SET STORAGE PLAIN;
