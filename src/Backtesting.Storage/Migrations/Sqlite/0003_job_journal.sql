-- Completed activity results of a workflow, replayed by a restarted runner.
CREATE TABLE job_journal (
  run_id TEXT NOT NULL REFERENCES backtest_runs (id) ON DELETE CASCADE,
  entry_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  PRIMARY KEY (run_id, entry_key)
) WITHOUT ROWID;
