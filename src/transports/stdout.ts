import { format } from 'node:util';

/**
 * The only module besides the stdio transport that writes to stdout: --help and --version
 * print here before any transport starts. While serving stdio, stdout carries protocol only.
 */
export function printToStdout(text: string): void {
  process.stdout.write(text);
}

/**
 * Send console.log/info/debug to stderr: a dependency that logs to stdout would corrupt the
 * stdio protocol stream.
 */
export function guardStdout(): void {
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(`${format(...args)}\n`);
  };
  /* eslint-disable no-console -- rebinding console is the point here */
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  /* eslint-enable no-console */
}

/** Run `then` once everything written to stdout has been flushed (a piped --help). */
export function afterStdoutDrains(then: () => void): void {
  process.stdout.write('', then);
}
