-- Failure isolation (issue 15): items that keep failing are set aside here with their reason, so
-- one bad update, outbox row or reminder never stops the others. `backcoach quarantine` lists and
-- replays them.
CREATE TABLE quarantine (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  kind           TEXT    NOT NULL,  -- update, outbox or reminder
  item_id        INTEGER NOT NULL,  -- update_id, outbox id or reminder id
  chat_id        INTEGER,
  reason         TEXT    NOT NULL,
  trace          TEXT,
  body           TEXT,              -- the item as stored, for a replay after a fix
  quarantined_at TEXT    NOT NULL,
  replayed_at    TEXT
);

CREATE INDEX quarantine_open ON quarantine (quarantined_at) WHERE replayed_at IS NULL;
CREATE INDEX quarantine_chat ON quarantine (chat_id);

-- An update that failed for a reason of its own is retried a few times with backoff.
ALTER TABLE updates ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- next_attempt_at is in epoch milliseconds.
ALTER TABLE updates ADD COLUMN next_attempt_at INTEGER;
CREATE INDEX updates_held ON updates (chat_id, update_id)
  WHERE applied_at IS NULL AND next_attempt_at IS NOT NULL;

-- A reminder's message: the end of its grace window and its log row, so one that could not be
-- delivered in time is folded into a catch-up instead of going out late.
-- due_by is in epoch milliseconds.
ALTER TABLE outbox ADD COLUMN due_by INTEGER;
ALTER TABLE outbox ADD COLUMN log_id INTEGER;
