// What the dashboard suites share: Debian's Chromium with the dashboard open (and the API key entered when the host
// wants one), the console, page errors and failed requests it records, and the ink test for charts.
import { chromium } from 'playwright-core';

export const baseUrl = process.env.DASHBOARD_URL;
export const apiKey = process.env.DASHBOARD_API_KEY;

/**
 * Launches the browser and opens the dashboard, ready once the catalog has loaded. `problems` collects console errors
 * (CSP violations are some) and page errors; `failures` the requests answered 400 or worse after the start.
 */
export async function openDashboard(viewport = { width: 1280, height: 1000 }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems = [], failures = [];
  let recording = false;
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
  // a failed request is also logged as a console error; those are checked through `failures` instead
  page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
  page.on('response', r => { if (recording && r.status() >= 400) failures.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`); });
  await page.goto(baseUrl);
  if (apiKey) {
    // without a key (and not in local-development mode) the catalog answers 401 and the page asks for one
    await page.waitForSelector('#globalError:has-text("Enter an API key")');
    await page.fill('#apiKey', apiKey);
    await page.dispatchEvent('#apiKey', 'change');
  }
  await page.waitForSelector('#strategy option[value="sma_crossover"]', { state: 'attached' });
  await page.waitForSelector('#asset option[value="GOOG"]', { state: 'attached' });
  recording = true;
  return { browser, page, problems, failures };
}

/** Inked (non-transparent) pixels over every canvas inside the element: a chart that drew nothing has none. */
export const inked = (page, testId) => page.evaluate(id => {
  let n = 0;
  for (const canvas of document.querySelectorAll(`[data-testid="${id}"] canvas`)) {
    if (!canvas.width || !canvas.height) continue;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  }
  return n;
}, testId);
