-- Forgetting at scale. Append-only like 0001 and 0002.

-- Deleting an entity that no article mentions any more checks and cascades to entity_aliases by
-- entity_id, and forget asks whether an entity still uses an alias key: both need entity_id first.
-- Without it each of those read the whole table (seconds in a store of 100k articles). Nothing
-- looks aliases up by alias_key alone (lookups go through entity_names), so that index goes.
CREATE INDEX entity_aliases_entity ON entity_aliases (entity_id, alias_key);
DROP INDEX entity_aliases_key;
