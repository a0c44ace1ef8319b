// The dashboard's pages. Each owns a <section data-page="id"> of index.html and is reached by #id; a run opens
// under the page by #<run id>. Extension point: the strategy editor (data-testid strategy-editor) and the
// trading-session page (session-chart, order-ticket) register here once their APIs exist, with a section of their own.
export interface PageDefinition { id: string; label: string }

export const pages: PageDefinition[] = [
  { id: 'backtest', label: 'Backtest' },
  { id: 'research', label: 'Research' },
  { id: 'schedules', label: 'Schedules' },
];

export const isPage = (hash: string): boolean => pages.some(p => p.id === hash);
