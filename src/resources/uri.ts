/**
 * container://{id}{+path}: a file or directory inside a container. Template variables
 * arrive percent-encoded; they are decoded exactly once here, then validated with the
 * same rules the tools use.
 */
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { normalizeContainerPath, PathError } from '../engine/container-path.js';
import { containerId } from '../tools/schemas.js';
import { invalidResource } from './errors.js';

export const FILES_TEMPLATE = 'container://{id}{+path}';

/** The URI of `path` in container `id`, every segment percent-encoded. */
export function fileUri(id: string, path: string): string {
  return `container://${encodeURIComponent(id)}${path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')}`;
}

export interface FileTarget {
  id: string;
  path: string;
}

export function parseFileVariables(variables: Variables): FileTarget {
  const id = decodeOnce('id', variables.id);
  const checked = containerId.safeParse(id);
  if (!checked.success)
    throw invalidResource(
      `container "${id}" in the URI is not a container name or id; container_list shows them`,
    );
  const raw = decodeOnce('path', variables.path);
  try {
    return { id: checked.data, path: normalizeContainerPath(raw) };
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
