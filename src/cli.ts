#!/usr/bin/env node
/** container-mcp: flags and environment to a Config, then serve over the chosen transport. */
import { AddressError, Engine, resolveEngineAddress } from './engine/index.js';
import { helpText, parseCommandLine, UsageError } from './flags.js';
import { createLogger, type Logger } from './log.js';
import { buildServer } from './server.js';
import type { Config } from './config.js';
import { serveStdio } from './transports/stdio.js';
import { printToStdout } from './transports/stdout.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${PACKAGE_NAME}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (command.action === 'help') {
    printToStdout(helpText(PACKAGE_NAME, PACKAGE_VERSION));
    return 0;
  }
  if (command.action === 'version') {
    printToStdout(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const { config } = command;
  const log = createLogger(config.logLevel);
  let address;
  try {
    address = resolveEngineAddress({ host: config.host, context: config.context });
  } catch (error) {
    if (error instanceof AddressError) {
      log.error(error.message);
      return 2;
    }
    throw error;
  }
  const engine = new Engine(address, {
    timeoutMs: config.timeoutMs,
    userAgent: `${PACKAGE_NAME}/${PACKAGE_VERSION}`,
    ...(config.apiVersion && { apiVersion: config.apiVersion }),
  });
  log.info(`engine ${engine.displayAddress} (from ${address.source})`);

  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  if (config.http.listen) return serveOverHttp(config, engine, log, signalled);

  const server = buildServer({ config, engine, log });
  const stdio = await serveStdio(server, log);
  await Promise.race([stdio.closed, signalled]);
  await server.close().catch(() => undefined);
  await engine.close();
  return 0;
}

/** Past this, shutdown stops waiting for sessions and connections to wind down. */
const SHUTDOWN_DEADLINE_MS = 4_500;

async function serveOverHttp(
  config: Config,
  engine: Engine,
  log: Logger,
  signalled: Promise<NodeJS.Signals>,
): Promise<number> {
  // Loaded only for --http: a stdio server's start-up does not pay for it.
  const { serveHttp } = await import('./transports/http/serve.js');
  let http;
  try {
    http = await serveHttp({
      http: config.http,
      engine,
      log,
      newServer: () => buildServer({ config, engine, log }),
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log.error(error.message);
    await engine.close();
    return 2;
  }
  const signal = await signalled;
  log.info(`${signal}: shutting down (in-flight calls are cancelled)`);
  const deadline = setTimeout(() => {
    log.warn(`shutdown took over ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway`);
    process.exit(0);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  await http.close();
  await engine.close();
  return 0;
}

main(process.argv.slice(2)).then(
  // Exit once stdout has drained: a piped --help must not be cut short.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(
      `${PACKAGE_NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
