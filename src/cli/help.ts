/** --help: every flag from the one table, grouped, and the environment variables. */
import { SSH_COMMAND_ENV } from '../engine/ssh.js';
import { CONFIRM_SECRET_ENV } from './confirm-flags.js';
import { FLAGS } from './flags.js';
import { TOKEN_ENV } from './http-flags.js';

export function helpText(name: string, version: string): string {
  const lines = [
    `${name} ${version}: an MCP server for Docker Engine containers`,
    '',
    `Usage: ${name} [flags]                     serve MCP over stdio`,
    `       ${name} --http [HOST:]PORT [flags]  serve MCP over Streamable HTTP at /mcp`,
    `       ${name} --check [flags]             check every engine and show what a client would get`,
    '',
  ];
  const groups = [...new Set(FLAGS.map((flag) => flag.group))];
  for (const group of groups) {
    lines.push(`${group}:`);
    for (const flag of FLAGS.filter((f) => f.group === group)) {
      const left = `  --${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
      const env = flag.env ? ` [${flag.env}${flag.multiple ? ': one' : ''}]` : '';
      lines.push(`${left.padEnd(30)} ${flag.help}${flag.multiple ? ' (repeatable)' : ''}${env}`);
    }
    lines.push('');
  }
  lines.push(
    'Other:',
    `${'  --check'.padEnd(30)} Connect to every engine, print each one's version, the policy, the tools and a client snippet; exit 1 when an engine does not answer`,
    `${'  --help'.padEnd(30)} Show this help`,
    `${'  --version'.padEnd(30)} Print the version`,
    '',
    'Environment: DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,',
    'resolved as the Docker CLI does. Logs go to stderr; stdout carries only the MCP protocol.',
    `${TOKEN_ENV}: the HTTP bearer token (as --token).`,
    `${SSH_COMMAND_ENV}: the ssh command for ssh:// engines (default "ssh"; split on spaces, no shell).`,
    'A flag shown with [VARIABLE] is also read from that variable when the command line does not give it',
    '(desktop bundles, extension settings, docker run -e): true or false for a switch; empty means unset.',
    `${CONFIRM_SECRET_ENV}: the key that signs confirmation tokens (as --confirm-secret); give every process the same one when a CLI starts a server per call.`,
  );
  return lines.join('\n') + '\n';
}
