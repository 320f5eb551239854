-- Reminders wait in deadline order (issue 19): among scheduled messages the one whose window closes
-- first, that is the most overdue, goes next; replies still go before all of them, oldest first.
-- The same columns and expression as the ORDER BY of Outbox.due, so a scan reads the index in order
-- and stops at its LIMIT instead of sorting every waiting row.
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (priority, (COALESCE(due_by, 0)), id)
  WHERE sent_at IS NULL AND dropped_at IS NULL;

-- Telegram's paid broadcast (allow_paid_broadcast, 0.1 Star a message): how many messages each UTC
-- day used it, so the operator's daily budget holds across restarts.
CREATE TABLE paid_broadcast (
  day      TEXT    PRIMARY KEY,  -- yyyy-MM-dd, UTC
  messages INTEGER NOT NULL
);
