import { z } from 'zod';
import { inspectContainer } from '../../engine/api/containers.js';
import { updateContainer, type UpdateResponse } from '../../engine/api/lifecycle.js';
import type { ContainerInspect } from '../../engine/index.js';
import { formatBytesIEC } from '../../render/units.js';
import { restartPolicy } from './host-config.js';
import { FIXED_AT_CREATION, MIN_MEMORY_BYTES, updatableResourceFields } from './resources.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { advertiseBriefly } from '../../mcp/brief.js';
import { refuseKeys } from '../../mcp/validation.js';
import { lifecycleOutput, restartPolicyText, stateLine, stateOf } from '../../containers/state.js';

const update = advertiseBriefly(
  refuseKeys(
    z
      .strictObject({ ...updatableResourceFields, RestartPolicy: restartPolicy.optional() })
      .refine((value) => Object.values(value).some((field) => field !== undefined), {
        message: 'is empty: give at least one field to change, e.g. {"Memory": 268435456}',
        // A refused field already says what is wrong; "empty" on top of it would mislead.
        when: (payload) => payload.issues.length === 0,
      })
      .describe(
        `What to change. A field left out (or 0) keeps its current value: a limit cannot be removed, only changed (MemorySwap: -1 lifts the swap limit). Memory must be at least 6 MiB (${MIN_MEMORY_BYTES} bytes), and raising it past the current MemorySwap needs MemorySwap in the same update.`,
      ),
    Object.fromEntries(
      FIXED_AT_CREATION.map((key) => [
        key,
        'cannot be changed on an existing container (the engine would ignore it): create a new container with it (container_create)',
      ]),
    ),
  ),
  ['Memory', 'MemorySwap', 'NanoCpus', 'PidsLimit', 'RestartPolicy'],
  'What to change; a field left out keeps its value. Also CpuShares, CpuPeriod, CpuQuota, CpusetCpus, CpusetMems, MemoryReservation, BlkioWeight as the Engine API names them',
);

export const containerUpdate = defineTool({
  name: 'container_update',
  title: "Change a container's limits or restart policy",
  description:
    "Change a container's limits (memory, CPU, PIDs, block IO weight) or restart policy in place (`docker update`), running or stopped. " +
    'Other settings are fixed at creation. The answer shows the limits now in force.',
  input: z.strictObject({ id: containerId, update }),
  output: lifecycleOutput.extend({
    warnings: z.array(z.string()),
    limits: z.object({
      memory: z.number().describe('Bytes; 0 means no limit'),
      memory_swap: z.number().describe('Bytes of memory plus swap; -1 unlimited, 0 unset'),
      nano_cpus: z.number(),
      cpu_shares: z.number(),
      pids_limit: z.number().nullable(),
      restart_policy: z.string(),
    }),
  }),
  effects: {
    always: ['container-state', 'host-settings'],
    targets: { one: 'id' },
    settings: { argument: 'update', form: 'update' },
  },
  idempotent: true,
  async run(input, ctx) {
    const answer = await ctx.engine.json<UpdateResponse>(updateContainer, {
      params: { id: input.id },
      json: input.update,
      signal: ctx.signal,
    });
    const raw = await ctx.engine.json<ContainerInspect>(inspectContainer, {
      params: { id: input.id },
      signal: ctx.signal,
    });
    const warnings = answer.Warnings ?? [];
    const limits = limitsOf(raw);
    const lines = [
      `Updated ${targetLabel(ctx, input.id)}: ${Object.keys(input.update).join(', ')}.`,
      `Limits now: memory ${limits.memory ? formatBytesIEC(limits.memory) : 'none'}, memory+swap ${describeSwap(limits.memory_swap)}, cpus ${limits.nano_cpus ? limits.nano_cpus / 1e9 : 'no quota'}, cpu shares ${limits.cpu_shares || 'default'}, pids ${limits.pids_limit || 'unlimited'}; restart policy ${limits.restart_policy}.`,
      `Now: ${stateLine(raw)}`,
      ...warnings.map((warning) => `Warning from the engine: ${warning}`),
    ];
    return {
      text: lines.join('\n'),
      data: { changed: true, container: stateOf(raw), warnings, limits },
    };
  },
});

function limitsOf(raw: ContainerInspect) {
  const host = raw.HostConfig;
  return {
    memory: host.Memory ?? 0,
    memory_swap: host.MemorySwap ?? 0,
    nano_cpus: host.NanoCpus ?? 0,
    cpu_shares: host.CpuShares ?? 0,
    pids_limit: host.PidsLimit ?? null,
    restart_policy: restartPolicyText(host),
  };
}

function describeSwap(bytes: number): string {
  if (bytes === -1) return 'unlimited';
  return bytes ? formatBytesIEC(bytes) : 'unset';
}
