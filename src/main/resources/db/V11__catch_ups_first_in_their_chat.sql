-- Sending order, refined at 1,000,000 users (issue 19). Across chats, a message held to a later time
-- (a catch-up kept until the user's quiet hours end) is ordered by that time instead of first, so
-- scans no longer walk past it while it waits. Within a chat, a catch-up (the one scheduled message
-- without a deadline) goes before the chat's other scheduled messages instead of waiting behind
-- reminders still in their window: the scan walked past thousands of such catch-ups every 50 ms.
-- The same columns and expressions as the ORDER BYs of Outbox.due and its per-chat subquery, so
-- both read an index in order.
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (priority, (COALESCE(due_by, next_attempt_at, 0)), id)
  WHERE sent_at IS NULL AND dropped_at IS NULL;
DROP INDEX outbox_pending_chat;
CREATE INDEX outbox_pending_chat ON outbox (chat_id, priority, (due_by IS NOT NULL), id)
  WHERE sent_at IS NULL AND dropped_at IS NULL;
