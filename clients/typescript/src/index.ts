export { MCPBacktestingClient, type MCPBacktestingClientOptions, type ServerInfo } from './client.js';
export { BacktestingClientError, NotCompletedError, RateLimitError, ToolError } from './errors.js';
export { retryAfterMs, type RetryPolicy } from './rateLimit.js';
export type { ToolAnswer, AnswerResource } from './toolAnswer.js';
export * from './types.js';
