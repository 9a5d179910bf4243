/**
 * Failures of resource requests as JSON-RPC errors a client shows: what, and what next.
 * The SDK sends any thrown error's `code` and `message` as they are; McpError would put
 * "MCP error N:" into the message, which the client then prefixes a second time.
 */
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { EngineError } from '../engine/index.js';
import { describeEngineError } from '../mcp/errors.js';

/** The spec's code for "Resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

export class ResourceError extends Error {
  override readonly name = 'ResourceError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const resourceNotFound = (message: string): ResourceError =>
  new ResourceError(RESOURCE_NOT_FOUND, message);

export const invalidResource = (message: string): ResourceError =>
  new ResourceError(ErrorCode.InvalidParams, message);

/** Run a resource handler, turning engine failures into JSON-RPC errors with a next step. */
export async function asResourceErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    throw new ResourceError(
      error.code === 'not_found' ? RESOURCE_NOT_FOUND : ErrorCode.InternalError,
      describeEngineError(error),
    );
  }
}
