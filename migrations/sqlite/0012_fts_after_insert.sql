-- New articles and sentences enter the full-text indexes once per write transaction, from the
-- store's code (`index_text`), instead of by a trigger per row: FTS5 writes a segment for what
-- it holds at every later statement of a transaction, so per-row triggers left one small segment
-- per article to merge. Deletes still go through their triggers.
DROP TRIGGER articles_ai;
DROP TRIGGER sentences_ai;
