import { containerDiagnose } from '../tools/containers/diagnose.js';
import { containerEvents } from '../tools/containers/events.js';
import { containerLogs } from '../tools/containers/logs.js';
import { definePrompt } from './define.js';
import { containerArgument } from './arguments.js';

export const diagnosePrompt = definePrompt({
  name: 'diagnose',
  title: 'Why did this container stop, or why is it unhealthy?',
  description: `Find out why a container is not running or not healthy: the model calls ${containerDiagnose.name}, reads more only if it must, and explains the cause and the fix.`,
  arguments: [containerArgument],
  uses: [containerDiagnose, containerLogs, containerEvents],
  message: (args, offered) => {
    const id = JSON.stringify(args.container ?? '');
    const more = [
      offered.has(containerLogs.name) &&
        `${containerLogs.name} (grep, since) for more of its output`,
      offered.has(containerEvents.name) && `${containerEvents.name} for more of its history`,
    ].filter(Boolean);
    return [
      `Why is the container ${id} not running or not healthy?`,
      `Call ${containerDiagnose.name} with id ${id} first: it gives a one-line verdict and the facts behind it (exit code and its meaning, health probes, last stderr and stdout lines, recent events) in one call.`,
      ...(more.length > 0 ? [`Only if that does not settle it, use ${more.join(', or ')}.`] : []),
      'Then tell me the cause in a sentence or two, the evidence for it, and what to do about it. Change nothing (no start, stop, restart or delete) unless I ask.',
    ].join('\n');
  },
});
