import type { FetchLike } from './rateLimit.js';

/** One Server-Sent Event: its type and parsed JSON data. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a text/event-stream response event by event (WHATWG HTML "server-sent events": fields `event:` and
 * `data:`, events separated by a blank line), until the stream ends or `signal` aborts.
 */
export async function* readServerSentEvents(fetchFn: FetchLike, url: URL, headers: Record<string, string>, signal?: AbortSignal): AsyncGenerator<ServerSentEvent> {
  const response = await fetchFn(url, { headers: { ...headers, Accept: 'text/event-stream' }, signal });
  if (!response.ok || !response.body) {
    const body = await response.text().catch(() => '');
    throw new Error(`GET ${url.pathname} answered ${response.status}: ${body}`);
  }
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(buffer[newline] === '\r' ? newline + 2 : newline + 1);
      if (line === '') {
        if (data.length > 0) yield { event, data: JSON.parse(data.join('\n')) as unknown };
        event = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  }
}
