/**
 * The resources the server offers: container files, container://{id}{+path}, or
 * container://{engine}/{id}{+path} when the server has several engines. Prepared once per
 * process (the template, its listing, the handlers' closures), registered on every server
 * instance: resources/list, resources/templates/list, resources/read (and, through the
 * server's one completion handler, the template's arguments).
 */
import {
  UriTemplate,
  type CompleteResult,
  type ListResourcesResult,
  type ReadResourceResult,
  type ResourceTemplateType,
  type Server,
} from '@modelcontextprotocol/server';
import type { Config } from '../config.js';
import type { Engine, EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import { completeContainerId, completePath, listContainerRoots, quietly } from './complete.js';
import { asResourceErrors, invalidResource, resourceNotFound } from './errors.js';
import { readContainerPath } from './read.js';
import { quote } from '../render/bound.js';
import { checkSentUri, ENGINE_FILES_TEMPLATE, FILES_TEMPLATE, parseFileVariables } from './uri.js';

export interface ResourcesHost {
  engines: EngineRegistry;
  config: Config;
  log: Logger;
}

export interface PreparedResources {
  template: ResourceTemplateType;
  list(signal: AbortSignal): Promise<ListResourcesResult>;
  read(sent: string, signal: AbortSignal): Promise<ReadResourceResult>;
  complete(
    uri: string,
    argument: string,
    value: string,
    context: Readonly<Record<string, string>>,
  ): Promise<CompleteResult>;
}

/** Completion answers: at most this many values (the spec's limit). */
const COMPLETIONS = 100;

export function prepareResources(host: ResourcesHost): PreparedResources {
  const { engines } = host;
  const scope = host.config.policy.scopeLabel;
  const uriTemplate = engines.several ? ENGINE_FILES_TEMPLATE : FILES_TEMPLATE;
  const template = new UriTemplate(uriTemplate);
  const example = engines.several
    ? `container://<engine>/<name or id>/<absolute path>, e.g. container://${engines.default.name}/web/etc/nginx/nginx.conf (engines: ${engines.names.join(', ')})`
    : 'container://<name or id>/<absolute path>, e.g. container://web/etc/nginx/nginx.conf';
  const named = (name: string | undefined): Engine => {
    if (name === undefined) return engines.default;
    const engine = engines.find(name);
    if (!engine)
      throw invalidResource(
        `unknown engine "${name}" in the URI; this server has ${engines.names.map((n) => `"${n}"`).join(', ')}: container://ENGINE/CONTAINER/PATH`,
      );
    return engine;
  };
  const completers: Record<
    string,
    (value: string, context: Readonly<Record<string, string>>) => Promise<string[]>
  > = {
    ...(engines.several && {
      engine: (value) => Promise.resolve(engines.names.filter((name) => name.startsWith(value))),
    }),
    id: (value, context) =>
      quietly(host.log, 'id', () => completeContainerId(named(context.engine), scope, value)),
    path: (value, context) =>
      quietly(host.log, 'path', () =>
        completePath(named(context.engine), scope, context.id, value),
      ),
  };
  return {
    template: {
      name: 'container-files',
      uriTemplate,
      title: 'Container files',
      description:
        `A file or directory inside a container: ${example}. ` +
        `Files come back as text (UTF-8) or base64 up to --max-file-bytes; directories as a listing (text and JSON). Works on stopped containers too.`,
    },
    list: (signal) => asResourceErrors(() => listContainerRoots(engines, scope, signal)),
    // The URI is checked as sent, before URL parsing resolves its ".." segments away.
    read: (sent, signal) =>
      asResourceErrors(() => {
        checkSentUri(sent, engines.several);
        let uri: URL;
        try {
          uri = new URL(sent);
        } catch {
          throw invalidResource(`${quote(sent)} is not a URI; use ${example}`);
        }
        const variables = template.match(uri.toString());
        // Not one of ours: not found (the spec's answer to an unknown URI), with the form.
        if (!variables) throw resourceNotFound(`no resource ${quote(sent)}: use ${example}`);
        const target = parseFileVariables(variables);
        const engine = named(target.engine);
        return readContainerPath({ engine, config: host.config }, uri.href, target, signal);
      }, sent),
    async complete(uri, argument, value, context) {
      const complete = uri === uriTemplate ? completers[argument] : undefined;
      return completionOf(complete ? await complete(value, context) : []);
    },
  };
}

/** A completion answer: at most 100 values, and how many there were. */
export function completionOf(values: readonly string[]): CompleteResult {
  return {
    completion: {
      values: values.slice(0, COMPLETIONS),
      total: values.length,
      hasMore: values.length > COMPLETIONS,
    },
  };
}

export function registerResourceHandlers(server: Server, resources: PreparedResources): void {
  server.setRequestHandler('resources/list', (_request, ctx) => resources.list(ctx.mcpReq.signal));
  server.setRequestHandler('resources/templates/list', () => ({
    resourceTemplates: [resources.template],
  }));
  server.setRequestHandler('resources/read', (request, ctx) =>
    resources.read(request.params.uri, ctx.mcpReq.signal),
  );
}
