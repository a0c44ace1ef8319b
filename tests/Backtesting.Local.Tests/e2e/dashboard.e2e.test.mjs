// The dashboard in a real browser: enter a key, run the GOOG reference backtest from the form,
// follow it to completion and check the metrics table and the equity chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const baseUrl = process.env.DASHBOARD_URL;
const apiKey = process.env.DASHBOARD_API_KEY;
const screenshot = process.env.DASHBOARD_SCREENSHOT;

test('a backtest submitted from the dashboard shows the reference metrics and an equity chart', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(baseUrl);
    await page.fill('#apiKey', apiKey);
    await page.dispatchEvent('#apiKey', 'change');
    await page.waitForSelector('#strategy option[value="sma_crossover"]', { state: 'attached' });
    await page.waitForSelector('#asset option[value="GOOG"]', { state: 'attached' });
    await page.selectOption('#strategy', 'sma_crossover');
    await page.fill('#parameters', JSON.stringify({ fast_period: 10, slow_period: 20, commission: 0.002 }));
    await page.fill('#capital', '10000');
    await page.click('#runForm button[type=submit]');

    const finalCapital = page.locator('#metricTable tbody tr', { hasText: 'final_capital' }).locator('td.num');
    await finalCapital.waitFor({ timeout: 30000 });
    assert.equal(await finalCapital.textContent(), '63,341.1914');
    const trades = await page.locator('#tradeTable tbody tr').count();
    assert.equal(trades, 47);
    assert.match(await page.locator('#runTable tbody').textContent(), /completed/);

    // the chart drew something: count non-transparent pixels of the canvas
    const inked = await page.evaluate(() => {
      const canvas = document.getElementById('equityChart');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    assert.ok(inked > 2000, `the equity chart is blank (${inked} inked pixels)`);

    // a bad form shows the server's field errors
    await page.fill('#parameters', JSON.stringify({ fast_period: 30, slow_period: 20 }));
    await page.click('#runForm button[type=submit]');
    await page.waitForSelector('#formErrors:has-text("parameters.fast_period")');

    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

    // an optimization opened by its link shows its summary and a heatmap of the objective
    const headers = { 'Authorization': `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
    const submitted = await (await fetch(new URL('/api/optimizations', baseUrl), {
      method: 'POST', headers, body: JSON.stringify({
        strategy_id: 'sma_crossover', asset_symbol: 'GOOG', parameters: { commission: 0.002 },
        grid: { fast_period: [5, 10, 15], slow_period: [20, 30, 40] },
      }),
    })).json();
    const completion = await waitForCompletion(submitted.backtest_id, headers);
    assert.equal(completion.status, 'completed', `the optimization ended ${completion.status}: ${completion.error ?? ''}`);
    const run = await (await fetch(new URL(`/api/backtests/${submitted.backtest_id}`, baseUrl), { headers })).json();
    assert.equal(run.status, 'completed');
    await page.goto(`${baseUrl}/#${submitted.backtest_id}`);
    await page.waitForSelector('#heatmap:not([hidden])', { timeout: 30000 });
    assert.match(await page.locator('#summary').textContent(), /"evaluated": 9/);
    const heat = await page.evaluate(() => {
      const canvas = document.getElementById('heatmap');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    assert.ok(heat > 20000, `the heatmap is blank (${heat} inked pixels)`);
    if (screenshot) await page.screenshot({ path: screenshot.replace('.png', '-optimization.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

// Follows the run's Server-Sent Events until its backtest_complete event (no polling) and returns that event's data.
async function waitForCompletion(id, headers) {
  const response = await fetch(new URL(`/api/backtests/${id}/events`, baseUrl), { headers, signal: AbortSignal.timeout(60000) });
  assert.equal(response.status, 200, `GET /api/backtests/${id}/events`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (!line.startsWith('data: ')) continue;
      const message = JSON.parse(line.slice('data: '.length));
      if (message.type === 'backtest_complete') return message.data;
    }
  }
  assert.fail(`the event stream of ${id} ended without backtest_complete`);
}
