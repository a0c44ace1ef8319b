// The dashboard's pages. Each owns a <section data-page="id"> of index.html and is reached by #id; a run opens
// under the page by #<run id>.
export interface PageDefinition { id: string; label: string }

export const pages: PageDefinition[] = [
  { id: 'backtest', label: 'Backtest' },
  { id: 'research', label: 'Research' },
  { id: 'strategies', label: 'Strategy editor' },
  { id: 'session', label: 'Trading session' },
  { id: 'schedules', label: 'Schedules' },
];

export const isPage = (hash: string): boolean => pages.some(p => p.id === hash);
