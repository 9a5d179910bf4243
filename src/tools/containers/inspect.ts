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
import { restartPolicyText, stateSummary, summarizeState } from '../../containers/state.js';

const summary = z.object({
  id: z.string().describe('Full container id'),
  name: z.string(),
  image: z.string().describe('Image as the container was created from it'),
  image_id: z.string(),
  created: z.string(),
  state: stateSummary,
  restart_count: z.number(),
  command: z.array(z.string()).describe('The process: path then arguments'),
  config: z.object({
    user: z.string(),
    working_dir: z.string(),
    tty: z.boolean(),
    open_stdin: z.boolean(),
    env: z.array(z.string()),
    labels: z.record(z.string(), z.string()),
    hostname: z.string(),
    stop_signal: z.string().optional(),
  }),
  host_config: z.object({
    network_mode: z.string(),
    restart_policy: z.string(),
    auto_remove: z.boolean(),
    privileged: z.boolean(),
    readonly_rootfs: z.boolean(),
    memory_limit: z.number().describe('Bytes; 0 means no limit'),
    nano_cpus: z.number().describe('CPU quota in billionths of a CPU; 0 means no limit'),
  }),
  mounts: z.array(
    z.object({
      type: z.string(),
      source: z.string(),
      destination: z.string(),
      rw: z.boolean(),
      name: z.string().optional(),
    }),
  ),
  ports: z.array(z.string()).describe('Published ports, "host_ip:host_port->port/proto"'),
  networks: z.record(z.string(), z.object({ ip_address: z.string(), mac_address: z.string() })),
  size_rw: z.number().optional(),
  size_root_fs: z.number().optional(),
});

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

function summarize(raw: ContainerInspect): z.output<typeof summary> {
  const { State: state, Config: config, HostConfig: host } = raw;
  return {
    id: raw.Id,
    name: nameOf(raw),
    image: config.Image ?? raw.Image,
    image_id: raw.Image,
    created: raw.Created,
    state: summarizeState(state),
    restart_count: raw.RestartCount,
    command: [raw.Path, ...(raw.Args ?? [])].filter((part) => part !== ''),
    config: {
      user: config.User ?? '',
      working_dir: config.WorkingDir ?? '',
      tty: config.Tty ?? false,
      open_stdin: config.OpenStdin ?? false,
      env: config.Env ?? [],
      labels: config.Labels ?? {},
      hostname: config.Hostname ?? '',
      ...(config.StopSignal && { stop_signal: config.StopSignal }),
    },
    host_config: {
      network_mode: host.NetworkMode ?? '',
      restart_policy: restartPolicyText(host),
      auto_remove: host.AutoRemove ?? false,
      privileged: host.Privileged ?? false,
      readonly_rootfs: host.ReadonlyRootfs ?? false,
      memory_limit: host.Memory ?? 0,
      nano_cpus: host.NanoCpus ?? 0,
    },
    mounts: (raw.Mounts ?? []).map((mount) => ({
      type: mount.Type ?? 'bind',
      source: mount.Source ?? '',
      destination: mount.Destination,
      rw: mount.RW ?? true,
      ...(mount.Name && { name: mount.Name }),
    })),
    ports: Object.entries(raw.NetworkSettings.Ports ?? {}).flatMap(([port, bindings]) =>
      bindings && bindings.length > 0
        ? bindings.map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}->${port}`)
        : [port],
    ),
    networks: Object.fromEntries(
      Object.entries(raw.NetworkSettings.Networks ?? {}).map(([name, net]) => [
        name,
        { ip_address: net.IPAddress ?? '', mac_address: net.MacAddress ?? '' },
      ]),
    ),
    ...(raw.SizeRw !== undefined && { size_rw: raw.SizeRw }),
    ...(raw.SizeRootFs !== undefined && { size_root_fs: raw.SizeRootFs }),
  };
}

function renderInspect(c: z.output<typeof summary>, raw: ContainerInspect): string {
  const lines = [
    `${c.name} (${shortId(c.id)}), image ${c.image}`,
    `State: ${describeState(raw.State)}${c.state.running ? `, pid ${c.state.pid}` : ''}${c.state.health ? `, health ${c.state.health}` : ''}${c.state.error ? `, error: ${c.state.error}` : ''}`,
    `Started: ${c.state.started_at ?? 'never'}${c.state.finished_at ? `; finished: ${c.state.finished_at}` : ''}; created ${shortTimestamp(c.created) ?? c.created}; restarts ${c.restart_count}`,
    `Command: ${c.command.join(' ')}`,
    `User: ${c.config.user || 'root (image default)'}; workdir: ${c.config.working_dir || '/'}; tty: ${c.config.tty}; stdin open: ${c.config.open_stdin}`,
    `Restart policy: ${c.host_config.restart_policy}${c.host_config.auto_remove ? ' (auto-remove)' : ''}; network: ${c.host_config.network_mode || 'default'}${c.host_config.privileged ? '; PRIVILEGED' : ''}${c.host_config.readonly_rootfs ? '; read-only rootfs' : ''}`,
    `Limits: memory ${c.host_config.memory_limit ? formatBytesIEC(c.host_config.memory_limit) : 'none'}, cpus ${c.host_config.nano_cpus ? c.host_config.nano_cpus / 1e9 : 'none'}`,
  ];
  if (c.size_rw !== undefined)
    lines.push(
      `Size: ${formatBytesSI(c.size_rw)} written (virtual ${formatBytesSI(c.size_root_fs ?? 0)})`,
    );
  if (c.ports.length > 0) lines.push(`Ports: ${c.ports.join(', ')}`);
  const networks = Object.entries(c.networks);
  if (networks.length > 0)
    lines.push(
      `Networks: ${networks.map(([name, n]) => `${name}${n.ip_address ? ` ${n.ip_address}` : ''}`).join(', ')}`,
    );
  if (c.mounts.length > 0) {
    lines.push(
      'Mounts:',
      ...c.mounts.map(
        (m) => `  ${m.type} ${m.name ?? m.source} -> ${m.destination}${m.rw ? '' : ' (ro)'}`,
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
