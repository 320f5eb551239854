-- Plans are put together from the bundle's routines and fixes, so many users have exactly the same sections. Each
-- distinct text is now stored once and users point at it: a workout reminder then reads a number, not 3-4 KB of
-- JSON, and the file does not hold the same text a hundred thousand times. AUTOINCREMENT: an id is never reused, so a
-- rendering cached by id can never show another plan. Texts no user points at any more are deleted (PlanTexts).
CREATE TABLE plan_texts (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  sections TEXT    NOT NULL UNIQUE
);
INSERT OR IGNORE INTO plan_texts (sections) SELECT sections FROM plan_sections ORDER BY chat_id;

CREATE TABLE plan_sections_v6 (
  chat_id INTEGER PRIMARY KEY REFERENCES plans(chat_id) ON DELETE CASCADE,
  text_id INTEGER NOT NULL REFERENCES plan_texts(id)
);
INSERT INTO plan_sections_v6 (chat_id, text_id)
  SELECT p.chat_id, t.id FROM plan_sections p JOIN plan_texts t ON t.sections = p.sections;
DROP TABLE plan_sections;
ALTER TABLE plan_sections_v6 RENAME TO plan_sections;
CREATE INDEX plan_sections_text ON plan_sections (text_id);
