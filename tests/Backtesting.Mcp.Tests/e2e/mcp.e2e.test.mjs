// End-to-end test of the MCP endpoint with the official TypeScript SDK client.
// Needs MCP_URL (e.g. http://127.0.0.1:5080/mcp), MCP_API_KEY and MCP_OTHER_API_KEY (a second user),
// set by McpTypeScriptClientTests, which starts the local host first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = new URL(required('MCP_URL'));
const apiKey = required('MCP_API_KEY');
const otherApiKey = required('MCP_OTHER_API_KEY');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this suite through McpTypeScriptClientTests (dotnet test)`);
  return value;
}

async function connect(key) {
  const client = new Client({ name: 'backtesting-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: key ? { headers: { Authorization: `Bearer ${key}` } } : undefined,
  });
  await client.connect(transport);
  return client;
}

/** The text line and the embedded JSON resources of a tool result, by URI. */
function parse(result) {
  assert.equal(result.content[0].type, 'text');
  const resources = new Map();
  for (const block of result.content.slice(1)) {
    assert.equal(block.type, 'resource');
    assert.equal(block.resource.mimeType, 'application/json');
    resources.set(block.resource.uri, JSON.parse(block.resource.text));
  }
  return { isError: result.isError === true, text: result.content[0].text, resources };
}

const googArguments = (extra = {}) => ({
  strategy_id: 'sma_crossover',
  asset_symbol: 'GOOG',
  initial_capital: 10000,
  parameters: { fast_period: 10, slow_period: 20, direction: 'long', position_size: 1, commission: 0.002 },
  wait_seconds: 60,
  ...extra,
});

const close = (actual, expected, digits) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} places`);

/** DESIGN section 6: GOOG, sma_crossover 10/20, long only, commission 0.002. */
function assertReference(results) {
  const m = results.metrics;
  close(m.final_capital, 63341.19136, 4);
  close(m.total_return, 5.334119136, 8);
  close(m.max_drawdown, 0.2001734114, 9);
  assert.equal(m.total_trades, 46);
  assert.equal(m.open_trades, 1);
  close(m.win_rate, 0.6086956522, 9);
  close(m.profit_factor, 2.75115771, 7);
  close(m.expectancy, 985.70958261, 6);
  close(m.sharpe_ratio, 1.08115269, 7);
  close(m.total_fees, 5908.84864, 5);
  const first = results.trades[0];
  assert.equal(first.quantity, 55);
  assert.equal(first.entry_date, '2004-12-06T00:00:00Z');
  close(first.entry_price, 179.13, 6);
  assert.equal(first.exit_date, '2004-12-20T00:00:00Z');
  close(first.exit_price, 182.0, 6);
  close(first.pnl, 118.1257, 4);
}

/**
 * A completed reference run of this test's own: every test that reads a run makes one, so each test
 * passes alone and in any order (node --test --test-name-pattern, shuffled runs).
 */
async function completedReferenceRun() {
  const answer = parse(await client.callTool({ name: 'run_backtest', arguments: googArguments() }, undefined, { timeout: 120_000 }));
  assert.equal(answer.isError, false, answer.text);
  const [status, results] = [...answer.resources.values()];
  assert.equal(status.status, 'completed');
  return { backtestId: status.backtest_id, results };
}

let client;

before(async () => {
  client = await connect(apiKey);
});

after(async () => {
  await client?.close();
});

test('initialize: the server names itself and negotiates a protocol version', () => {
  const info = client.getServerVersion();
  assert.equal(info.name, 'backtesting');
  assert.ok(client.getServerCapabilities().tools, 'tools capability');
  assert.ok(client.getServerCapabilities().resources, 'resources capability');
  assert.match(client.getInstructions() ?? '', /run_backtest/);
});

test('tools/list: the design tools with their argument names, descriptions and schemas', async () => {
  const { tools } = await client.listTools();
  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const name of ['run_backtest', 'get_backtest_results', 'list_strategies', 'validate_strategy', 'get_metrics',
    'get_backtest_status', 'list_assets', 'cancel_backtest', 'list_backtests']) {
    assert.ok(byName.has(name), `missing tool ${name}`);
    assert.ok(byName.get(name).description.length > 60, `${name} description`);
    assert.equal(byName.get(name).inputSchema.type, 'object');
  }
  const run = byName.get('run_backtest').inputSchema;
  for (const argument of ['strategy_id', 'asset_symbol', 'start_date', 'end_date', 'initial_capital', 'parameters', 'wait_seconds']) {
    assert.ok(run.properties[argument], `run_backtest.${argument}`);
  }
  // strategy ids include each caller's own strategies: the id pattern and the built-ins as examples, not an enum
  assert.ok(run.properties.strategy_id.examples.includes('sma_crossover'));
  assert.equal(run.properties.strategy_id.pattern, '^[a-z][a-z0-9_]{2,63}$');
  assert.deepEqual(byName.get('get_metrics').inputSchema.required, ['backtest_id']);
  assert.equal(byName.get('get_backtest_results').annotations.readOnlyHint, true);
});

test('run_backtest: GOOG sma_crossover 10/20 long only returns results matching DESIGN section 6', async () => {
  const progress = [];
  const result = await client.callTool(
    { name: 'run_backtest', arguments: googArguments({ chunks: 4 }) },
    undefined,
    { onprogress: (p) => progress.push(p), timeout: 120_000 },
  );
  const answer = parse(result);
  assert.equal(answer.isError, false, answer.text);
  const [[statusUri, status], [resultsUri, results]] = [...answer.resources];
  const backtestId = status.backtest_id;
  assert.equal(statusUri, `backtest://${backtestId}`);
  assert.deepEqual(Object.keys(status).sort(), ['backtest_id', 'status']);
  assert.equal(status.status, 'completed');
  assert.equal(resultsUri, `backtest://${backtestId}/results`);
  assert.deepEqual(Object.keys(results).sort(), ['equity_curve', 'metrics', 'trades']);
  assertReference(results);
  assert.ok(progress.length >= 1, 'progress notifications');
  assert.ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress), 'progress increases');
});

test('get_backtest_results: pages trades', async () => {
  const { backtestId } = await completedReferenceRun();
  const answer = parse(await client.callTool({
    name: 'get_backtest_results',
    arguments: { backtest_id: backtestId, trades_offset: 45, trades_limit: 5, max_points: 20 },
  }));
  const results = answer.resources.get(`backtest://${backtestId}/results`);
  assert.equal(results.trades.length, 2);
  assert.equal(results.trades[1].status, 'open');
  assert.ok(results.equity_curve.length <= 20);
});

test('get_metrics: named metrics of the run', async () => {
  const { backtestId } = await completedReferenceRun();
  const answer = parse(await client.callTool({
    name: 'get_metrics',
    arguments: { backtest_id: backtestId, metrics: ['sharpe_ratio', 'total_return', 'max_drawdown'] },
  }));
  assert.equal(answer.isError, false, answer.text);
  const json = answer.resources.get(`backtest://${backtestId}/metrics`);
  assert.deepEqual(Object.keys(json.metrics).sort(), ['max_drawdown', 'sharpe_ratio', 'total_return']);
  close(json.metrics.sharpe_ratio, 1.08115269, 7);
  close(json.metrics.total_return, 5.334119136, 8);
});

test('resources/read: backtest://{id}/results is readable on its own', async () => {
  const { backtestId } = await completedReferenceRun();
  const { contents } = await client.readResource({ uri: `backtest://${backtestId}/results` });
  assertReference(JSON.parse(contents[0].text));
  const { resourceTemplates } = await client.listResourceTemplates();
  assert.ok(resourceTemplates.some((t) => t.uriTemplate === 'backtest://{id}/results'));
});

test('validate_strategy: a bad config names each field and what is allowed', async () => {
  const answer = parse(await client.callTool({
    name: 'validate_strategy',
    arguments: { strategy_config: { strategy_id: 'sma_crossover', parameters: { fast_period: 0, slow_period: 20, direction: 'up' } } },
  }));
  const [json] = [...answer.resources.values()];
  assert.equal(json.valid, false);
  const fields = json.errors.map((e) => e.field);
  assert.ok(fields.includes('parameters.direction'), fields.join(', '));
  assert.ok(fields.includes('parameters.fast_period'), fields.join(', '));
  assert.match(answer.text, /long_short/);
});

test('bad arguments: an isError result naming the field', async () => {
  const answer = parse(await client.callTool({ name: 'run_backtest', arguments: { strategy_id: 'sma_crossover', asset_symbol: 'GOOG', wait_seconds: -1 } }));
  assert.equal(answer.isError, true);
  assert.match(answer.text, /wait_seconds: value -1 must be an integer in \[0, 120\]/);
});

test('unknown tool: a JSON-RPC error', async () => {
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /no_such_tool/);
});

test('user isolation: another key does not see the run', async () => {
  const { backtestId } = await completedReferenceRun();
  const other = await connect(otherApiKey);
  try {
    const answer = parse(await other.callTool({ name: 'get_backtest_status', arguments: { backtest_id: backtestId } }));
    assert.equal(answer.isError, true);
    assert.match(answer.text, /no backtest/);
  } finally {
    await other.close();
  }
});

test('no API key: the connection is refused with 401', async () => {
  await assert.rejects(connect(undefined), /401|Unauthorized/i);
});

test('20 concurrent calls all complete with the same reference results', async () => {
  const { backtestId } = await completedReferenceRun();
  const calls = Array.from({ length: 20 }, (_, i) => i % 2 === 0
    ? client.callTool({ name: 'run_backtest', arguments: googArguments() }, undefined, { timeout: 120_000 })
    : client.callTool({ name: 'get_metrics', arguments: { backtest_id: backtestId, metrics: ['final_capital'] } }));
  const answers = (await Promise.all(calls)).map(parse);
  for (const [i, answer] of answers.entries()) {
    assert.equal(answer.isError, false, `call ${i}: ${answer.text}`);
    if (i % 2 === 0) {
      const results = [...answer.resources.values()][1];
      assertReference(results);
    } else {
      close(answer.resources.get(`backtest://${backtestId}/metrics`).metrics.final_capital, 63341.19136, 4);
    }
  }
  const ids = new Set(answers.filter((_, i) => i % 2 === 0).map((a) => [...a.resources.values()][0].backtest_id));
  assert.equal(ids.size, 10, 'each run_backtest made its own run');
});
