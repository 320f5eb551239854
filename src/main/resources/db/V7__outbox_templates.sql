-- A reminder fan-out queues thousands of copies of a few dozen messages that differ only in the log id inside their
-- buttons. Such a message is now stored once, as a template with a marker, and each outbox row names the template
-- and what replaces the marker: writing 100,000 full bodies was an eighth of a claim. A row has either its own body
-- or a template. Templates carry no chat id: they hold the bundle's reminder texts, a workout's also the exercises of
-- a plan, which many users share. A template no row uses is deleted a day later (Outbox.purgeTemplates).
CREATE TABLE outbox_templates (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT    NOT NULL,
  body       TEXT    NOT NULL
);

CREATE TABLE outbox_v7 (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id         INTEGER NOT NULL,
  created_at      TEXT    NOT NULL,
  priority        INTEGER NOT NULL,
  body            TEXT,
  template_id     INTEGER REFERENCES outbox_templates(id),
  fill            TEXT,     -- replaces every marker of the template
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,  -- epoch milliseconds
  last_error      TEXT,
  sent_at         TEXT,
  dropped_at      TEXT,
  CHECK ((body IS NULL) <> (template_id IS NULL))
);
INSERT INTO outbox_v7 (id, chat_id, created_at, priority, body, attempts, next_attempt_at, last_error, sent_at,
                       dropped_at)
  SELECT id, chat_id, created_at, priority, body, attempts, next_attempt_at, last_error, sent_at, dropped_at
  FROM outbox ORDER BY id;
-- Ids are never reused: carry the old table's sequence over.
DELETE FROM sqlite_sequence WHERE name = 'outbox_v7';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_v7', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_v7 RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (priority, id) WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX outbox_chat ON outbox (chat_id, id);
CREATE INDEX outbox_pending_chat ON outbox (chat_id, id) WHERE sent_at IS NULL AND dropped_at IS NULL;
