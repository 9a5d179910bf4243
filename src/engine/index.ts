/** The engine client's public face, for the layers above. */
export { Engine, type CallOptions, type EngineOptions, type EngineResponse } from './client.js';
export {
  brokenAnswer,
  EngineError,
  errnoOf,
  rethrowBroken,
  rewordEngineError,
  type EngineErrorCode,
} from './errors.js';
export { describeEndpoint, endpoint, type Endpoint } from './endpoint.js';
export { AddressError, describeAddress, type EngineAddress } from './address.js';
export { resolveEngineAddress } from './resolve.js';
export { ALL_ENGINES, EngineRegistry, enginesFor, type NamedAddress } from './registry.js';
export type { EngineFlavor, EngineInfo } from './ping.js';
export { demux, Demuxer, DemuxError, type Frame, type FrameStream } from './demux.js';
export { bodyChunks, type BodyReadOptions } from './body.js';
export { readOutput, type OutputReadOptions } from './output.js';
export { readJsonLines } from './ndjson.js';
export type { EngineEvent, EventFilter } from './events.js';
export {
  DOCKER_KEPT_EVENTS,
  followEvents,
  readEvents,
  type EventReadSummary,
} from './events-read.js';
export { apiVersionAtLeast, compareApiVersions, MAX_API_VERSION } from './version.js';
export type * from './types.js';
export { hijack, type ConnectOptions } from './attach/hijack.js';
export { openWebSocket } from './attach/websocket.js';
export {
  runSession,
  type SessionOptions,
  type SessionResult,
  type StdinClose,
} from './attach/session.js';
