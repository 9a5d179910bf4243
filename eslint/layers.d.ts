/** Types of ./layers.js, for the tests that exercise the rule. */
import type { ESLint } from 'eslint';

export const ALLOWED: Record<string, string[]>;
export function layerOf(srcRoot: string, file: string): string | undefined;
export const layersPlugin: ESLint.Plugin;
