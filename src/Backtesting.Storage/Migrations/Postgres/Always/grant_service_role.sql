-- Re-applied by every migration so that the service role holds exactly these rights, whenever it
-- was created. Market data is read-only for the service; imports use the owner role.
REVOKE ALL ON users, api_keys, assets, market_data, trading_strategies,
  backtest_runs, backtest_results, backtest_trades, job_journal, backtest_schedules, trading_sessions FROM $service_role$;
GRANT USAGE ON SCHEMA public TO $service_role$;
GRANT SELECT ON assets, market_data TO $service_role$;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, api_keys, trading_strategies,
  backtest_runs, backtest_results, backtest_trades, job_journal, backtest_schedules, trading_sessions TO $service_role$;
-- Lets the service skip the per-row foreign key trigger while it bulk-copies the trades of a run whose
-- row it has just locked (see PostgresDatabase.WriteTradesAsync). Only a superuser can grant it; an
-- owner that is not one leaves the service on the checked path (slower for long trade lists, same rows).
DO $$
BEGIN
  EXECUTE 'GRANT SET ON PARAMETER session_replication_role TO $service_role$';
EXCEPTION WHEN insufficient_privilege OR syntax_error THEN
  RAISE NOTICE 'service role keeps per-row foreign key checks on bulk trade writes: %', SQLERRM;
END $$;
