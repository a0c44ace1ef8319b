// The dashboard in a real browser (Debian's Chromium, playwright-core): the reference backtest run from the
// generated form, each research kind started from its form and shown in its view, schedules, the 360 px layout
// and a clean console throughout (CSP violations are console errors). Screenshots go to tests/TestResults/dashboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseUrl, apiKey, inked as inkedOn, openDashboard } from './browser.mjs';

const shots = fileURLToPath(new URL('../../TestResults/dashboard/', import.meta.url));
mkdirSync(shots, { recursive: true });

let browser, page, problems, failures;
// failed API calls: only the deliberately invalid submissions below may answer 400
let expectedFailures = 0;

before(async () => { ({ browser, page, problems, failures } = await openDashboard()); });

after(async () => { await browser?.close(); });

const inked = testId => inkedOn(page, testId);

const metric = name => page.locator(`#detail [data-testid="metric-${name}"] dd`);

test('the reference backtest from the generated form: final capital 63,341.19, 47 trades, charts, monthly returns', async () => {
  await page.selectOption('#strategy', 'sma_crossover');
  // the form follows the strategy's schema: bounds and defaults from parameters_schema
  assert.equal(await page.getAttribute('[data-testid="param-fast_period"]', 'min'), '1');
  assert.equal(await page.inputValue('[data-testid="param-slow_period"]'), '30');
  assert.equal(await page.isVisible('[data-testid="param-commission"]'), false, 'common parameters start folded');
  assert.equal(await page.inputValue('#start'), '2004-08-19');
  assert.equal(await page.inputValue('#end'), '2013-03-01');
  await page.fill('[data-testid="param-fast_period"]', '10');
  await page.fill('[data-testid="param-slow_period"]', '20');
  await page.click('#commonParams summary');
  await page.fill('[data-testid="param-commission"]', '0.002');
  await page.fill('#capital', '10000');
  await page.click('#runForm button[type=submit]');

  await metric('final_capital').waitFor({ timeout: 60000 });
  assert.equal(await metric('final_capital').textContent(), '63,341.19');
  assert.equal(await page.getAttribute('#detail [data-testid="metric-final_capital"] dt', 'title'), 'final_capital');
  // 46 closed trades and the one still open at the end
  assert.equal(await metric('total_trades').textContent(), '46');
  assert.equal(await metric('open_trades').textContent(), '1');
  assert.match(await page.locator('.pager-status').textContent(), /of 47 /);
  assert.equal(await page.locator('[data-testid="trade-table"] tbody tr').count(), 25, 'first page of 25');
  // trade 1: long 55 @ 179.13 on 2004-12-06, out @ 182.00 on 2004-12-20 (the API's trade record); held over the
  // sessions Dec 6-10, 13-17 and 20: 10 bars from entry to exit; pnl 118.13 of 55 x 179.13 = 9852.15 entry notional
  const first = (await page.locator('[data-testid="trade-table"] tbody tr').first().locator('td').allTextContents());
  assert.deepEqual(first, ['1', 'long', '2004-12-06', '179.13', '2004-12-20', '182.00', '55', '118.13', '1.20 %', '39.72', '10', 'signal']);
  await page.click('.pager button:has-text("Next")');
  assert.equal(await page.locator('[data-testid="trade-table"] tbody tr').count(), 22, 'second page: trades 26 to 47');
  assert.equal(await page.isDisabled('.pager button:has-text("Next")'), true);
  assert.match(await page.locator('[data-testid="trade-table"] tbody tr').last().textContent(), /open/);
  // sorted by P&L descending, the first row has the largest pnl of all 47
  await page.click('th button[data-key="pnl"]');
  await page.click('th button[data-key="pnl"]');
  assert.equal(await page.getAttribute('th:has(button[data-key="pnl"])', 'aria-sort'), 'descending');
  const firstPnl = Number((await page.locator('[data-testid="trade-table"] tbody tr').first().locator('td').nth(7).textContent()).replace(/,/g, ''));
  const trades = await page.evaluate(async key => {
    const r = await fetch(`/api/backtests/${location.hash.slice(1)}/trades?limit=1000`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
    return (await r.json()).items.map(t => t.pnl);
  }, apiKey);
  assert.equal(trades.length, 47);
  assert.equal(firstPnl.toFixed(2), Math.max(...trades).toFixed(2));
  const download = page.waitForEvent('download');
  await page.click('button:has-text("Export CSV")');
  const csv = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines.length, 48, 'header + 47 trades');
  assert.match(lines[0], /pnl_percent,fees,bars_held,exit_reason/);

  for (const chart of ['price-chart', 'equity-chart', 'drawdown-chart']) {
    assert.ok(await inked(chart) > 2000, `${chart} is blank`);
  }
  // monthly returns: 2004-08 to 2013-03 is ten calendar years; December 2012 = equity at its last bar over the
  // equity at November's last bar, both read from the API's full equity curve
  assert.equal(await page.locator('[data-testid="monthly-returns"] tbody tr').count(), 10);
  const points = await page.evaluate(async key => {
    const r = await fetch(`/api/backtests/${location.hash.slice(1)}/equity?max_points=5000`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
    return (await r.json()).points;
  }, apiKey);
  const lastOf = month => points.filter(([t]) => t.startsWith(month)).at(-1)[1];
  const december = (lastOf('2012-12') / lastOf('2012-11') - 1) * 100;
  const row2012 = await page.locator('[data-testid="monthly-returns"] tbody tr', { hasText: '2012' }).locator('td').allTextContents();
  assert.equal(row2012[11], `${december.toFixed(1)} %`);
  await page.check('#logScale');
  await page.locator('[data-testid="price-chart"]').hover();
  assert.match(await page.locator('[data-testid="price-chart"] .legend').textContent(), /O [\d,.]+ H [\d,.]+ L [\d,.]+ C [\d,.]+/);
  await page.screenshot({ path: `${shots}backtest.png`, fullPage: true });
});

test('an invalid parameter set shows the API error next to its field', async () => {
  await page.goto(`${baseUrl}/#backtest`);
  await page.waitForSelector('[data-testid="param-fast_period"]');
  await page.selectOption('#strategy', 'sma_crossover');
  await page.fill('[data-testid="param-fast_period"]', '30');
  await page.fill('[data-testid="param-slow_period"]', '20');
  expectedFailures++;
  await page.click('#runForm button[type=submit]');
  const slot = page.locator('[data-error-for="parameters.fast_period"]');
  await slot.waitFor();
  assert.match(await slot.textContent(), /fast_period/);
  assert.equal(await page.getAttribute('[data-testid="param-fast_period"]', 'aria-invalid'), 'true');
});

const researchKinds = [
  { kind: 'optimization', view: '[data-testid="heatmap"] .hcell.best' },
  { kind: 'walk_forward', view: '[data-testid="walk-forward-windows"] tbody tr', setup: async () => { await page.fill('#r-in-sample', '500'); await page.fill('#r-out-of-sample', '250'); } },
  { kind: 'monte_carlo', view: '[data-testid="histogram-final_capital"] .hbar', setup: async () => page.fill('#r-paths', '200') },
  { kind: 'portfolio', view: '[data-testid="portfolio-assets"] tbody tr', setup: async () => page.fill('#r-assets', 'GOOG=1') },
  { kind: 'comparison', view: '[data-testid="comparison-ranking"] tbody tr', check: async () => {
    // two candidates ranked 1 and 2; overlaying reads both stored curves (one series each) and runs no backtest
    assert.deepEqual(await page.locator('#detail [data-testid="comparison-ranking"] tbody tr td:first-child').allTextContents(), ['1', '2']);
    const labels = await page.locator('#detail [data-testid="comparison-ranking"] tbody tr td:nth-child(2)').allTextContents();
    const requests = [];
    const record = r => requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    page.on('request', record);
    await page.click('#detail button:has-text("Overlay equity curves")');
    await page.waitForSelector('#detail [data-testid="comparison-chart"]:not([hidden]) canvas', { timeout: 60000 });
    page.off('request', record);
    assert.equal(await page.getAttribute('#detail [data-testid="comparison-chart"]', 'data-series'), '2');
    const legend = await page.locator('#detail [data-testid="comparison-chart"] .legend').textContent();
    for (const label of labels) assert.ok(legend.includes(label), `the overlay's legend names ${label}: ${legend}`);
    assert.deepEqual(requests.filter(r => r.startsWith('POST')), []);
    assert.equal(requests.filter(r => /^GET \/api\/comparisons\/[^/]+\/candidates\/[01]\/equity$/.test(r)).length, 2, requests.join('; '));
    assert.ok(await inked('comparison-chart') > 2000, 'the overlaid equity chart is blank');
  } },
];

for (const { kind, view, setup, check } of researchKinds) {
  test(`research: a ${kind.replace('_', '-')} started from its form shows its view`, async () => {
    await page.goto(`${baseUrl}/#research`);
    await page.click(`#kind-${kind}`);
    await page.waitForSelector('#researchForm button[type=submit]');
    if (setup) await setup();
    await page.click('#researchForm button[type=submit]');
    await page.waitForSelector(`#detail [data-testid="research-backtest_${kind}"]`, { state: 'attached', timeout: 90000 });
    await page.waitForSelector(`#detail ${view}`, { timeout: 30000 });
    if (check) await check();
    await page.screenshot({ path: `${shots}research-${kind}.png`, fullPage: true });
  });
}

test('research views: heatmap legend and best cell, fan chart, stitched equity', async () => {
  // a 2 x 2 grid: four cells, the best one marked once
  await page.goto(`${baseUrl}/#research`);
  await page.click('#kind-optimization');
  await page.fill('#grid-fast_period', '5,10');
  await page.fill('#grid-slow_period', '20,30');
  await page.click('#researchForm button[type=submit]');
  await page.waitForSelector('#detail [data-testid="heatmap"] .hcell', { timeout: 90000 });
  assert.equal(await page.locator('#detail [data-testid="heatmap"] .hcell').count(), 4);
  assert.equal(await page.locator('#detail [data-testid="heatmap"] .hcell.best').count(), 1);
  assert.equal(await page.locator('#detail .legend-scale span').count(), 2);
  // clicking a cell runs that parameter set as a backtest and opens it
  await page.click('#detail [data-testid="heatmap"] .hcell.best');
  await metric('final_capital').waitFor({ timeout: 60000 });
  assert.ok(await inked('price-chart') > 2000);
});

test('schedules: create, list and delete', async () => {
  await page.goto(`${baseUrl}/#schedules`);
  await page.waitForSelector('#s-name');
  await page.fill('#s-name', 'e2e schedule');
  await page.click('#scheduleForm button[type=submit]');
  const row = page.locator('#scheduleTable tbody tr', { hasText: 'e2e schedule' });
  await row.waitFor();
  assert.match(await row.textContent(), /UTC/);
  await page.screenshot({ path: `${shots}schedules.png`, fullPage: true });
  await row.locator('button:has-text("Delete")').click();
  await row.waitFor({ state: 'detached' });
  // a bad cron is shown next to the cron field
  await page.fill('#s-cron', 'not a cron');
  expectedFailures++;
  await page.click('#scheduleForm button[type=submit]');
  await page.waitForSelector('[data-error-for="cron"]:not(:empty)');
});

test('at 360 px no page scrolls sideways', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const hash of ['backtest', 'research', 'schedules']) {
    await page.goto(`${baseUrl}/#${hash}`);
    await page.waitForSelector('#runTable tbody tr');
    await page.waitForLoadState('networkidle');
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `#${hash} is ${scroll} px wide in a ${client} px viewport`);
    await page.screenshot({ path: `${shots}mobile-${hash}.png`, fullPage: true });
  }
  // a run with its charts and tables open
  const id = await page.locator('#runTable tbody tr', { hasText: 'strategy' }).first().getAttribute('data-id');
  await page.goto(`${baseUrl}/#${id}`);
  await metric('final_capital').waitFor({ timeout: 60000 });
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the backtest view is ${scroll} px wide in a ${client} px viewport`);
  await page.screenshot({ path: `${shots}mobile-backtest-results.png`, fullPage: true });
});

test('the keyboard reaches the pages, the form and the run', async () => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${baseUrl}/#backtest`);
  await page.waitForSelector('[data-testid="param-fast_period"]');
  await page.focus('#pageNav a[data-page="research"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#researchForm button[type=submit]', { state: 'visible' });
  assert.equal(await page.getAttribute('#pageNav a[data-page="research"]', 'aria-current'), 'page');
});

test('no console errors or page errors on any page, no failed request but the invalid submissions', () => {
  assert.deepEqual(problems, []);
  assert.equal(failures.length, expectedFailures, failures.join('; '));
  assert.ok(failures.every(f => / 400$/.test(f) && f.startsWith('POST ')), failures.join('; '));
});
