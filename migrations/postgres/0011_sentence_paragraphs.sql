-- The paragraph of each sentence (issue 11; see migrations/sqlite/0013_sentence_paragraphs.sql):
-- numbered from 0 in each article, a line break between two sentences starts a new one.
ALTER TABLE sentences ADD COLUMN para BIGINT NOT NULL DEFAULT 0;

UPDATE sentences SET para = p.para
FROM (
    SELECT id, sum(brk) OVER (PARTITION BY article_id ORDER BY idx) AS para
    FROM (
        SELECT s.id, s.article_id, s.idx,
               CASE WHEN position('\x0a'::bytea IN substring(convert_to(a.text, 'UTF8')
                        FROM (lag(s."end") OVER w + 1)::int
                        FOR (s.start - lag(s."end") OVER w)::int)) > 0
                    THEN 1 ELSE 0 END AS brk
        FROM sentences s JOIN articles a ON a.id = s.article_id
        WINDOW w AS (PARTITION BY s.article_id ORDER BY s.idx)
    ) b
) AS p
WHERE sentences.id = p.id AND p.para <> 0;
