-- How many of a story's members have a day (issue 15). An undated article is weighed against a
-- story by the share of its members that are dated (store::stories::date_penalty), so the count
-- is kept beside `articles` instead of being counted from story_articles for every candidate.
ALTER TABLE stories ADD COLUMN dated INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET dated = (SELECT count(day) FROM story_articles WHERE story_id = stories.id);
