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
    '`input` goes to stdin, which is then closed. stderr lines are marked; `tty: true` merges them. ' +
    `Answers within \`timeout_s\` (default ${DEFAULT_TIMEOUT_S}): a command still running then goes on, and the answer gives its PID. ` +
    'Past `max_bytes` the earliest lines are left out; the end is kept.',
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
