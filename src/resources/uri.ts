/**
 * container://{id}{+path}: a file or directory inside a container; with several engines,
 * container://{engine}/{id}{+path}, so a URI says which engine it reads. Template variables
 * arrive percent-encoded; they are decoded exactly once here, then validated with the
 * same rules the tools use.
 */
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { normalizeContainerPath, PathError } from '../engine/container-path.js';
import { containerId } from '../containers/inputs.js';
import { invalidResource } from './errors.js';

export const FILES_TEMPLATE = 'container://{id}{+path}';
export const ENGINE_FILES_TEMPLATE = 'container://{engine}/{id}{+path}';

export interface FileTarget {
  id: string;
  path: string;
  /** The engine named in the URI (several engines only). */
  engine?: string;
}

export function parseFileVariables(variables: Variables): FileTarget {
  const id = decodeOnce('id', variables.id);
  const checked = containerId.safeParse(id);
  if (!checked.success)
    throw invalidResource(
      `container "${id}" in the URI is not a container name or id; container_list shows them`,
    );
  const raw = decodeOnce('path', variables.path);
  const engine =
    variables.engine === undefined ? undefined : decodeOnce('engine', variables.engine);
  try {
    return {
      id: checked.data,
      path: normalizeContainerPath(raw),
      ...(engine !== undefined && { engine }),
    };
  } catch (error) {
    if (error instanceof PathError) throw invalidResource(`path in the URI: ${error.message}`);
    throw error;
  }
}

function decodeOnce(name: string, value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidResource(`${name} in the URI has a broken percent-escape: "${text}"`);
  }
}
