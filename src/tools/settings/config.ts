/** `ContainerConfig` (v1.45): what runs in the container, portable between hosts. */
import { z } from 'zod';
import { NAME_CHARS, PATH_CHARS, VALUE_CHARS } from '../../containers/inputs.js';
import { signalInput } from '../../containers/signals.js';
import { advertiseAs } from '../../mcp/brief.js';
import { portKey } from './mounts.js';

const argv = (description: string) =>
  z.array(z.string().max(VALUE_CHARS)).optional().describe(description);
const empty = z.strictObject({}).describe('Always {}');

/** Nanoseconds: 0 (inherit) or at least 1 ms, as the engine requires. */
const nanoseconds = (what: string) =>
  z
    .number()
    .int()
    .refine(
      (value) => value === 0 || value >= 1_000_000,
      'must be 0 (inherit) or at least 1000000 (1 ms)',
    )
    .optional()
    .describe(`${what} in nanoseconds (1000000000 = 1 s); 0 inherits the image's`);

const healthcheck = z
  .strictObject({
    Test: z
      .array(z.string().max(VALUE_CHARS))
      .optional()
      .describe(
        '["CMD", "curl", "-f", "http://localhost/"], ["CMD-SHELL", "command"], ["NONE"] to disable, [] to inherit',
      ),
    Interval: nanoseconds('Time between checks'),
    Timeout: nanoseconds('Time before a check counts as hung'),
    Retries: z.number().int().min(0).optional().describe('Failures in a row before "unhealthy"'),
    StartPeriod: nanoseconds('Start-up time during which failures do not count'),
    StartInterval: nanoseconds('Time between checks during the start period (API 1.44+)'),
  })
  .describe("Health check (overrides the image's)");

export const containerConfigFields = {
  Image: z
    .string()
    .min(1)
    .max(PATH_CHARS)
    .describe('Image reference or id, e.g. "nginx:1.27"; it must be on the engine (image_pull)'),
  Cmd: argv(
    'Command as an array, e.g. ["sleep", "60"] or ["sh", "-c", "echo hi"]; default: the image\'s',
  ),
  Entrypoint: argv('Entrypoint as an array ([""] for none)'),
  Env: z
    .array(
      z
        .string()
        .max(VALUE_CHARS)
        .regex(/^[^=]+(=[\s\S]*)?$/, 'must be "NAME=value" (or "NAME" to unset)'),
    )
    .optional()
    .describe('Environment as ["NAME=value", ...]'),
  WorkingDir: z.string().max(PATH_CHARS).optional().describe('Working directory of the process'),
  User: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('User (and group) the process runs as: "1000", "nobody", "1000:1000"'),
  Labels: z
    .record(z.string(), z.string().max(VALUE_CHARS))
    .optional()
    .describe('Labels {"key": "value"}'),
  Hostname: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('Host name inside the container (RFC 1123)'),
  Domainname: z.string().max(NAME_CHARS).optional().describe('Domain name inside the container'),
  ExposedPorts: advertiseAs(
    z.record(portKey, empty).nullable(),
    z.record(z.string(), z.strictObject({})),
  )
    .optional()
    .describe('Ports the container listens on: {"80/tcp": {}}'),
  Volumes: z
    .record(
      z.string().max(PATH_CHARS).regex(/^\//, 'must be an absolute path, e.g. "/data"'),
      empty,
    )
    .optional()
    .describe('Paths that get a new anonymous volume: {"/data": {}}'),
  Tty: z.boolean().optional().describe('Allocate a pseudo-terminal (stdout and stderr merged)'),
  OpenStdin: z.boolean().optional().describe('Keep stdin open (for container_attach)'),
  StdinOnce: z
    .boolean()
    .optional()
    .describe('Close stdin after the first attached client detaches'),
  AttachStdin: z.boolean().optional().describe('Attach stdin (for an attached start)'),
  AttachStdout: z.boolean().optional().describe('Attach stdout (for an attached start)'),
  AttachStderr: z.boolean().optional().describe('Attach stderr (for an attached start)'),
  Healthcheck: healthcheck.optional(),
  StopSignal: signalInput(
    'Signal that stops the container, e.g. "SIGTERM" (the image\'s by default)',
  ).optional(),
  StopTimeout: z
    .number()
    .int()
    .min(0)
    .nullable()
    .optional()
    .describe('Seconds container_stop waits before SIGKILL (default 10)'),
  NetworkDisabled: z.boolean().nullable().optional().describe('Disable networking entirely'),
  MacAddress: z
    .string()
    .max(NAME_CHARS)
    .nullable()
    .optional()
    .describe(
      'MAC address (deprecated from API 1.44: use NetworkingConfig.EndpointsConfig.<net>.MacAddress)',
    ),
  Shell: argv('Shell for shell-form commands, e.g. ["/bin/sh", "-c"]'),
  OnBuild: argv('ONBUILD triggers (image metadata)'),
  ArgsEscaped: z
    .boolean()
    .nullable()
    .optional()
    .describe('Command is already escaped (Windows only)'),
};
