-- Reminders, what happened to each one sent, weekly check-ins, and the per-user settings they need.
ALTER TABLE users ADD COLUMN quiet_start TEXT NOT NULL DEFAULT '22:00';
ALTER TABLE users ADD COLUMN quiet_end TEXT NOT NULL DEFAULT '07:00';
ALTER TABLE users ADD COLUMN quiet_mode TEXT NOT NULL DEFAULT 'DEFER';
ALTER TABLE users ADD COLUMN paused_until INTEGER;

-- One row per reminder a user has. next_due_at (epoch ms) is what the scheduler claims on; it is advanced in the same
-- transaction that queues the reminder, so nothing fires twice.
CREATE TABLE reminders (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id          INTEGER NOT NULL REFERENCES users(chat_id) ON DELETE CASCADE,
  kind             TEXT    NOT NULL,
  enabled          INTEGER NOT NULL DEFAULT 1,
  time_of_day      TEXT,
  days             TEXT    NOT NULL,
  interval_minutes INTEGER,
  window_start     TEXT,
  window_end       TEXT,
  once             INTEGER NOT NULL DEFAULT 0,
  until_at         INTEGER,
  next_due_at      INTEGER,
  rotation         INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX reminders_due ON reminders (next_due_at) WHERE enabled = 1;
CREATE INDEX reminders_chat ON reminders (chat_id);

-- Every reminder sent (or missed while the bot was down) and what the user did with it.
CREATE TABLE reminder_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id     INTEGER NOT NULL REFERENCES users(chat_id) ON DELETE CASCADE,
  reminder_id INTEGER,
  kind        TEXT    NOT NULL,
  due_at      INTEGER NOT NULL,
  local_date  TEXT    NOT NULL,
  item        TEXT,
  outcome     TEXT    NOT NULL,
  outcome_at  INTEGER
);

CREATE INDEX reminder_log_chat ON reminder_log (chat_id, local_date);

CREATE TABLE checkins (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id     INTEGER NOT NULL REFERENCES users(chat_id) ON DELETE CASCADE,
  week_of     TEXT    NOT NULL,
  pain        INTEGER NOT NULL,
  sessions    INTEGER NOT NULL,
  fit         TEXT,
  adherence   REAL,
  decision    TEXT,
  created_at  TEXT    NOT NULL
);

CREATE INDEX checkins_chat ON checkins (chat_id, id);
