-- Re-applied by every migration so that the service role holds exactly these rights, whenever it
-- was created. Market data is read-only for the service; imports use the owner role.
REVOKE ALL ON users, api_keys, assets, market_data, trading_strategies,
  backtest_runs, backtest_results, backtest_trades, job_journal, backtest_schedules FROM $service_role$;
GRANT USAGE ON SCHEMA public TO $service_role$;
GRANT SELECT ON assets, market_data TO $service_role$;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, api_keys, trading_strategies,
  backtest_runs, backtest_results, backtest_trades, job_journal, backtest_schedules TO $service_role$;
