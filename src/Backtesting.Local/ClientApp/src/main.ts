// Dashboard entry: the API key, the catalog (strategies, assets), the pages, the run list and the run detail with
// live progress over Server-Sent Events.
import { api, ApiError, type Asset, followRun, type Json, path, type Results, type Run, storedKey, storeKey, type Strategy } from './api';
import { renderBacktest } from './backtestView';
import { byId, cell, el } from './dom';
import { clearErrors, commonParameterNames, ParameterForm, RunContext, showErrors } from './forms';
import { formatNumber } from './format';
import { isPage, pages } from './pages';
import { renderResearch } from './researchViews';
import { ResearchPage } from './researchForm';
import { SchedulesPage } from './schedules';
import { SessionPage } from './sessionPage';
import { StrategyEditorPage } from './strategyEditor';

let strategies: Strategy[] = [];
let assets: Asset[] = [];
let following: AbortController | null = null;

const keyInput = byId<HTMLInputElement>('apiKey');
const globalError = byId('globalError');
const runForm = byId<HTMLFormElement>('runForm');
const formErrors = byId('formErrors');
const context = new RunContext(byId('backtestContext'), '');
const parameters = new ParameterForm(byId('strategyParams'), byId('commonParams').querySelector('.params')!, 'param-');
const research = new ResearchPage(byId('researchKinds'), byId<HTMLFormElement>('researchForm'), id => openRun(id));
const editor = new StrategyEditorPage(byId('strategyEditor'), () => loadAll(), id => { void runStrategy(id); });
const session = new SessionPage(byId('sessionPage'));
const schedules = new SchedulesPage(byId<HTMLFormElement>('scheduleForm'), byId('scheduleTable').querySelector('tbody')!, id => openRun(id));

function showPage(id: string): void {
  for (const section of document.querySelectorAll<HTMLElement>('section[data-page]')) section.hidden = section.dataset.page !== id;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#pageNav a')) {
    if (link.dataset.page === id) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

byId('pageNav').replaceChildren(...pages.map(p => el('a', { href: `#${p.id}`, 'data-page': p.id }, p.label)));

function showStrategy(): void {
  const strategy = strategies.find(s => s.id === context.strategy.value);
  if (!strategy) return;
  byId('strategyHelp').textContent = strategy.description;
  parameters.render(strategy, commonParameterNames(strategies));
}
context.strategy.addEventListener('change', showStrategy);

async function loadAll(): Promise<void> {
  globalError.textContent = '';
  try {
    [strategies, assets] = await Promise.all([api<Strategy[]>('/api/strategies'), api<Asset[]>('/api/assets')]);
    const hadStrategy = context.strategy.value;
    context.load(strategies, assets);
    if (!hadStrategy || hadStrategy !== context.strategy.value || !byId('strategyParams').hasChildNodes()) showStrategy();
    research.load(strategies, assets);
    editor.load(strategies);
    session.load(strategies, assets);
    schedules.render(strategies, assets.map(a => a.symbol));
    await loadRuns();
  } catch (e) {
    globalError.textContent = e instanceof ApiError && e.status === 401 ? 'Enter an API key (or run the host in local development mode).' : String(e instanceof Error ? e.message : e);
  }
}

/** Opens the backtest page with the strategy chosen and its parameter form generated from its schema. */
async function runStrategy(id: string): Promise<void> {
  if (!strategies.some(s => s.id === id)) await loadAll();
  history.pushState(null, '', '#backtest');
  showPage('backtest');
  context.strategy.value = id;
  showStrategy();
  byId('backtestHeading').scrollIntoView({ block: 'start' });
}

keyInput.value = storedKey();
keyInput.addEventListener('change', () => { storeKey(keyInput.value); void loadAll(); });

runForm.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(runForm, formErrors);
  const body: Record<string, Json> = { ...context.body(), parameters: parameters.values() };
  try {
    const accepted = await api<{ backtest_id: string }>('/api/backtests', { method: 'POST', body });
    await loadRuns();
    openRun(accepted.backtest_id);
  } catch (e) {
    if (e instanceof ApiError) showErrors(runForm, formErrors, e.message, e.errors);
    else formErrors.textContent = String(e);
  }
});

async function loadRuns(): Promise<void> {
  const page = await api<{ items: Run[] }>('/api/backtests?limit=50');
  byId('runTable').querySelector('tbody')!.replaceChildren(...page.items.map(r => {
    const open = el('a', { href: `#${r.backtest_id}` }, r.backtest_id);
    const cancel = ['pending', 'running'].includes(r.status) ? el('button', { type: 'button' }, 'Cancel') : null;
    cancel?.addEventListener('click', async () => { await api(path`/api/backtests/${r.backtest_id}`, { method: 'DELETE' }); await loadRuns(); });
    return el('tr', { 'data-id': r.backtest_id }, el('td', {}, open), cell(r.kind.replace('backtest_', '')), cell(r.strategy_id), cell(r.asset_symbol),
      cell(r.status, `status-${r.status}`), cell(`${formatNumber(r.progress, 0)} %`, 'num'), cell(r.created_at.replace('T', ' ').slice(0, 16)), el('td', {}, cancel));
  }));
}
byId('refresh').addEventListener('click', () => { void loadRuns(); });

function setProgress(percent: number): void {
  const bar = byId('progressBar');
  bar.setAttribute('aria-valuenow', String(Math.round(percent)));
  (bar.firstElementChild as HTMLElement).style.width = `${Math.max(0, Math.min(100, percent))}%`;
}

async function resultsWhenDone(id: string, signal?: AbortSignal): Promise<Results> {
  await followRun(id, setProgress, signal ?? new AbortController().signal);
  return api<Results>(path`/api/backtests/${id}/results` + '?trades_limit=1&max_points=2000');
}

function openRun(id: string): void {
  if (location.hash !== `#${id}`) history.pushState(null, '', `#${id}`);
  void showRun(id);
}

async function showRun(id: string): Promise<void> {
  const detail = byId('detail'), body = byId('detailBody'), error = byId('detailError');
  detail.hidden = false;
  byId('detailTitle').textContent = id;
  error.textContent = '';
  body.replaceChildren(el('p', { class: 'help' }, 'Running…'));
  setProgress(0);
  following?.abort();
  const controller = following = new AbortController();
  try {
    const run = await api<Run>(path`/api/backtests/${id}`);
    byId('detailTitle').textContent = `${run.kind.replace('backtest_', '').replace('_', ' ')} ${id}: ${run.strategy_id} on ${run.asset_symbol}`;
    const results = await resultsWhenDone(id, controller.signal);
    if (controller.signal.aborted) return;
    setProgress(100);
    void loadRuns();
    byId('detailTitle').textContent += ` (${results.status})`;
    if (results.status !== 'completed') { body.replaceChildren(); error.textContent = results.error ?? results.status; return; }
    if (run.kind === 'backtest_strategy' || run.kind === 'backtrading_session') await renderBacktest(body, run, results, strategies.find(s => s.id === run.strategy_id));
    else await renderResearch(body, run, results, openRun);
    detail.scrollIntoView({ block: 'start' });
  } catch (e) {
    if (controller.signal.aborted) return;
    body.replaceChildren();
    error.textContent = e instanceof Error ? e.message : String(e);
  }
}

function route(): void {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (isPage(hash) || hash === '') { showPage(hash || 'backtest'); return; }
  void showRun(hash);
}
window.addEventListener('hashchange', route);
window.addEventListener('popstate', route);
showPage('backtest');
void loadAll().then(route);
