-- Conversations with the bot (issue 12). Append-only like the migrations before it.

-- One row per conversation: a thread the bot answers in, or a channel and user in "reply" mode.
-- What the dialogue remembers (last entities, article, shown sources, last question) is one small
-- JSON document written by the Discord front-end; nothing else reads inside it. Rows older than
-- `discord.conversation_minutes` are dead and pruned as new ones are written, and the table is
-- kept to a number of rows, so it stays small however busy the servers are.
CREATE TABLE conversations (
    -- 'thread:<channel id>' or 'reply:<channel id>:<user id>'
    key         TEXT    PRIMARY KEY,
    -- The store the conversation reads: 'guild:<id>' or 'user:<id>'.
    scope       TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (length(state) <= 16384),
    -- Unix seconds of the last turn.
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX conversations_updated ON conversations (updated_at);
