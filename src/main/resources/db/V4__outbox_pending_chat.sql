-- The sender looks up each chat's oldest pending delivery. With only (chat_id, id) that lookup walks past every
-- delivery the chat was ever sent; an index of pending rows alone finds it at once, however long the history.
CREATE INDEX outbox_pending_chat ON outbox (chat_id, id) WHERE sent_at IS NULL AND dropped_at IS NULL;
