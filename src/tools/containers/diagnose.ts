import { z } from 'zod';
import { defineTool } from '../../mcp/define.js';
import { gatherDiagnosis } from '../../containers/diagnosis.js';
import { containerId } from '../../containers/inputs.js';
import { inspectTarget } from '../../containers/lookup.js';
import { diagnoseAnswer, diagnoseOutput, MAX_TOKENS } from './diagnose-answer.js';

export const containerDiagnose = defineTool({
  name: 'container_diagnose',
  title: 'Why is a container not running or not healthy',
  description:
    'One call that says why a container stopped, keeps restarting or is unhealthy, verdict first: ' +
    '"exited 137: killed by the kernel for memory (limit 64MiB)", "unhealthy: `curl -f localhost` failed 5 times: Connection refused". ' +
    'Then the facts behind it: state and what the exit code means (137 with OOMKilled, 137 killed, 143 stopped, 126/127 command problems, 1 application error), ' +
    'restart count and policy, when it started and stopped, the last health probes with their output, the last lines of stderr and stdout, and its recent events. ' +
    `A container running as it should gets one line. Reads only; at most about ${MAX_TOKENS} tokens.`,
  input: z.strictObject({ id: containerId }),
  output: diagnoseOutput,
  effects: { always: [], targets: { one: 'id' } },
  async run(args, ctx) {
    const container = await inspectTarget(ctx, args.id);
    return diagnoseAnswer(await gatherDiagnosis(ctx.engine, container, ctx.signal));
  },
});
