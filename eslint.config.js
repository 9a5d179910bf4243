// Type-aware lint rules: the ones that catch real bugs in an async server
// (floating promises, misused promises, any leaking in) plus the layer rules:
// imports in src/ flow down the layers at every depth (./eslint/layers.js), engine/ knows
// nothing of MCP, and only engine/ talks to undici.
import js from '@eslint/js';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

const srcRoot = join(import.meta.dirname, 'src');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: {
      'no-console': 'error',
      'layers/imports': ['error', { srcRoot }],
      'no-restricted-properties': [
        'error',
        {
          object: 'AbortSignal',
          property: 'timeout',
          message:
            'Use deadlineSignal (src/engine/deadline.ts): on Node 20 a garbage collection loses an AbortSignal.timeout held only by AbortSignal.any, and its deadline never comes.',
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@modelcontextprotocol/*', 'zod'],
              message:
                'engine/ is the Docker client: it knows nothing of MCP or the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/tools/**/*.ts',
      'src/resources/**/*.ts',
      'src/render/**/*.ts',
      'src/safety/**/*.ts',
      'src/containers/**/*.ts',
      'src/mcp/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'undici', message: 'Talk to the engine through src/engine/, not undici.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
