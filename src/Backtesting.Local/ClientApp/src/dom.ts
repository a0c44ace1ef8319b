// Every value from the API reaches the page as text (text nodes, textContent, Option labels), never as markup:
// asset names, ids, errors and parameters are data, whoever stored them. Nothing here parses HTML.

export type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no element #${id}`);
  return node as T;
}

export const cell = (text: Child, className?: string): HTMLTableCellElement => el('td', className ? { class: className } : {}, text);

export function fillSelect(select: HTMLSelectElement, items: [value: string, label: string][]): void {
  select.replaceChildren(...items.map(([value, label]) => new Option(label, value)));
}

/** A table with a header row and body rows; wide tables scroll inside their own box, never the page. */
export function table(headers: Child[], rows: Child[][], attributes: Record<string, string> = {}): HTMLElement {
  return el('div', { class: 'scroll' }, el('table', attributes,
    el('thead', {}, el('tr', {}, ...headers.map(h => el('th', {}, h)))),
    el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map(c => c instanceof HTMLTableCellElement ? c : cell(c)))))));
}

/** Offers text as a file download (the CSV export); a blob URL, so no inline data reaches the page's markup. */
export function download(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
