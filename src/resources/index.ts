/** The resources the server offers: container files (container://{id}{+path}). */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../log.js';
import { completeContainerId, completePath, listContainerRoots } from './complete.js';
import { asResourceErrors } from './errors.js';
import { readContainerPath, type FilesHost } from './read.js';
import { FILES_TEMPLATE, parseFileVariables } from './uri.js';

export function registerResources(server: McpServer, host: FilesHost & { log: Logger }): void {
  const quietly = async (what: string, work: () => Promise<string[]>): Promise<string[]> => {
    try {
      return await work();
    } catch (error) {
      // A completion is a hint: a stopped engine or a typo yields no suggestions, not an error.
      host.log.debug(`completion of ${what} failed`, error);
      return [];
    }
  };
  const scope = host.config.policy.scopeLabel;
  const template = new ResourceTemplate(FILES_TEMPLATE, {
    list: (extra) => asResourceErrors(() => listContainerRoots(host.engine, scope, extra.signal)),
    complete: {
      id: (value) => quietly('id', () => completeContainerId(host.engine, scope, value)),
      path: (value, context) =>
        quietly('path', () => completePath(host.engine, scope, context?.arguments?.id, value)),
    },
  });
  server.registerResource(
    'container-files',
    template,
    {
      title: 'Container files',
      description:
        'A file or directory inside a container: container://<name or id>/<absolute path>, e.g. container://web/etc/nginx/nginx.conf. ' +
        `Files come back as text (UTF-8) or base64 up to --max-file-bytes; directories as a listing (text and JSON). Works on stopped containers too.`,
    },
    (uri, variables, extra) =>
      asResourceErrors(() =>
        readContainerPath(host, uri.href, parseFileVariables(variables), extra.signal),
      ),
  );
}
