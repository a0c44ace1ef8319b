// JSON text with positions: the strategy editor parses what is typed itself, so that a syntax error and every error
// the validate API names by JSON path (rules.long_entry, parameters.fast.minimum, constraints[0]) can be pointed at
// the line and column of the text where it is.

export interface Span { start: number; end: number }
export interface Position { line: number; column: number }

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

/** The parsed value and, for every path, the span of its value in the text ('' is the whole document). */
export interface JsonSource { value: unknown; spans: Map<string, Span> }

export function parseJsonSource(text: string): JsonSource {
  const spans = new Map<string, Span>();
  let i = 0;
  const fail = (message: string, at = i): never => { throw new JsonSyntaxError(message, at); };
  const space = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const describe = () => (i >= text.length ? 'the end of the text' : `'${text[i]}'`);

  function string(): string {
    i++; // the opening quote
    let out = '';
    while (i < text.length && text[i] !== '"') {
      const c = text[i];
      if (c === '\n') fail('a string may not span lines (close it with ")');
      if (c !== '\\') { out += c; i++; continue; }
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) { out += simple[e]; i += 2; continue; }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
      fail(`invalid escape '\\${e ?? ''}' in a string`);
    }
    if (i >= text.length) fail('the string is not closed (a " is missing)');
    i++;
    return out;
  }

  function value(path: string): unknown {
    space();
    const start = i;
    let result: unknown;
    const c = text[i];
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      space();
      if (text[i] === '}') i++;
      else for (;;) {
        space();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const key = string();
        space();
        if (text[i] !== ':') fail(`expected ':' after the property name "${key}", found ${describe()}`);
        i++;
        object[key] = value(path ? `${path}.${key}` : key);
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        fail(`expected ',' or '}' after a property value, found ${describe()}`);
      }
      result = object;
    } else if (c === '[') {
      i++;
      const array: unknown[] = [];
      space();
      if (text[i] === ']') i++;
      else for (;;) {
        array.push(value(`${path}[${array.length}]`));
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        fail(`expected ',' or ']' after an array element, found ${describe()}`);
      }
      result = array;
    } else if (c === '"') {
      result = string();
    } else {
      const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!literal) fail(`expected a value (object, array, string, number, true, false or null), found ${describe()}`);
      i += literal![0].length;
      result = JSON.parse(literal![0]);
    }
    spans.set(path, { start, end: i });
    return result;
  }

  const parsed = value('');
  space();
  if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
  return { value: parsed, spans };
}

/** 1-based line and column of an offset (columns count characters). */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: before.length - lastBreak };
}

/**
 * Where an error at `path` points: inside a string value when the message names a column of it (rule
 * expressions: "column 15: ..."), else the start of the value; null when the text has no such path.
 */
export function locate(text: string, source: JsonSource, path: string, message: string): number | null {
  const span = source.spans.get(path) ?? nearestParent(source, path);
  if (!span) return null;
  const column = /^column (\d+):/.exec(message);
  if (!column || text[span.start] !== '"') return span.start;
  // walk the raw literal to the (1-based) character the message names; escapes take several raw characters
  let offset = span.start + 1;
  for (let n = 1; n < Number(column[1]) && offset < span.end - 1; n++) offset += text[offset] !== '\\' ? 1 : text[offset + 1] === 'u' ? 6 : 2;
  return offset;
}

function nearestParent(source: JsonSource, path: string): Span | undefined {
  for (let p = path; p; ) {
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
    const span = source.spans.get(p);
    if (span) return span;
  }
  return undefined;
}
