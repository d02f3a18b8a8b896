-- A story term's postings in one row (issue 15, store::postings): the newest stories posted under
-- the term with their summed weights, packed in a blob the store writes. One row a posting
-- (story_terms) made the candidate search a GROUP BY over thousands of products at 100k articles.
-- The store packs an older store's story_terms into this table when it opens, then drops it.
-- A rowid table: a full row (~2.5 KB) then fits in one page, where a WITHOUT ROWID row that large
-- would spill into overflow pages.
CREATE TABLE story_postings (
    id          INTEGER PRIMARY KEY,
    scope       TEXT    NOT NULL,
    term        TEXT    NOT NULL,
    postings    BLOB    NOT NULL,
    UNIQUE (scope, term)
);
