import { ToolError } from './errors.js';

/** One embedded JSON resource of a tool answer. */
export interface AnswerResource {
  json: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

/** A tool's answer as this service shapes it: a text line, then embedded JSON resources by URI (backtest://{id}, .../results, ...). */
export interface ToolAnswer {
  tool: string;
  text: string;
  resources: Map<string, AnswerResource>;
}

interface ContentBlock {
  type: string;
  text?: string;
  resource?: { uri: string; mimeType?: string; text?: string; _meta?: Record<string, unknown> };
}

/** Reads a tools/call result; an isError result throws {@link ToolError} with the tool's text (which names the field and what is allowed). */
export function readToolAnswer(tool: string, result: Record<string, unknown>): ToolAnswer {
  const content = (Array.isArray(result.content) ? result.content : []) as ContentBlock[];
  const text = content.find((block) => block.type === 'text')?.text ?? '';
  const resources = new Map<string, AnswerResource>();
  for (const block of content) {
    if (block.type !== 'resource' || !block.resource || block.resource.text === undefined) continue;
    resources.set(block.resource.uri, { json: JSON.parse(block.resource.text) as Record<string, unknown>, meta: block.resource._meta });
  }
  if (result.isError === true) {
    const status = [...resources.values()].map((r) => r.json.status).find((s): s is string => typeof s === 'string');
    throw new ToolError(tool, text, status);
  }
  return { tool, text, resources };
}

/** The resource backtest://{id} ({backtest_id, status}) of an answer; every run answer carries one. */
export function statusResource(answer: ToolAnswer): AnswerResource & { json: { backtest_id: string; status: string } } {
  for (const [uri, resource] of answer.resources) {
    if (/^backtest:\/\/[^/]+$/.test(uri) && typeof resource.json.backtest_id === 'string') {
      return resource as AnswerResource & { json: { backtest_id: string; status: string } };
    }
  }
  throw new Error(`${answer.tool} answered without a backtest:// status resource: ${answer.text}`);
}
