import { defineTool } from '../../mcp/define.js';
import { execPreview } from './preview.js';
import { DEFAULT_TIMEOUT_S, execInput, execOutput } from './schemas.js';
import { runExec } from './session.js';

export const containerExec = defineTool({
  name: 'container_exec',
  title: 'Run a command in a container',
  description:
    'Run a command in a running container and return its output and exit code (`docker exec`). ' +
    '`cmd` runs directly, with no shell: write ["sh", "-c", "..."] for pipes, && or $VARIABLES. ' +
    '`input` goes to stdin, then EOF. stderr lines are marked. ' +
    `A command still running at \`timeout_s\` (default ${DEFAULT_TIMEOUT_S}) goes on; the answer gives its PID. ` +
    'Past `max_bytes` the end is kept.',
  input: execInput,
  output: execOutput,
  effects: {
    always: ['runs-code'],
    byArgument: { privileged: ['privileged'] },
    targets: { one: 'id' },
  },
  run: runExec,
  preview: execPreview,
});
