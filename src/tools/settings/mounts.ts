/** `HostConfig.Mounts` (v1.45 `Mount`) and `HostConfig.PortBindings`, strict at every level. */
import { z } from 'zod';
import { advertiseAs, advertiseBriefly } from '../../mcp/brief.js';
import { NAME_CHARS, PATH_CHARS, VALUE_CHARS } from '../../containers/inputs.js';

const absolutePath = z
  .string()
  .max(PATH_CHARS)
  .regex(/^\//, 'must be an absolute path inside the container, e.g. "/data"');

const bindOptions = z
  .strictObject({
    Propagation: z
      .enum(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave'])
      .optional()
      .describe('Mount propagation'),
    NonRecursive: z.boolean().optional().describe('Do not bind-mount submounts'),
    CreateMountpoint: z
      .boolean()
      .optional()
      .describe('Create the host path if missing (API 1.42+)'),
    ReadOnlyNonRecursive: z
      .boolean()
      .optional()
      .describe('With ReadOnly: leave submounts writable (API 1.44+)'),
    ReadOnlyForceRecursive: z
      .boolean()
      .optional()
      .describe('With ReadOnly: fail if submounts cannot be made read-only (API 1.44+)'),
  })
  .describe('Options for Type "bind" only');

const volumeOptions = z
  .strictObject({
    NoCopy: z
      .boolean()
      .optional()
      .describe("Do not copy the image's files at the target into a new volume"),
    Labels: z
      .record(z.string(), z.string().max(VALUE_CHARS))
      .optional()
      .describe('Labels for a new volume'),
    DriverConfig: z
      .strictObject({
        Name: z.string().max(NAME_CHARS).optional().describe('Volume driver, e.g. "local"'),
        Options: z
          .record(z.string(), z.string().max(VALUE_CHARS))
          .optional()
          .describe('Driver options'),
      })
      .optional()
      .describe('Driver for a new volume'),
    Subpath: z
      .string()
      .max(PATH_CHARS)
      .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))/, 'must be a relative path without ".." parts')
      .optional()
      .describe('Mount only this relative path inside the volume (API 1.45+)'),
  })
  .describe('Options for Type "volume" only');

const tmpfsOptions = z
  .strictObject({
    SizeBytes: z.number().int().min(0).optional().describe('Size limit in bytes'),
    Mode: z
      .number()
      .int()
      .min(0)
      .max(0o7777)
      .optional()
      .describe('Permission bits, e.g. 1023 for 0o1777'),
  })
  .describe('Options for Type "tmpfs" only');

export const mount = advertiseBriefly(
  z.strictObject({
    Type: z
      .enum(['bind', 'volume', 'tmpfs', 'npipe', 'cluster'])
      .describe(
        '"bind": a host path; "volume": a named volume (created if missing); "tmpfs": in memory',
      ),
    Target: absolutePath.describe('Where it appears inside the container'),
    Source: z
      .string()
      .max(PATH_CHARS)
      .optional()
      .describe('Host path (bind) or volume name (empty: a new anonymous volume)'),
    ReadOnly: z.boolean().optional().describe('Mount read-only'),
    Consistency: z
      .enum(['default', 'consistent', 'cached', 'delegated'])
      .optional()
      .describe('Consistency (Docker Desktop for Mac)'),
    BindOptions: bindOptions.optional(),
    VolumeOptions: volumeOptions.optional(),
    TmpfsOptions: tmpfsOptions.optional(),
  }),
  ['Type', 'Source', 'Target', 'ReadOnly'],
  'A mount; also BindOptions, VolumeOptions, TmpfsOptions as in the Engine API',
);

const portBinding = z.strictObject({
  HostIp: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('Host address to bind, e.g. "127.0.0.1" (default: all)'),
  HostPort: z
    .string()
    .max(NAME_CHARS)
    .regex(
      /^(\d{1,5}(-\d{1,5})?)?$/,
      'must be a port number as a string, e.g. "8080", or "" for any free port',
    )
    .optional()
    .describe('Host port as a string, e.g. "8080"; "" or absent picks a free port'),
});

export const portKey = advertiseAs(
  z
    .string()
    .max(NAME_CHARS)
    .regex(
      /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/,
      'must be "<port>/<protocol>", e.g. "80/tcp" or "53/udp"',
    ),
  // A key's form is in the examples and checked on the server; JSON keys are strings.
  z.string(),
);

export const portBindings = z
  .record(portKey, z.array(portBinding).nullable())
  .describe(
    'Publish ports: {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}; the port must be exposed too',
  );
