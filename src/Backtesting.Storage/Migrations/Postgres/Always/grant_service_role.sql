-- Re-applied by every migration so that the service role holds exactly these rights, whenever it
-- was created. Market data is read-only for the service; imports use the owner role. Users and API keys
-- are read-only too: creating users, issuing, expiring and revoking keys is the key-management path (the
-- CLI's users/keys commands), run with the owner connection, so a compromised service cannot mint keys.
REVOKE ALL ON users, api_keys, assets, market_data, trading_strategies,
  backtest_runs, backtest_results, backtest_trades, job_journal, backtest_schedules, trading_sessions FROM $service_role$;
GRANT USAGE ON SCHEMA public TO $service_role$;
GRANT SELECT ON users, api_keys, assets, market_data TO $service_role$;
GRANT SELECT, INSERT, UPDATE, DELETE ON trading_strategies,
  backtest_runs, backtest_results, backtest_trades, job_journal, backtest_schedules, trading_sessions TO $service_role$;
-- session_replication_role would let the service switch off foreign keys and every trigger of its session:
-- it stays superuser-only (PostgreSQL 15+ could grant SET ON PARAMETER; an earlier version of this script
-- did, so it is taken back where the migrator may: run by a superuser). Completions keep per-row checks.
DO $$
BEGIN
  -- the variable is a quoted identifier; the privilege functions take the role's plain name or oid
  IF has_parameter_privilege((SELECT oid FROM pg_roles WHERE '"' || replace(rolname, '"', '""') || '"' = '$service_role$'),
                             'session_replication_role', 'SET') THEN
    EXECUTE 'REVOKE SET ON PARAMETER session_replication_role FROM $service_role$';
  END IF;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
  RAISE WARNING 'could not check or take back the service role''s right to set session_replication_role (%); a superuser should run: REVOKE SET ON PARAMETER session_replication_role FROM %', SQLERRM, '$service_role$';
END $$;
