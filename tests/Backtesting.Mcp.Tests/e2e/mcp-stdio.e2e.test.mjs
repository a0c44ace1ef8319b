// End-to-end test of `backtest mcp` (the MCP tools over stdio) with the official TypeScript SDK's stdio client.
// Needs BACKTEST_CLI (the CLI's backtest.dll), BACKTEST_DATA_DIR (an empty folder for its SQLite file and blobs),
// MCP_URL and MCP_API_KEY (the local host's /mcp, to compare the catalogues); set by McpStdioServerTests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const cli = required('BACKTEST_CLI');
const dataDir = required('BACKTEST_DATA_DIR');
const httpUrl = new URL(required('MCP_URL'));
const apiKey = required('MCP_API_KEY');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this suite through McpStdioServerTests (dotnet test)`);
  return value;
}

const close = (actual, expected, digits) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} places`);

/** The text line and the embedded JSON resources of a tool result, by URI. */
function parse(result) {
  const resources = new Map();
  for (const block of result.content.slice(1)) resources.set(block.resource.uri, JSON.parse(block.resource.text));
  return { isError: result.isError === true, text: result.content[0].text, resources };
}

let stdio;
let stdioTransport;
let stderr = '';

before(async () => {
  stdioTransport = new StdioClientTransport({
    command: 'dotnet',
    args: [cli, 'mcp', '--sqlite-path', path.join(dataDir, 'backtesting.db'), '--blob-directory', path.join(dataDir, 'blobs')],
    stderr: 'pipe',
  });
  stdioTransport.stderr.on('data', (chunk) => { stderr += chunk; });
  stdio = new Client({ name: 'backtesting-stdio-e2e', version: '1.0.0' });
  await stdio.connect(stdioTransport, { timeout: 120_000 });
});

after(async () => {
  await stdio?.close();
});

test('initialize over stdio: the same server, its logs on stderr only', () => {
  assert.equal(stdio.getServerVersion().name, 'backtesting');
  assert.match(stdio.getInstructions() ?? '', /run_backtest/);
  // the start-up logged (migrations, demo asset) and stdout still parsed as JSON-RPC: the logs went to stderr
  assert.match(stderr, /Seeded demo asset GOOG/);
});

test('tools/list over stdio names the design tools', async () => {
  const { tools } = await stdio.listTools();
  const names = tools.map((t) => t.name);
  for (const name of ['run_backtest', 'get_backtest_results', 'list_strategies', 'validate_strategy', 'get_metrics', 'run_optimization', 'compare_strategies',
    'start_trading_session', 'get_session', 'get_session_bars', 'place_order', 'cancel_order', 'advance_session', 'close_session']) {
    assert.ok(names.includes(name), `missing tool ${name}`);
  }
});

test('run_backtest over stdio: GOOG sma_crossover 10/20 gives final_capital 63341.19136 (DESIGN section 6)', async () => {
  const progress = [];
  const answer = parse(await stdio.callTool({
    name: 'run_backtest',
    arguments: {
      strategy_id: 'sma_crossover', asset_symbol: 'GOOG', initial_capital: 10000, wait_seconds: 60, chunks: 4,
      parameters: { fast_period: 10, slow_period: 20, direction: 'long', position_size: 1, commission: 0.002 },
    },
  }, undefined, { onprogress: (p) => progress.push(p.progress), timeout: 120_000 }));
  assert.equal(answer.isError, false, answer.text);
  const [status, results] = [...answer.resources.values()];
  assert.equal(status.status, 'completed');
  close(results.metrics.final_capital, 63341.19136, 4);
  assert.equal(results.metrics.total_trades, 46);
  assert.equal(results.metrics.open_trades, 1);
  assert.ok(progress.length >= 1 && progress.every((p, i) => i === 0 || p > progress[i - 1]), `progress ${progress}`);

  // the run belongs to the local user and is read back like any other
  const metrics = parse(await stdio.callTool({ name: 'get_metrics', arguments: { backtest_id: status.backtest_id, metrics: ['final_capital'] } }));
  close(metrics.resources.get(`backtest://${status.backtest_id}/metrics`).metrics.final_capital, 63341.19136, 4);
});

test('bad arguments over stdio: the same isError answer naming the field', async () => {
  const answer = parse(await stdio.callTool({ name: 'run_backtest', arguments: { strategy_id: 'sma_crossover', asset_symbol: 'GOOG', wait_seconds: -1 } }));
  assert.equal(answer.isError, true);
  assert.match(answer.text, /wait_seconds: value -1 must be an integer in \[0, 120\]/);
});

test('one catalogue: tools/list over HTTP and over stdio are equal (names, titles, descriptions, input schemas, annotations)', async () => {
  const http = new Client({ name: 'backtesting-stdio-e2e', version: '1.0.0' });
  await http.connect(new StreamableHTTPClientTransport(httpUrl, { requestInit: { headers: { Authorization: `Bearer ${apiKey}` } } }));
  try {
    const byName = (list) => new Map(list.tools.map((t) => [t.name, t]));
    const overHttp = byName(await http.listTools());
    const overStdio = byName(await stdio.listTools());
    assert.deepEqual([...overStdio.keys()].sort(), [...overHttp.keys()].sort());
    assert.ok(overHttp.size >= 15, `${overHttp.size} tools`);
    for (const [name, tool] of overHttp) assert.deepEqual(overStdio.get(name), tool, `tool ${name} differs`);
    assert.deepEqual(http.getInstructions(), stdio.getInstructions());
  } finally {
    await http.close();
  }
});
