/**
 * The command: flags and environment to a Config, the engines, then serve over the chosen
 * transport until a signal or the end of stdin; shutdown within a deadline.
 */
import { AddressError, EngineRegistry } from '../engine/index.js';
import { UsageError, type Config } from '../config.js';
import { runCheck } from './check.js';
import { createEngines } from './engines.js';
import { helpText } from './help.js';
import { parseCommandLine } from './parse.js';
import { createLogger, type Logger } from '../log.js';
import { remoteEngineNote } from '../safety/policy/guard-facts.js';
import { buildServer } from '../server/build.js';
import { changeBus, ConnectionFeed } from '../server/changes.js';
import { prepareServer, type Prepared } from '../server/table.js';
import { statelessNote } from '../safety/confirm/stateless.js';
import { serveStdio } from '../transports/stdio.js';
import { afterStdoutDrains, printToStdout } from '../transports/stdout.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';

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
  if (command.action === 'check') {
    const { text, code } = await runCheck(config, argv);
    printToStdout(text);
    return code;
  }
  const log = createLogger(config.logLevel);
  let engines: EngineRegistry;
  try {
    engines = new EngineRegistry(createEngines(config));
  } catch (error) {
    if (error instanceof AddressError) {
      log.error(error.message);
      return 2;
    }
    throw error;
  }
  for (const engine of engines.all)
    log.info(
      `engine ${engines.several ? `"${engine.name}" ` : ''}${engine.displayAddress} (from ${engine.address.source})`,
    );
  for (const engine of engines.all) {
    const note = remoteEngineNote(engine, config.policy);
    if (note) log.warn(note);
  }

  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // The tool table, schemas, pipeline and resources: once per process, whatever the transport.
  const prepared = prepareServer({ config, engines, log });
  if (config.http.listen) return serveOverHttp(config, prepared, log, signalled);

  // A 2026-07-28 client may listen for container changes on this connection.
  const feed = new ConnectionFeed(prepared.changes, log);
  const stdio = serveStdio(
    ({ era }) => {
      const server = buildServer(prepared, { era });
      log.debug(`stdio: a ${era === 'modern' ? '2026-07-28' : '2025-era'} client`);
      if (era === 'modern') feed.serve(server);
      return server;
    },
    log,
    { maxSubscriptions: config.maxSubscriptions, onListening: (active) => feed.listening(active) },
  );
  await Promise.race([stdio.closed, signalled]);
  await stdio.close().catch(() => undefined);
  prepared.changes.stop();
  await engines.close();
  return 0;
}

/** Past this, shutdown stops waiting for sessions and connections to wind down. */
const SHUTDOWN_DEADLINE_MS = 4_500;

async function serveOverHttp(
  config: Config,
  prepared: Prepared,
  log: Logger,
  signalled: Promise<NodeJS.Signals>,
): Promise<number> {
  const { engines } = prepared.host;
  // Loaded only for --http: a stdio server's start-up does not pay for it.
  const { serveHttp } = await import('../transports/http/serve.js');
  // Before the URL: an operator reads what protection remains before anyone connects.
  const note = config.http.stateless ? statelessNote(config.confirm) : undefined;
  if (note !== undefined) log.warn(note);
  let http;
  try {
    http = await serveHttp({
      http: config.http,
      engine: engines.default,
      log,
      newServer: ({ authInfo, era, stateless }) =>
        buildServer(prepared, { era, ...(authInfo && { authInfo }) }, { stateless }),
      bus: changeBus(prepared.changes, log),
      maxSubscriptions: config.maxSubscriptions,
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log.error(error.message);
    await engines.close();
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
  prepared.changes.stop();
  await engines.close();
  return 0;
}

/** Run the command with these arguments, then exit with its code once stdout has drained. */
export function runCommand(argv: readonly string[]): void {
  main(argv).then(
    // Exit once stdout has drained: a piped --help must not be cut short.
    (code) => afterStdoutDrains(() => process.exit(code)),
    (error: unknown) => {
      process.stderr.write(
        `${PACKAGE_NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
