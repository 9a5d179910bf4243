import { containerDiagnose } from '../tools/containers/diagnose.js';
import { containerLogs } from '../tools/containers/logs.js';
import { definePrompt } from './define.js';
import { containerArgument, sinceArgument } from './arguments.js';

/**
 * Lines that usually mean something went wrong, in RE2 syntax (what container_logs' grep
 * takes). No backslashes: the message quotes it, and a model would have to unescape them.
 */
export const ERROR_PATTERN =
  '(?i)error|fatal|panic|exception|traceback|fail|critical|refused|denied|timed? ?out';

export const tailErrorsPrompt = definePrompt({
  name: 'tail_errors',
  title: 'Recent errors of a container',
  description:
    "Show a container's recent errors: the model greps its logs (both streams) for error lines since a time, and sums them up, newest first.",
  arguments: [containerArgument, sinceArgument('How far back (default 1h)')],
  uses: [containerLogs, containerDiagnose],
  message: (args, offered) => {
    const id = JSON.stringify(args.container ?? '');
    const since = JSON.stringify(args.since ?? '1h');
    return [
      `What errors has the container ${id} written since ${since}?`,
      `Call ${containerLogs.name} with id ${id}, since ${since}, grep ${JSON.stringify(ERROR_PATTERN)} and context 2: it searches stdout and stderr on the server and marks stderr lines.`,
      'If the answer says lines were left out, page back with the until value it gives.',
      `Then list the distinct errors, newest first, each with how often it occurred, when it last did and its stream; say which one most likely matters.${offered.has(containerDiagnose.name) ? ` If the container has stopped or is unhealthy, call ${containerDiagnose.name} with id ${id} too.` : ''}`,
    ].join('\n');
  },
});
