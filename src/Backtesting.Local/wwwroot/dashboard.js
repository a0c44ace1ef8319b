// Dashboard over the REST API: submit runs, follow progress over SSE (fetch stream, so the key header is sent), chart results.
'use strict';

const $ = (id) => document.getElementById(id);
const keyInput = $('apiKey');
keyInput.value = localStorage.getItem('backtesting.apiKey') || '';
keyInput.addEventListener('change', () => { localStorage.setItem('backtesting.apiKey', keyInput.value.trim()); loadAll(); });

let strategies = [];
let followController = null;

function headers(extra = {}) {
  const key = keyInput.value.trim();
  return key ? { ...extra, 'Authorization': `Bearer ${key}` } : extra;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.headers) });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw Object.assign(new Error(body?.detail || response.statusText), { problem: body, status: response.status });
  return body;
}

// Every value from the API reaches the page as text (textContent, text nodes, Option labels), never as
// markup: asset names, ids, errors and parameters are data, whoever stored them. Nothing here parses HTML.
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.map(c => c instanceof Node ? c : String(c)));
  return node;
}
const cell = (text, className) => el('td', className ? { class: className } : {}, text);
const fillSelect = (select, items) => select.replaceChildren(...items.map(([value, label]) => new Option(label, value)));

const fmt = (v, digits = 4) => v === null || v === undefined ? '–'
  : typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: digits })) : String(v);

async function loadAll() {
  try {
    // a reload (e.g. after the key changes) keeps what the user already chose or typed
    const chosenStrategy = $('strategy').value, chosenAsset = $('asset').value;
    strategies = await api('/api/strategies');
    fillSelect($('strategy'), strategies.map(s => [s.id, `${s.name} (${s.id})`]));
    if (strategies.some(s => s.id === chosenStrategy)) $('strategy').value = chosenStrategy;
    const assets = await api('/api/assets');
    fillSelect($('asset'), assets.map(a => [a.symbol, `${a.symbol} – ${a.name}`]));
    if (assets.some(a => a.symbol === chosenAsset)) $('asset').value = chosenAsset;
    const range = assets[0]?.timeframes?.[0];
    if (range && !$('start').value) { $('start').value = range.first.slice(0, 10); $('end').value = range.last.slice(0, 10); }
    if (!$('parameters').value.trim()) showStrategy();
    await loadRuns();
  } catch (e) {
    $('formErrors').textContent = e.status === 401 ? 'Enter an API key (or run the host in local development mode).' : e.message;
  }
}

function showStrategy() {
  const s = strategies.find(x => x.id === $('strategy').value);
  if (!s) return;
  $('strategyHelp').textContent = s.description;
  const own = Object.fromEntries(Object.entries(s.default_parameters).filter(([k]) => !['position_size', 'direction', 'stop_loss_pct', 'take_profit_pct', 'fractional', 'fill', 'slippage_bps', 'close_at_end'].includes(k)));
  $('parameters').value = JSON.stringify(own, null, 1);
}
$('strategy').addEventListener('change', showStrategy);

$('runForm').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('formErrors').textContent = '';
  let parameters;
  try { parameters = JSON.parse($('parameters').value || '{}'); } catch { $('formErrors').textContent = 'parameters: not valid JSON'; return; }
  const body = {
    strategy_id: $('strategy').value, asset_symbol: $('asset').value,
    start_date: $('start').value || null, end_date: $('end').value || null,
    initial_capital: Number($('capital').value), parameters,
  };
  try {
    const accepted = await api('/api/backtests', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    await loadRuns();
    openRun(accepted.backtest_id);
  } catch (e) {
    $('formErrors').textContent = e.problem?.errors ? e.problem.errors.map(x => `${x.field}: ${x.value ?? ''} ${x.message}`).join('\n') : e.message;
  }
});

async function loadRuns() {
  const page = await api('/api/backtests?limit=50');
  $('runTable').querySelector('tbody').replaceChildren(...page.items.map(r => el('tr', { class: 'clickable', 'data-id': r.backtest_id },
    cell(r.backtest_id), cell(r.kind.replace('backtest_', '')), cell(r.strategy_id), cell(r.asset_symbol),
    cell(r.status, `status-${r.status}`), cell(`${fmt(r.progress, 1)}%`, 'num'),
    cell(r.created_at.replace('T', ' ').slice(0, 19)),
    el('td', {}, ...(['pending', 'running'].includes(r.status) ? [el('button', { type: 'button', 'data-cancel': r.backtest_id }, 'Cancel')] : [])))));
}
$('refresh').addEventListener('click', loadRuns);
$('runTable').addEventListener('click', async (event) => {
  const cancel = event.target.dataset?.cancel;
  if (cancel) { await api(`/api/backtests/${encodeURIComponent(cancel)}`, { method: 'DELETE' }); await loadRuns(); return; }
  const row = event.target.closest('tr[data-id]');
  if (row) openRun(row.dataset.id);
});

async function openRun(id) {
  if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
  $('detail').hidden = false;
  $('detailTitle').textContent = id;
  if (followController) followController.abort();
  followController = new AbortController();
  follow(id, followController.signal).catch(() => {});
}

// Server-Sent Events read through fetch so the Authorization header goes along.
async function follow(id, signal) {
  const response = await fetch(`/api/backtests/${encodeURIComponent(id)}/events`, { headers: headers(), signal });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split('\n').find(l => l.startsWith('data: '));
      if (!data) continue;
      const message = JSON.parse(data.slice(6));
      if (message.type === 'backtest_progress') $('progressBar').firstElementChild.style.width = `${message.data.progress}%`;
      if (message.type === 'backtest_complete') { await showResults(id); await loadRuns(); return; }
    }
  }
}

async function showResults(id) {
  const results = await api(`/api/backtests/${encodeURIComponent(id)}/results?trades_limit=200&max_points=960`);
  $('progressBar').firstElementChild.style.width = '100%';
  $('detailTitle').textContent = `${id} – ${results.status}${results.error ? ': ' + results.error : ''}`;
  const metrics = results.metrics || {};
  $('metricTable').querySelector('tbody').replaceChildren(...Object.entries(metrics)
    .map(([k, v]) => el('tr', {}, cell(k), cell(fmt(v), 'num'))));
  const trades = results.trades?.items || [];
  $('tradeTable').querySelector('tbody').replaceChildren(...trades.map((t, i) => el('tr', {},
    cell(i + 1), cell(t.direction), cell(t.entry_date.slice(0, 10)), cell(fmt(t.entry_price), 'num'),
    cell(t.exit_date ? t.exit_date.slice(0, 10) : 'open'), cell(fmt(t.exit_price), 'num'), cell(fmt(t.quantity), 'num'),
    cell(fmt(t.pnl, 2), t.pnl >= 0 ? 'num gain' : 'num loss'), cell(t.status))));
  drawEquity(results.equity_curve || [], metrics.initial_capital);
  await showResearch(id, results.summary);
}

// Research runs: the job's summary, and for a two-axis optimization a heatmap of the objective.
async function showResearch(id, summary) {
  $('research').hidden = !summary;
  $('heatmap').hidden = true;
  if (!summary) return;
  $('researchTitle').textContent = `${summary.kind.replace('backtest_', '').replace('_', ' ')} summary`;
  const brief = { ...summary };
  delete brief.representative_metrics;
  $('summary').textContent = JSON.stringify(brief, null, 1);
  if (summary.kind !== 'backtest_optimization') return;
  const page = await api(`/api/optimizations/${encodeURIComponent(id)}/cells?limit=1000`);
  const cells = page.items.filter(c => c.metrics);
  const axes = cells.length ? Object.keys(cells[0].params).filter(k => new Set(cells.map(c => c.params[k])).size > 1) : [];
  if (axes.length !== 2) return;
  drawHeatmap(cells, axes, summary.objective);
}

function drawHeatmap(cells, [xAxis, yAxis], objective) {
  const canvas = $('heatmap');
  canvas.hidden = false;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const xs = [...new Set(cells.map(c => c.params[xAxis]))].sort((a, b) => a - b);
  const ys = [...new Set(cells.map(c => c.params[yAxis]))].sort((a, b) => a - b);
  const values = cells.map(c => c.metrics[objective]).filter(v => v !== null && v !== undefined);
  const lo = Math.min(...values), hi = Math.max(...values);
  const pad = { l: 80, t: 10, r: 10, b: 40 };
  const w = (canvas.width - pad.l - pad.r) / xs.length, h = (canvas.height - pad.t - pad.b) / ys.length;
  ctx.font = '11px system-ui';
  for (const c of cells) {
    const v = c.metrics[objective];
    const i = xs.indexOf(c.params[xAxis]), j = ys.indexOf(c.params[yAxis]);
    const t = v === null || v === undefined ? null : (v - lo) / (hi - lo || 1);
    ctx.fillStyle = t === null ? '#e6e8ee' : `hsl(${Math.round(t * 120)}, 65%, 55%)`;
    ctx.fillRect(pad.l + i * w, pad.t + (ys.length - 1 - j) * h, w - 1, h - 1);
    if (w > 40 && t !== null) { ctx.fillStyle = '#1d2430'; ctx.fillText(fmt(v, 2), pad.l + i * w + 3, pad.t + (ys.length - 1 - j) * h + h / 2 + 4); }
  }
  ctx.fillStyle = '#56607a';
  xs.forEach((x, i) => ctx.fillText(String(x), pad.l + i * w + w / 2 - 8, canvas.height - pad.b + 14));
  ys.forEach((y, j) => ctx.fillText(String(y), pad.l - 30, pad.t + (ys.length - 1 - j) * h + h / 2 + 4));
  ctx.fillText(`${xAxis} →`, pad.l, canvas.height - 6);
  ctx.fillText(`${yAxis} ↑  (${objective})`, 4, pad.t + 10);
}

function drawEquity(points, initial) {
  const canvas = $('equityChart');
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (points.length < 2) return;
  const pad = { l: 70, r: 10, t: 10, b: 24 };
  const xs = points.map(p => Date.parse(p[0])), ys = points.map(p => p[1]);
  const x0 = xs[0], x1 = xs[xs.length - 1];
  const lo = Math.min(...ys, initial ?? Infinity), hi = Math.max(...ys, initial ?? -Infinity);
  const X = t => pad.l + (t - x0) / (x1 - x0 || 1) * (canvas.width - pad.l - pad.r);
  const Y = v => canvas.height - pad.b - (v - lo) / (hi - lo || 1) * (canvas.height - pad.t - pad.b);
  // drawdown shading: area between the running peak and equity
  ctx.fillStyle = 'rgba(179,38,30,0.12)';
  ctx.beginPath();
  let peak = -Infinity;
  const peaks = ys.map(v => (peak = Math.max(peak, v)));
  xs.forEach((t, i) => i ? ctx.lineTo(X(t), Y(peaks[i])) : ctx.moveTo(X(t), Y(peaks[i])));
  for (let i = xs.length - 1; i >= 0; i--) ctx.lineTo(X(xs[i]), Y(ys[i]));
  ctx.fill();
  ctx.strokeStyle = '#2f6fed';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  xs.forEach((t, i) => i ? ctx.lineTo(X(t), Y(ys[i])) : ctx.moveTo(X(t), Y(ys[i])));
  ctx.stroke();
  ctx.fillStyle = '#56607a';
  ctx.font = '11px system-ui';
  [lo, (lo + hi) / 2, hi].forEach(v => ctx.fillText(fmt(v, 0), 4, Y(v) + 4));
  ctx.fillText(points[0][0].slice(0, 10), pad.l, canvas.height - 6);
  ctx.fillText(points[points.length - 1][0].slice(0, 10), canvas.width - pad.r - 70, canvas.height - 6);
}

// a link like /#bt-123 opens that run
loadAll().then(() => { if (location.hash.length > 1) openRun(location.hash.slice(1)); });
window.addEventListener('hashchange', () => openRun(location.hash.slice(1)));
