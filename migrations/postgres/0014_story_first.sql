-- A story's first article is `min(article_id)` of its rows: one seek with this index instead of
-- reading the whole story (see migrations/sqlite/0014_story_first.sql).
CREATE INDEX story_articles_first ON story_articles (story_id, article_id);
