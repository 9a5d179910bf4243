/** How the server talks about itself: the log level on stderr, the change streams it keeps. */
import { UsageError } from '../config.js';
import { LOG_LEVELS, type LogLevel } from '../log.js';
import { didYouMean } from '../render/suggest.js';
import { positiveInteger, str, type Flag } from './flag-values.js';

export const OUTPUT_FLAGS: Flag[] = [
  {
    name: 'log-level',
    type: 'string',
    value: 'LEVEL',
    group: 'Output',
    help: `Log verbosity on stderr: ${LOG_LEVELS.join(', ')} (default info)`,
    apply: (config, value) => {
      const level = str(value) as LogLevel;
      if (!LOG_LEVELS.includes(level)) {
        throw new UsageError(
          `--log-level "${str(value)}" is not one of ${LOG_LEVELS.join(', ')}${didYouMean(str(value), LOG_LEVELS)}`,
        );
      }
      config.logLevel = level;
    },
  },
  {
    name: 'max-subscriptions',
    type: 'string',
    value: 'N',
    group: 'Output',
    help: 'Change streams (subscriptions/listen, 2026-07-28 clients) open at once, over stdio or HTTP (default 64); past it a new one is refused',
    apply: (config, value) =>
      (config.maxSubscriptions = positiveInteger('max-subscriptions', str(value))),
  },
];
