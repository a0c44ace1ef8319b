// The workstation pages in a real browser (Debian's Chromium, playwright-core): the strategy editor (live
// validation at the right line and column, save, run it to the reference numbers, delete), the trading session
// (start, order ticket, step, fill and position worked by hand from the GOOG bars, cancel, play/pause, close into a
// backtest run), the 360 px layout and a clean console. Screenshots go to tests/TestResults/dashboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseUrl, apiKey, inked as inkedOn, openDashboard } from './browser.mjs';

const shots = fileURLToPath(new URL('../../TestResults/dashboard/', import.meta.url));
const samples = fileURLToPath(new URL('../../../samples/strategies/', import.meta.url));
mkdirSync(shots, { recursive: true });

let browser, page, problems, failures;
const expectedFailures = 0;

before(async () => { ({ browser, page, problems, failures } = await openDashboard()); });

after(async () => { await browser?.close(); });

const inked = testId => inkedOn(page, testId);

const metric = name => page.locator(`#detail [data-testid="metric-${name}"] dd`);
const apiGet = route => page.evaluate(async ([r, key]) => (await fetch(r, { headers: key ? { Authorization: `Bearer ${key}` } : {} })).json(), [route, apiKey]);

/** The sample that mirrors the built-in sma_crossover, under an id of this test's own. */
const smaRules = { ...JSON.parse(readFileSync(`${samples}sma_crossover_rules.json`, 'utf8')), id: 'e2e_sma_rules', name: 'E2E SMA rules' };

test('strategy editor: errors at their line and column while typing', async () => {
  await page.goto(`${baseUrl}/#strategies`);
  const editor = page.locator('[data-testid="strategy-editor"] #strategySource');
  await editor.waitFor();

  // a misspelled function: the API says "rules.long_entry: column 15" (1-based inside the expression); the editor
  // turns that into the text's line and column: the line holding "long_entry", at the 's' of "smaa"
  const broken = JSON.stringify({ ...smaRules, rules: { long_entry: 'crosses_above(smaa(close, fast), sma(close, slow))' } }, null, 2);
  const lines = broken.split('\n');
  const line = lines.findIndex(l => l.includes('"long_entry"')) + 1;
  const column = lines[line - 1].indexOf('smaa(') + 1;
  await editor.fill(broken);
  const problem = page.locator('#editorErrors li[data-field="rules.long_entry"]');
  await problem.waitFor();
  assert.equal(await problem.getAttribute('data-line'), String(line));
  assert.equal(await problem.getAttribute('data-column'), String(column));
  assert.match(await problem.textContent(), new RegExp(`^Line ${line}, column ${column} rules\\.long_entry: column 15: unknown function 'smaa' \\(did you mean 'sma'\\?\\)`));
  // the excerpt repeats the line with a caret under that column
  const [excerptLine, caret] = (await problem.locator('pre.excerpt').textContent()).split('\n');
  assert.equal(excerptLine, lines[line - 1]);
  assert.equal(caret.length, column);
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');

  // a JSON syntax error (a missing comma) is located before anything is sent: line 3, column 3 is the '"' of "name"
  await editor.fill('{\n  "id": "e2e_sma_rules"\n  "name": "x"\n}');
  const syntax = page.locator('#editorErrors li[data-field="JSON"]');
  await syntax.waitFor();
  assert.equal(await syntax.getAttribute('data-line'), '3');
  assert.equal(await syntax.getAttribute('data-column'), '3');
  assert.match(await syntax.textContent(), /expected ',' or '}' after a property value/);
  await page.screenshot({ path: `${shots}strategy-editor-errors.png`, fullPage: true });
});

test('strategy editor: save the sma_crossover sample, run it to 63,341.19 with 47 trades, delete it', async () => {
  await page.goto(`${baseUrl}/#strategies`);
  const editor = page.locator('#strategySource');
  await editor.fill(JSON.stringify(smaRules, null, 2));
  await page.waitForSelector('#editorStatus:has-text("Valid. Parameters: fast, slow")');
  assert.equal(await page.locator('#editorErrors li').count(), 0);
  await page.click('#editorSave');
  const row = page.locator('#ownStrategies tbody tr[data-id="e2e_sma_rules"]');
  // the list is reloaded first, then the status says what was saved
  await page.waitForSelector('#editorStatus:has-text("Saved e2e_sma_rules")');
  await row.waitFor();
  await page.screenshot({ path: `${shots}strategy-editor.png`, fullPage: true });

  // run: the backtest page with the strategy chosen and its form generated from its schema (fast 10, slow 20)
  await page.click('#editorRun');
  await page.waitForSelector('#page-backtest:not([hidden])');
  assert.equal(await page.inputValue('#strategy'), 'e2e_sma_rules');
  assert.equal(await page.inputValue('[data-testid="param-fast"]'), '10');
  assert.equal(await page.inputValue('[data-testid="param-slow"]'), '20');
  assert.equal(await page.getAttribute('[data-testid="param-slow"]', 'max'), '1000');
  await page.click('#commonParams summary');
  await page.fill('[data-testid="param-commission"]', '0.002');
  await page.fill('#capital', '10000');
  await page.click('#runForm button[type=submit]');
  // the reference of design section 6: sma_crossover 10/20 on GOOG, commission 0.002 -> 63,341.19, 46 closed + 1 open
  await metric('final_capital').waitFor({ timeout: 60000 });
  assert.equal(await metric('final_capital').textContent(), '63,341.19');
  assert.equal(await metric('total_trades').textContent(), '46');
  assert.equal(await metric('open_trades').textContent(), '1');
  assert.match(await page.locator('#detailTitle').textContent(), /e2e_sma_rules on GOOG/);

  // editing and deleting from the list
  await page.goto(`${baseUrl}/#strategies`);
  await row.locator('button:has-text("Edit")').click();
  assert.equal(JSON.parse(await editor.inputValue()).id, 'e2e_sma_rules');
  page.once('dialog', d => d.accept());
  await row.locator('button:has-text("Delete")').click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await apiGet('/api/strategies')).some(s => s.id === 'e2e_sma_rules'), false);
});

test('trading session: start, order, step to the fill, position, cancel, play and pause, close into a run', async () => {
  await page.goto(`${baseUrl}/#session`);
  await page.waitForSelector('#ss-asset option[value="GOOG"]', { state: 'attached' });
  await page.selectOption('#ss-asset', 'GOOG');
  await page.fill('#ss-start', '2005-01-03');
  await page.fill('#ss-end', '2005-06-30');
  await page.fill('#ss-capital', '10000');
  await page.fill('#ss-commission', '0.001');
  await page.fill('#ss-warmup', '20');
  await page.click('#sessionStart button[type=submit]');
  await page.waitForSelector('#sessionTitle:has-text("at 2005-01-03 (bar 0")');
  assert.ok(await inked('session-chart') > 2000, 'the session chart is blank');
  // candles up to the current bar only: the legend shows 2005-01-03 (O 197.40 ... C 202.71 in GOOG.csv) as the last bar
  assert.equal(await page.locator('[data-testid="session-chart"] .legend').textContent(), '2005-01-03 O 197.40 H 203.64 L 195.46 C 202.71');
  assert.equal(await page.locator('[data-testid="session-equity"] dd').textContent(), '10,000.00');

  // buy 50 % of equity at market with a stop loss at 150
  const ticket = page.locator('[data-testid="order-ticket"]');
  await ticket.locator('#ot-side').selectOption('buy');
  await ticket.locator('#ot-type').selectOption('market');
  await ticket.locator('#ot-size-mode').selectOption('percent_of_equity');
  await ticket.locator('#ot-amount').fill('50');
  await ticket.locator('#ot-sl').fill('150');
  assert.equal(await ticket.locator('#ot-limit').isVisible(), false, 'a market order has no limit price');
  await ticket.locator('#ot-submit').click();
  await page.waitForSelector('#sessionOrders tbody tr:has-text("o-1")');

  await page.click('#ss-step');
  await page.waitForSelector('#sessionTitle:has-text("at 2005-01-04 (bar 1")');
  // fill at 2005-01-04's open 201.40: units = floor(0.5 x 10000 / (201.40 x 1.001)) = floor(24.80) = 24,
  // fee = 24 x 201.40 x 0.001 = 4.8336; cash = 10000 - 4833.60 - 4.8336 = 5161.5664; equity = cash + 24 x close 194.50
  // = 9829.5664; unrealized = 24 x (194.50 - 201.40) - the entry fee 4.8336 = -170.4336
  const fill = await page.locator('#sessionFills tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(fill, ['f-1', 'o-1', '2005-01-04', 'buy', '24', '201.40', '4.83']);
  const shown = async name => page.locator(`[data-testid="session-${name}"] dd`).textContent();
  assert.equal(await shown('units'), '24');
  assert.equal(await shown('average_price'), '201.40');
  assert.equal(await shown('cash'), '5,161.57');
  assert.equal(await shown('equity'), '9,829.57');
  assert.equal(await shown('unrealized_pnl'), '-170.43');
  assert.match(await page.locator('#sessionMessage').textContent(), /filled buy 24 @ 201\.40/);
  // the attached stop loss now works: a sell stop at 150
  const stopRow = await page.locator('#sessionOrders tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(stopRow.slice(1, 3), ['sell', 'stop']);
  assert.equal(stopRow[5], '150.00');
  assert.equal(await page.locator('[data-testid="session-chart"] .legend').textContent(), '2005-01-04 O 201.40 H 202.93 L 193.48 C 194.50');

  // a limit far below the market works until cancelled
  await ticket.locator('#ot-type').selectOption('limit');
  await ticket.locator('#ot-size-mode').selectOption('quantity');
  await ticket.locator('#ot-amount').fill('1');
  await ticket.locator('#ot-limit').fill('100');
  await ticket.locator('#ot-sl').fill('');
  await ticket.locator('#ot-submit').click();
  const limitRow = page.locator('#sessionOrders tbody tr', { hasText: 'limit' });
  await limitRow.waitFor();
  await limitRow.locator('button:has-text("Cancel")').click();
  await limitRow.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#sessionOrders tbody tr').count(), 1);

  // play advances on its timer; pause stops it: once the loop has stopped the page and the API stand on the same bar
  await page.selectOption('#ss-speed', '80');
  await page.click('#ss-play');
  // (the title changes every 80 ms: wait for "at least bar 4", not for one passing text)
  await page.waitForFunction(() => Number(/\(bar (\d+),/.exec(document.getElementById('sessionTitle').textContent)?.[1]) >= 4);
  await page.click('#ss-pause');
  await page.waitForSelector('#ss-play:not([disabled])');
  const barShown = Number(/\(bar (\d+),/.exec(await page.locator('#sessionTitle').textContent())[1]);
  assert.ok(barShown >= 4);
  const id = (await page.locator('#sessionTitle').textContent()).split(':')[0];
  assert.equal((await apiGet(`/api/sessions/${id}`)).bar_index, barShown);
  await page.screenshot({ path: `${shots}session.png`, fullPage: true });

  // close at the current close: a completed run that opens as a backtest
  await page.selectOption('#ss-close-at', 'close');
  await page.click('#ss-close');
  const link = page.locator('#sessionRunLink');
  await link.waitFor();
  const closedCapital = await page.locator('#sessionClosed [data-testid="metric-final_capital"] dd').textContent();
  assert.equal(await shown('units'), '0');
  assert.equal(closedCapital, await shown('equity'));
  await link.click();
  await metric('final_capital').waitFor({ timeout: 60000 });
  assert.equal(await metric('final_capital').textContent(), closedCapital);
  assert.equal(await metric('total_trades').textContent(), '1');
  assert.ok(await inked('price-chart') > 2000);
});

test('optimization: min_trades from the form ranks the cells below it last and marks them', async () => {
  await page.goto(`${baseUrl}/#research`);
  await page.click('#kind-optimization');
  await page.fill('#grid-fast_period', '5,10');
  await page.fill('#grid-slow_period', '20,30');
  // GOOG has 2148 daily bars and a closed trade spans at least one of them: no cell reaches 2148 closed trades
  await page.fill('#r-min-trades', '2148');
  await page.click('#researchForm button[type=submit]');
  await page.waitForSelector('#detail [data-testid="heatmap"] .hcell', { timeout: 90000 });
  assert.match(await page.locator('#detail [data-testid="optimization-summary"]').textContent(), /4 cells with fewer than 2148 closed trades rank last/);
  assert.equal(await page.locator('#detail [data-testid="heatmap"] .hcell.below').count(), 4);
});

test('Monte Carlo: histograms of final capital and max drawdown count every path', async () => {
  await page.goto(`${baseUrl}/#research`);
  await page.click('#kind-monte_carlo');
  await page.selectOption('#r-method', 'trade_bootstrap');
  await page.fill('#r-paths', '200');
  await page.click('#researchForm button[type=submit]');
  for (const name of ['final_capital', 'max_drawdown']) {
    const bars = page.locator(`#detail [data-testid="histogram-${name}"] .hbar`);
    await bars.first().waitFor({ timeout: 90000 });
    // 20 equal-width bins whose counts add up to the 200 paths (both metrics are defined on every path)
    const counts = (await bars.evaluateAll(list => list.map(b => Number(b.dataset.count))));
    assert.equal(counts.length, 20);
    assert.equal(counts.reduce((a, b) => a + b, 0), 200);
    assert.ok(counts[0] > 0 && counts[19] > 0, 'the extremes bound the first and the last bin');
  }
  await page.screenshot({ path: `${shots}research-monte-carlo-histograms.png`, fullPage: true });
});

test('at 360 px the editor and the session page do not scroll sideways', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const hash of ['strategies', 'session']) {
    await page.goto(`${baseUrl}/#${hash}`);
    await page.waitForSelector('#runTable tbody tr');
    await page.waitForLoadState('networkidle');
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `#${hash} is ${scroll} px wide in a ${client} px viewport`);
    await page.screenshot({ path: `${shots}mobile-${hash}.png`, fullPage: true });
  }
  // a session desk open, with chart, ticket and tables
  await page.click('#sessionStart button[type=submit]');
  await page.waitForSelector('#sessionDesk:not([hidden]) [data-testid="session-chart"] canvas');
  await page.click('#ss-step');
  await page.waitForSelector('#sessionTitle:has-text("(bar 1,")');
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the session desk is ${scroll} px wide in a ${client} px viewport`);
  await page.screenshot({ path: `${shots}mobile-session-desk.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 1000 });
});

test('no console errors or page errors, no failed request', () => {
  assert.deepEqual(problems, []);
  assert.equal(failures.length, expectedFailures, failures.join('; '));
});
