/**
 * container://{id}{+path}: a file or directory inside a container; with several engines,
 * container://{engine}/{id}{+path}, so a URI says which engine it reads. Template variables
 * arrive percent-encoded; they are decoded exactly once here, then validated with the
 * same rules the tools use.
 */
import type { Variables } from '@modelcontextprotocol/server';
import { climbsAboveRoot, normalizeContainerPath, PathError } from '../engine/container-path.js';
import { containerId } from '../containers/inputs.js';
import { quote } from '../render/bound.js';
import { invalidResource } from './errors.js';

export const FILES_TEMPLATE = 'container://{id}{+path}';
export const ENGINE_FILES_TEMPLATE = 'container://{engine}/{id}{+path}';

export interface FileTarget {
  id: string;
  path: string;
  /** The engine named in the URI (several engines only). */
  engine?: string;
}

/**
 * The URI as the client sent it, before URL parsing resolves its dot segments away (which
 * would turn container://web/../../etc/passwd into web's /etc/passwd without a word): `..`
 * that climbs above the container's root, or no path at all, is refused here.
 */
export function checkSentUri(sent: string, several: boolean): void {
  const match = /^container:\/\/[^/?#]*([^?#]*)/i.exec(sent);
  if (!match) return; // not a container:// URI: the template match answers it
  const segments = (match[1] ?? '').split('/').slice(1);
  if (several) segments.shift(); // the container's name, after the engine's
  const example = several ? 'container://ENGINE/web/etc/hosts' : 'container://web/etc/hosts';
  if (segments.length === 0)
    throw invalidResource(
      `${quote(sent)} names no path in the container: add an absolute path, e.g. ${example} (a trailing "/" lists the root)`,
    );
  // URL parsing treats "%2e" as "." in a dot segment: so does this check.
  if (climbsAboveRoot(segments.map((segment) => segment.replace(/%2e/gi, '.'))))
    throw invalidResource(
      `path in the URI: ${quote(sent)} uses ".." to climb above the container's root "/"`,
    );
}

export function parseFileVariables(variables: Variables): FileTarget {
  const id = decodeOnce('id', variables.id);
  const checked = containerId.safeParse(id);
  if (!checked.success)
    throw invalidResource(
      `container ${quote(id)} in the URI is not a container name or id; container_list shows them`,
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
    throw invalidResource(`${name} in the URI has a broken percent-escape: ${quote(text)}`);
  }
}
