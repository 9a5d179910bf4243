/**
 * The resources the server offers: container files, container://{id}{+path}, or
 * container://{engine}/{id}{+path} when the server has several engines.
 */
import {
  ResourceTemplate,
  type McpServer,
  type ReadResourceTemplateCallback,
} from '@modelcontextprotocol/sdk/server/mcp.js';
import { ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Config } from '../config.js';
import type { Engine, EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import { completeContainerId, completePath, listContainerRoots } from './complete.js';
import { asResourceErrors, invalidResource } from './errors.js';
import { readContainerPath } from './read.js';
import { quote } from '../render/bound.js';
import { checkSentUri, ENGINE_FILES_TEMPLATE, FILES_TEMPLATE, parseFileVariables } from './uri.js';

export interface ResourcesHost {
  engines: EngineRegistry;
  config: Config;
  log: Logger;
}

export function registerResources(server: McpServer, host: ResourcesHost): void {
  const { engines } = host;
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
  const named = (name: string | undefined): Engine => {
    if (name === undefined) return engines.default;
    const engine = engines.find(name);
    if (!engine)
      throw invalidResource(
        `unknown engine "${name}" in the URI; this server has ${engines.names.map((n) => `"${n}"`).join(', ')}: container://ENGINE/CONTAINER/PATH`,
      );
    return engine;
  };
  const template = new ResourceTemplate(engines.several ? ENGINE_FILES_TEMPLATE : FILES_TEMPLATE, {
    list: (extra) => asResourceErrors(() => listContainerRoots(engines, scope, extra.signal)),
    complete: {
      ...(engines.several && {
        engine: (value: string) => engines.names.filter((name) => name.startsWith(value)),
      }),
      id: (value, context) =>
        quietly('id', () => completeContainerId(named(context?.arguments?.engine), scope, value)),
      path: (value, context) =>
        quietly('path', () =>
          completePath(named(context?.arguments?.engine), scope, context?.arguments?.id, value),
        ),
    },
  });
  const example = engines.several
    ? `container://<engine>/<name or id>/<absolute path>, e.g. container://${engines.default.name}/web/etc/nginx/nginx.conf (engines: ${engines.names.join(', ')})`
    : 'container://<name or id>/<absolute path>, e.g. container://web/etc/nginx/nginx.conf';
  const read: ReadResourceTemplateCallback = (uri, variables, extra) =>
    asResourceErrors(() => {
      const target = parseFileVariables(variables);
      const engine = named(target.engine);
      return readContainerPath({ engine, config: host.config }, uri.href, target, extra.signal);
    });
  server.registerResource(
    'container-files',
    template,
    {
      title: 'Container files',
      description:
        `A file or directory inside a container: ${example}. ` +
        `Files come back as text (UTF-8) or base64 up to --max-file-bytes; directories as a listing (text and JSON). Works on stopped containers too.`,
    },
    read,
  );
  // The SDK's own read handler sees the URI only after URL parsing has resolved its ".."
  // segments: this one checks the URI as sent, then matches the template as the SDK does.
  server.server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const sent = request.params.uri;
    checkSentUri(sent, engines.several);
    let uri: URL;
    try {
      uri = new URL(sent);
    } catch {
      throw invalidResource(`${quote(sent)} is not a URI; use ${example}`);
    }
    const variables = template.uriTemplate.match(uri.toString());
    if (!variables) throw invalidResource(`no resource ${quote(sent)}: use ${example}`);
    return read(uri, variables, extra);
  });
}
