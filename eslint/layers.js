// The layer rule of src/ (README, "Layout"): each folder may import only the folders below
// it, at any depth, type imports included. A file in a tools/ group imports only its own
// group; tools/index.ts gathers the groups. Paths are resolved, so "../../x" and "./x" read
// the same.
import { dirname, relative, resolve, sep } from 'node:path';

/** What each layer may import besides itself. Leaves: config.ts, log.ts, version.ts. */
const LEAVES = ['config', 'log', 'version'];
const BELOW_RENDER = ['engine', ...LEAVES];
/** What server.ts puts together: everything but the command and the transports. */
const BELOW_SERVER = [
  'tools',
  'prompts',
  'resources',
  'safety',
  'containers',
  'mcp',
  'render',
  ...BELOW_RENDER,
];
export const ALLOWED = {
  cli: ['transports', 'server', ...BELOW_SERVER],
  transports: ['render', ...BELOW_RENDER],
  server: BELOW_SERVER,
  tools: ['containers', 'mcp', 'render', ...BELOW_RENDER],
  // Prompts name the tools they ask for (the tool objects, never a name in a string), and
  // complete container names as resources do.
  prompts: ['tools', 'resources', 'safety', 'containers', 'mcp', 'render', ...BELOW_RENDER],
  resources: ['safety', 'containers', 'mcp', 'render', ...BELOW_RENDER],
  safety: ['containers', 'mcp', 'render', ...BELOW_RENDER],
  containers: ['mcp', 'render', ...BELOW_RENDER],
  mcp: ['render', ...BELOW_RENDER],
  render: BELOW_RENDER,
  engine: LEAVES,
  config: ['log'],
  log: [],
  version: [],
  // The bin entry: it only starts the command.
  'cli.ts': ['cli'],
};

/** The layer of a file under src/ ("tools/lifecycle" for a tool group), or undefined outside. */
export function layerOf(srcRoot, file) {
  const parts = relative(srcRoot, file).split(sep);
  if (parts[0] === '..' || parts.length === 0) return undefined;
  if (parts.length === 1) {
    const name = parts[0].replace(/\.ts$/, '');
    return name === 'cli' ? 'cli.ts' : name;
  }
  if (parts[0] === 'tools' && parts.length > 2) return `tools/${parts[1]}`;
  return parts[0];
}

function allowed(from, to) {
  if (from === to) return true;
  const base = (layer) => layer.split('/')[0];
  // tools/index.ts gathers every group; a group never reaches into another.
  if (from === 'tools') return to.startsWith('tools/') || ALLOWED.tools.includes(to);
  if (from.startsWith('tools/')) return !to.startsWith('tools') && ALLOWED.tools.includes(to);
  return (ALLOWED[base(from)] ?? []).includes(base(to));
}

export const layersPlugin = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        docs: { description: 'Keep imports in src/ flowing down the layers' },
        schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } } }],
      },
      create(context) {
        const srcRoot = context.options[0]?.srcRoot;
        const file = context.filename;
        const from = layerOf(srcRoot, file);
        if (from === undefined) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = resolve(dirname(file), source).replace(/\.js$/, '.ts');
          const to = layerOf(srcRoot, target);
          if (to === undefined || allowed(from, to)) return;
          context.report({
            node,
            message: `${from} may not import ${to} ("${source}"): imports in src/ flow down the layers (README, "Layout")`,
          });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => check(node, node.source.value),
        };
      },
    },
  },
};
