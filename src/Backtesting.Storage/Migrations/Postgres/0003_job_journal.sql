-- Completed activity results of a workflow, replayed by a restarted runner. Payloads are kept as
-- the exact text recorded (not JSONB, which would reformat them).
CREATE TABLE job_journal (
  run_id TEXT NOT NULL REFERENCES backtest_runs (id) ON DELETE CASCADE,
  entry_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  recorded_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  PRIMARY KEY (run_id, entry_key)
);
