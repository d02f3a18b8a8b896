-- Row counts kept by triggers (issue 17), so a /metrics scrape reads three numbers instead of
-- counting three tables whole. Every insert and delete, cascades from forgetting an article
-- included, moves its table's count in the same transaction, whichever process writes.
CREATE TABLE store_counts (
    name  TEXT    PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO store_counts (name, n)
VALUES ('articles', (SELECT count(*) FROM articles)),
       ('entities', (SELECT count(*) FROM entities)),
       ('quotes', (SELECT count(*) FROM quotes));

CREATE TRIGGER articles_count_insert AFTER INSERT ON articles
BEGIN UPDATE store_counts SET n = n + 1 WHERE name = 'articles'; END;
CREATE TRIGGER articles_count_delete AFTER DELETE ON articles
BEGIN UPDATE store_counts SET n = n - 1 WHERE name = 'articles'; END;
CREATE TRIGGER entities_count_insert AFTER INSERT ON entities
BEGIN UPDATE store_counts SET n = n + 1 WHERE name = 'entities'; END;
CREATE TRIGGER entities_count_delete AFTER DELETE ON entities
BEGIN UPDATE store_counts SET n = n - 1 WHERE name = 'entities'; END;
CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes
BEGIN UPDATE store_counts SET n = n + 1 WHERE name = 'quotes'; END;
CREATE TRIGGER quotes_count_delete AFTER DELETE ON quotes
BEGIN UPDATE store_counts SET n = n - 1 WHERE name = 'quotes'; END;
