/**
 * Failures of resource requests as JSON-RPC errors a client shows: what, and what next.
 * The SDK sends any thrown error's `code`, `message` and `data` as they are (and sends
 * "not found" as -32602 with the URI in `data`, as the spec now asks).
 */
import { ProtocolErrorCode } from '@modelcontextprotocol/server';
import { EngineError } from '../engine/index.js';
import { describeEngineError } from '../mcp/errors.js';

/** The spec's code for "Resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

export class ResourceError extends Error {
  override readonly name = 'ResourceError';
  constructor(
    readonly code: number,
    message: string,
    /** "Not found" names the URI, as the spec asks. */
    readonly data?: { uri: string },
  ) {
    super(message);
  }
}

export const resourceNotFound = (message: string): ResourceError =>
  new ResourceError(RESOURCE_NOT_FOUND, message);

export const invalidResource = (message: string): ResourceError =>
  new ResourceError(ProtocolErrorCode.InvalidParams, message);

/**
 * Run a resource handler, turning engine failures into JSON-RPC errors with a next step;
 * a "not found" names `uri`, the resource asked for.
 */
export async function asResourceErrors<T>(work: () => Promise<T>, uri?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const about = uri === undefined ? undefined : { uri };
    if (error instanceof ResourceError && error.code === RESOURCE_NOT_FOUND && !error.data)
      throw new ResourceError(error.code, error.message, about);
    if (!(error instanceof EngineError)) throw error;
    if (error.code === 'not_found')
      throw new ResourceError(RESOURCE_NOT_FOUND, describeEngineError(error), about);
    throw new ResourceError(ProtocolErrorCode.InternalError, describeEngineError(error));
  }
}
