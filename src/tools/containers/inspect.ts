import { z } from 'zod';
import { inspectContainer } from '../../engine/api/containers.js';
import type { ContainerInspect } from '../../engine/index.js';
import { describeState, nameOf, shortId } from '../../render/containers.js';
import { escapeControl } from '../../render/escape.js';
import { shortTimestamp } from '../../render/time.js';
import { formatBytesIEC, formatBytesSI } from '../../render/units.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { inspectTarget } from '../../containers/lookup.js';
import { restartPolicyText, summarizeState } from '../../containers/state.js';

/**
 * The summary leaves out what is empty, false or the default (the text does not say "not
 * privileged" either), so that it costs about what the text does.
 */
const summary = z.object({
  id: z.string().describe('Short id'),
  name: z.string(),
  image: z.string().describe('Image as the container was created from it'),
  created: z.string(),
  state: z.object({
    status: z.string().describe('created, running, paused, restarting, removing, exited or dead'),
    pid: z.number().optional().describe('While running'),
    exit_code: z.number().optional().describe('Once it has run and stopped'),
    error: z.string().optional(),
    oom_killed: z.literal(true).optional(),
    started_at: z.string().optional(),
    finished_at: z.string().optional(),
    health: z.string().optional(),
  }),
  restart_count: z.number().optional().describe('When it restarted at all'),
  command: z.array(z.string()).describe('The process: path then arguments'),
  config: z.object({
    user: z.string().optional().describe("Absent: the image's default (root)"),
    working_dir: z.string().optional(),
    tty: z.literal(true).optional(),
    open_stdin: z.literal(true).optional(),
    env: z.array(z.string()),
    labels: z.record(z.string(), z.string()),
    hostname: z.string().optional().describe('When it is not the short id'),
    stop_signal: z.string().optional(),
  }),
  host_config: z.object({
    network_mode: z.string(),
    restart_policy: z.string(),
    auto_remove: z.literal(true).optional(),
    privileged: z.literal(true).optional(),
    readonly_rootfs: z.literal(true).optional(),
    memory_limit: z.number().optional().describe('Bytes; absent: no limit'),
    nano_cpus: z.number().optional().describe('CPU quota in billionths of a CPU; absent: no limit'),
  }),
  mounts: z
    .array(
      z.object({
        type: z.string(),
        source: z.string(),
        destination: z.string(),
        read_only: z.literal(true).optional(),
        name: z.string().optional(),
      }),
    )
    .optional(),
  ports: z
    .array(z.string())
    .optional()
    .describe('Published ports, "host_ip:host_port->port/proto"'),
  networks: z
    .record(z.string(), z.object({ ip_address: z.string(), mac_address: z.string() }))
    .optional(),
  size_rw: z.number().optional(),
  size_root_fs: z.number().optional(),
});

type Summary = z.output<typeof summary>;

export const containerInspect = defineTool({
  name: 'container_inspect',
  title: 'Inspect a container',
  description:
    'Details of one container: state (with exit code and health), command, image, configuration, environment, labels, mounts, ports and networks. ' +
    "`id` is a name, a full id or a unique id prefix. `full: true` also returns the engine's complete inspect document (long).",
  input: z.strictObject({
    id: containerId,
    size: z
      .boolean()
      .default(false)
      .describe("Also compute the size of the container's files (slower)"),
    full: z
      .boolean()
      .default(false)
      .describe("Include the engine's whole inspect JSON in the answer"),
  }),
  output: z.object({
    container: summary,
    raw: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("The engine's inspect document (with full: true)"),
  }),
  effects: { always: [], targets: { one: 'id' } },
  async run(input, ctx) {
    // The call's one lookup already has the document; sizes need the engine to count.
    const raw = input.size
      ? await ctx.engine.json<ContainerInspect>(inspectContainer, {
          params: { id: input.id },
          query: { size: true },
          signal: ctx.signal,
        })
      : await inspectTarget(ctx, input.id);
    const container = summarize(raw);
    const text = renderInspect(container, raw);
    return input.full
      ? {
          text: `${text}\n\nFull inspect document:\n${JSON.stringify(raw, null, 1)}`,
          data: { container, raw: raw as unknown as Record<string, unknown> },
        }
      : { text, data: { container } };
  },
});

function summarize(raw: ContainerInspect): Summary {
  const { State: state, Config: config, HostConfig: host } = raw;
  const id = shortId(raw.Id);
  const full = summarizeState(state);
  const ports = Object.entries(raw.NetworkSettings.Ports ?? {}).flatMap(([port, bindings]) =>
    bindings && bindings.length > 0
      ? bindings.map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}->${port}`)
      : [port],
  );
  const networks = Object.entries(raw.NetworkSettings.Networks ?? {});
  return {
    id,
    name: nameOf(raw),
    image: config.Image ?? raw.Image,
    created: raw.Created,
    state: {
      status: full.status,
      ...(full.running && { pid: full.pid }),
      ...(!full.running && full.started_at && { exit_code: full.exit_code }),
      ...(full.error && { error: full.error }),
      ...(full.oom_killed && { oom_killed: true as const }),
      ...(full.started_at && { started_at: full.started_at }),
      ...(full.finished_at && { finished_at: full.finished_at }),
      ...(full.health && { health: full.health }),
    },
    ...(raw.RestartCount > 0 && { restart_count: raw.RestartCount }),
    command: [raw.Path, ...(raw.Args ?? [])].filter((part) => part !== ''),
    config: {
      ...(config.User && { user: config.User }),
      ...(config.WorkingDir && { working_dir: config.WorkingDir }),
      ...(config.Tty && { tty: true as const }),
      ...(config.OpenStdin && { open_stdin: true as const }),
      env: config.Env ?? [],
      labels: config.Labels ?? {},
      ...(config.Hostname && config.Hostname !== id && { hostname: config.Hostname }),
      ...(config.StopSignal && { stop_signal: config.StopSignal }),
    },
    host_config: {
      network_mode: host.NetworkMode ?? '',
      restart_policy: restartPolicyText(host),
      ...(host.AutoRemove && { auto_remove: true as const }),
      ...(host.Privileged && { privileged: true as const }),
      ...(host.ReadonlyRootfs && { readonly_rootfs: true as const }),
      ...(host.Memory && { memory_limit: host.Memory }),
      ...(host.NanoCpus && { nano_cpus: host.NanoCpus }),
    },
    ...((raw.Mounts ?? []).length > 0 && {
      mounts: (raw.Mounts ?? []).map((mount) => ({
        type: mount.Type ?? 'bind',
        source: mount.Source ?? '',
        destination: mount.Destination,
        ...(mount.RW === false && { read_only: true as const }),
        ...(mount.Name && { name: mount.Name }),
      })),
    }),
    ...(ports.length > 0 && { ports }),
    ...(networks.length > 0 && {
      networks: Object.fromEntries(
        networks.map(([name, net]) => [
          name,
          { ip_address: net.IPAddress ?? '', mac_address: net.MacAddress ?? '' },
        ]),
      ),
    }),
    ...(raw.SizeRw !== undefined && { size_rw: raw.SizeRw }),
    ...(raw.SizeRootFs !== undefined && { size_root_fs: raw.SizeRootFs }),
  };
}

function renderInspect(c: Summary, raw: ContainerInspect): string {
  const lines = [
    `${c.name} (${c.id}), image ${c.image}`,
    `State: ${describeState(raw.State)}${c.state.pid !== undefined ? `, pid ${c.state.pid}` : ''}${c.state.health ? `, health ${c.state.health}` : ''}${c.state.error ? `, error: ${c.state.error}` : ''}`,
    `Started: ${c.state.started_at ?? 'never'}${c.state.finished_at ? `; finished: ${c.state.finished_at}` : ''}; created ${shortTimestamp(c.created) ?? c.created}; restarts ${c.restart_count ?? 0}`,
    `Command: ${c.command.join(' ')}`,
    `User: ${c.config.user ?? 'root (image default)'}; workdir: ${c.config.working_dir ?? '/'}; tty: ${c.config.tty ?? false}; stdin open: ${c.config.open_stdin ?? false}`,
    `Restart policy: ${c.host_config.restart_policy}${c.host_config.auto_remove ? ' (auto-remove)' : ''}; network: ${c.host_config.network_mode || 'default'}${c.host_config.privileged ? '; PRIVILEGED' : ''}${c.host_config.readonly_rootfs ? '; read-only rootfs' : ''}`,
    `Limits: memory ${c.host_config.memory_limit ? formatBytesIEC(c.host_config.memory_limit) : 'none'}, cpus ${c.host_config.nano_cpus ? c.host_config.nano_cpus / 1e9 : 'none'}`,
  ];
  if (c.size_rw !== undefined)
    lines.push(
      `Size: ${formatBytesSI(c.size_rw)} written (virtual ${formatBytesSI(c.size_root_fs ?? 0)})`,
    );
  if (c.ports) lines.push(`Ports: ${c.ports.join(', ')}`);
  const networks = Object.entries(c.networks ?? {});
  if (networks.length > 0)
    lines.push(
      `Networks: ${networks.map(([name, n]) => `${name}${n.ip_address ? ` ${n.ip_address}` : ''}`).join(', ')}`,
    );
  if (c.mounts) {
    lines.push(
      'Mounts:',
      ...c.mounts.map(
        (m) => `  ${m.type} ${m.name ?? m.source} -> ${m.destination}${m.read_only ? ' (ro)' : ''}`,
      ),
    );
  }
  const labels = Object.entries(c.config.labels);
  if (labels.length > 0)
    lines.push('Labels:', ...labels.map(([key, value]) => `  ${key}=${value}`));
  if (c.config.env.length > 0) lines.push('Env:', ...c.config.env.map((entry) => `  ${entry}`));
  // One line each: a multi-line value (a key in an env entry) stays on its line, escaped,
  // so redaction sees all of it and no value can pass for a line of its own.
  return lines.map(escapeControl).join('\n');
}
