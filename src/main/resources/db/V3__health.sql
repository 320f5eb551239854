-- One row the health check rewrites to prove the database still accepts writes.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL
);
