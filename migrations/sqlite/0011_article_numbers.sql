-- The highest article number (`#N`, articles.id) ever given. `id INTEGER PRIMARY KEY` without
-- AUTOINCREMENT gives max(id) + 1, so forgetting the newest article handed its number to the
-- next one, and `#N` in older chat messages then named another article. The store inserts new
-- articles as `high + 1` (store::articles); the trigger keeps the mark on every insert, ids
-- chosen by a copy included, and never lowers it. PostgreSQL's identity sequence already never
-- gives a number twice, so this has no PostgreSQL twin.
-- A store written before this migration starts from its highest stored number: a newest article
-- forgotten before then cannot be told apart from one never stored.
CREATE TABLE article_numbers (
    one   INTEGER PRIMARY KEY CHECK (one = 1),
    high  INTEGER NOT NULL
);

INSERT INTO article_numbers (one, high) VALUES (1, (SELECT coalesce(max(id), 0) FROM articles));

CREATE TRIGGER article_numbers_insert AFTER INSERT ON articles
WHEN NEW.id > (SELECT high FROM article_numbers WHERE one = 1)
BEGIN UPDATE article_numbers SET high = NEW.id WHERE one = 1; END;
