/**
 * `container-mcp --check`: what a person needs before wiring a client, on stdout. Every
 * configured engine is reached at once (address, how it was resolved, what answers, the API
 * version negotiated, its containers); then the policy in force, the tools a client would be
 * offered and a client snippet for this very command line. Exit 0 when every engine answers,
 * 1 with each failure's cause and fix otherwise, 2 when an address cannot even be resolved.
 * It changes nothing: a ping and a container list per engine.
 */
import type { Config } from '../config.js';
import { AddressError, type Engine } from '../engine/index.js';
import { countOf } from '../render/units.js';
import { remoteEngineNote } from '../safety/policy/guard-facts.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { checkEngine, type EngineReport } from './check-engine.js';
import { offeredTools, policyLines } from './check-policy.js';
import { clientSnippet } from './client-snippet.js';
import { createEngines } from './engines.js';

export interface CheckResult {
  text: string;
  code: number;
}

export async function runCheck(config: Config, argv: readonly string[]): Promise<CheckResult> {
  const heading = `${PACKAGE_NAME} ${PACKAGE_VERSION} --check: what a client would get (nothing is changed)`;
  let engines: Engine[];
  try {
    engines = createEngines(config);
  } catch (error) {
    if (!(error instanceof AddressError)) throw error;
    return {
      text: `${heading}\n\nNOT READY: ${error.message}\n`,
      code: 2,
    };
  }
  let reports: EngineReport[];
  try {
    reports = await Promise.all(
      engines.map((engine) => checkEngine(engine, config.policy.scopeLabel, config.apiVersion)),
    );
  } finally {
    await Promise.all(engines.map((engine) => engine.close()));
  }
  const several = engines.length > 1;
  const tools = offeredTools(config);
  const lines = [heading, ''];
  reports.forEach((report, index) => {
    // What the server says on stderr at start-up about an engine on another host.
    const note = remoteEngineNote(engines[index] as Engine, config.policy);
    lines.push(
      `Engine${several ? ` "${report.name}"${index === 0 ? ' (the default)' : ''}` : ''}: ${report.address}`,
      `  resolved:    ${explainSource(report.source)}`,
      ...report.lines.map((line) => `  ${line}`),
      ...(note ? [`  note:        ${note}`] : []),
      '',
    );
  });
  lines.push('Policy', ...policyLines(config).map((line) => `  ${line}`), '');
  lines.push(
    `Tools offered: ${tools.names.length}${tools.guarded > 0 ? ` (* waits for a confirmation)` : ''}${several ? '; each takes an `engine` argument' : ''}`,
    ...wrap(tools.names, 92).map((line) => `  ${line}`),
    '',
  );
  lines.push(
    'Client configuration for this command line:',
    ...clientSnippet(config, {
      argv,
      script: process.argv[1] ?? PACKAGE_NAME,
      env: process.env,
      execPath: process.execPath,
      platform: process.platform,
    }).map((line) => `  ${line}`),
    '',
  );
  const failed = reports.filter((report) => !report.ok);
  lines.push(
    failed.length === 0
      ? `READY: ${several ? `all ${engines.length} engines answer` : 'the engine answers'}.`
      : `NOT READY: ${notAnswering(failed, engines.length)}; see FAILED and fix above. The server would start, but calls to ${failed.length === 1 ? 'that engine' : 'those engines'} fail until fixed.`,
  );
  return { text: `${lines.join('\n')}\n`, code: failed.length === 0 ? 0 : 1 };
}

/** How the address was found, for a person: the resolver's short "default" spelled out. */
function explainSource(source: string): string {
  return source.startsWith('default')
    ? `${source}: nothing set (no --host, --context, DOCKER_HOST, DOCKER_CONTEXT or current context)`
    : `from ${source}`;
}

function notAnswering(failed: readonly EngineReport[], total: number): string {
  if (total === 1) return 'the engine does not answer';
  const names = failed.map((report) => `"${report.name}"`).join(', ');
  return `${failed.length} of ${countOf(total, 'engine')} ${failed.length === 1 ? 'does' : 'do'} not answer (${names})`;
}

/** Comma-separated names on lines of at most `width` characters. */
function wrap(names: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line}, ${name}`;
    if (next.length > width && line !== '') {
      lines.push(`${line},`);
      line = name;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}
