-- Users, their answers, conversation state, plans, and the outbox of decided replies.
CREATE TABLE users (
  chat_id          INTEGER PRIMARY KEY,
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL,
  consented        INTEGER NOT NULL DEFAULT 0,
  disclaimer_shown INTEGER NOT NULL DEFAULT 0,
  time_zone        TEXT,
  red_flags        TEXT    NOT NULL DEFAULT '[]',
  active           INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE conversations (
  chat_id       INTEGER PRIMARY KEY REFERENCES users(chat_id) ON DELETE CASCADE,
  stage         TEXT    NOT NULL,
  question_id   TEXT,
  pending       TEXT,
  selection     TEXT    NOT NULL DEFAULT '[]',
  last_activity TEXT
);

CREATE TABLE answers (
  chat_id     INTEGER NOT NULL REFERENCES users(chat_id) ON DELETE CASCADE,
  question_id TEXT    NOT NULL,
  options     TEXT    NOT NULL,
  value       TEXT,
  PRIMARY KEY (chat_id, question_id)
);

CREATE TABLE plans (
  chat_id    INTEGER PRIMARY KEY REFERENCES users(chat_id) ON DELETE CASCADE,
  created_at TEXT    NOT NULL,
  body       TEXT    NOT NULL
);

-- Deliveries decided while handling an event; a sender delivers them. Pending: neither sent nor dropped.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id         INTEGER NOT NULL,
  created_at      TEXT    NOT NULL,
  priority        INTEGER NOT NULL,
  body            TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,  -- epoch milliseconds
  last_error      TEXT,
  sent_at         TEXT,
  dropped_at      TEXT
);

CREATE INDEX outbox_pending ON outbox (priority, id) WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX outbox_chat ON outbox (chat_id, id);

-- Every update that reached the bot, stored before the poller may confirm it; applied exactly once.
-- The body (which holds what the user sent) is cleared once the update is applied.
CREATE TABLE updates (
  update_id   INTEGER PRIMARY KEY,
  chat_id     INTEGER,
  received_at TEXT    NOT NULL,
  body        TEXT,
  applied_at  TEXT,
  error       TEXT
);

CREATE INDEX updates_pending ON updates (update_id) WHERE applied_at IS NULL;

-- Group and channel chats told once that the bot works in private chats only.
CREATE TABLE chat_notices (
  chat_id    INTEGER PRIMARY KEY,
  noticed_at TEXT NOT NULL
);
