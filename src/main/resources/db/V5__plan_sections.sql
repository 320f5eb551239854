-- A workout reminder shows the plan's sections. Extracting them from the whole plan's JSON for each reminder cost
-- more than all the rest of claiming it, so they are also kept on their own, written with the plan. A table of
-- their own rather than a column of plans: a column after the long body is read by walking the body's pages.
CREATE TABLE plan_sections (
  chat_id  INTEGER PRIMARY KEY REFERENCES plans(chat_id) ON DELETE CASCADE,
  sections TEXT    NOT NULL
);
INSERT INTO plan_sections (chat_id, sections) SELECT chat_id, json_extract(body, '$.sections') FROM plans;
