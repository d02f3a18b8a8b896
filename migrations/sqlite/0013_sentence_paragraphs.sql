-- The paragraph of each sentence (issue 11): a question is written from a passage, so `ask` weighs
-- the question's words in the candidate's whole paragraph, not only in the sentence. Numbered from 0
-- in each article; a sentence starts a new paragraph when a line break separates it from the one
-- before (every line break is a paragraph break in newsdesk's text). New rows get it from the
-- store's code; the rows already stored get it here, from the text between two sentences.
ALTER TABLE sentences ADD COLUMN para INTEGER NOT NULL DEFAULT 0;

UPDATE sentences SET para = p.para
FROM (
    SELECT id, sum(brk) OVER (PARTITION BY article_id ORDER BY idx) AS para
    FROM (
        SELECT s.id, s.article_id, s.idx,
               CASE WHEN instr(substr(CAST(a.text AS BLOB), lag(s."end") OVER w + 1,
                                      s.start - lag(s."end") OVER w), X'0A') > 0
                    THEN 1 ELSE 0 END AS brk
        FROM sentences s JOIN articles a ON a.id = s.article_id
        WINDOW w AS (PARTITION BY s.article_id ORDER BY s.idx)
    )
) AS p
WHERE sentences.id = p.id AND p.para <> 0;
