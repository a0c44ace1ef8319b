// Stored data shown by the dashboard is text, never markup: an asset name and a run's strategy id holding
// HTML (put straight into the store by the xunit wrapper, as older data may be) appear literally, create no
// elements, and their event handlers never run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const baseUrl = process.env.DASHBOARD_URL;
const apiKey = process.env.DASHBOARD_API_KEY;
const assetSymbol = process.env.XSS_ASSET_SYMBOL;
const assetName = process.env.XSS_ASSET_NAME;
const runId = process.env.XSS_RUN_ID;
const strategyId = process.env.XSS_STRATEGY_ID;
const marker = process.env.XSS_MARKER; // each payload logs this and counts window.__xssFired when it runs

test('asset names and run fields holding HTML are rendered as text and run no script', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const fired = [];
    page.on('console', m => { if (m.text().includes(marker)) fired.push(m.text()); });
    page.on('dialog', d => { fired.push(`dialog: ${d.message()}`); d.dismiss(); });
    await page.goto(baseUrl);
    await page.fill('#apiKey', apiKey);
    await page.dispatchEvent('#apiKey', 'change');
    await page.waitForSelector(`#asset option[value="${assetSymbol}"]`, { state: 'attached' });
    await page.waitForSelector(`#runTable tbody tr[data-id="${runId}"]`);
    // the payloads' image requests (if any element were created) have been answered by now
    await page.waitForLoadState('networkidle');

    const option = page.locator(`#asset option[value="${assetSymbol}"]`);
    assert.equal(await option.textContent(), `${assetSymbol} – ${assetName}`);
    const row = page.locator(`#runTable tbody tr[data-id="${runId}"]`);
    assert.equal(await row.locator('td').nth(2).textContent(), strategyId);
    assert.equal(await page.locator('img, svg, iframe, script:not([src])').count(), 0, 'stored HTML became elements');
    assert.equal(await page.evaluate(() => window.__xssFired ?? 0), 0);
    assert.deepEqual(fired, []);
  } finally {
    await browser.close();
  }
});
