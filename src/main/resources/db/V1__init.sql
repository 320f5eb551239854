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

CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id    INTEGER NOT NULL,
  created_at TEXT    NOT NULL,
  priority   INTEGER NOT NULL,
  body       TEXT    NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  sent_at    TEXT
);

CREATE INDEX outbox_pending ON outbox (priority, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_chat ON outbox (chat_id);
