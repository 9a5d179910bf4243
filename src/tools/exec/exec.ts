import { defineTool } from '../../mcp/define.js';
import { DEFAULT_OUTPUT_BYTES } from '../../containers/output.js';
import { execPreview } from './preview.js';
import {
  DEFAULT_TIMEOUT_S,
  DEFAULT_TTY_SIZE,
  execInput,
  execOutput,
  MAX_TIMEOUT_S,
} from './schemas.js';
import { runExec } from './session.js';

export const containerExec = defineTool({
  name: 'container_exec',
  title: 'Run a command in a container',
  description:
    'Run a command in a running container and return its output and exit code (`docker exec`). ' +
    '`cmd` is the program and its arguments, run directly with no shell, so nothing in them is expanded or interpreted: write ["sh", "-c", "..."] for pipes, redirections, && or $VARIABLES (the image must have sh). ' +
    'Optional `env` ("NAME=value"), `workdir`, `user`. `input` goes to stdin, which is then closed so a command that reads to the end of its input finishes (`keep_stdin_open` leaves it open). ' +
    'stdout and stderr come back as they arrive, stderr lines marked; `tty: true` runs it in a terminal (merging them), sized `tty_size` or ' +
    `${DEFAULT_TTY_SIZE.h}x${DEFAULT_TTY_SIZE.w} so programs that ask for a size get one. ` +
    `Answers within \`timeout_s\` (default ${DEFAULT_TIMEOUT_S}, under the 60 s many clients allow a call; at most ${MAX_TIMEOUT_S}, with progress notifications): ` +
    'a command still running then goes on in the container, since the engine cannot stop an exec, and the answer says so with its PID and how to stop it. ' +
    `Output past \`max_bytes\` (default ${DEFAULT_OUTPUT_BYTES}, a few thousand tokens) loses its earliest lines: the end, where results and errors are, is kept. ` +
    'A stopped or paused container, a command not found, or a missing user or directory is an error that says what to do.',
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
