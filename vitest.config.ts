import { defineConfig } from 'vitest/config';

/**
 * Test files of the engine tiers run in parallel, each with its own containers: 2 on CI's 2
 * cores; CONTAINER_MCP_TEST_WORKERS sets it (1 for a run next to another engine's).
 */
const ENGINE_TIER_WORKERS = Number(process.env.CONTAINER_MCP_TEST_WORKERS ?? 2);

// Tiers: unit tests (pure code and a scripted fake engine), the in-process tier (the whole
// server in the test process, both eras, a scripted engine), integration tests (a real MCP
// client spawning the built server against the real engine), the compat tier (each
// engine's known differences) and the client tier (real client libraries).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 10_000,
        },
      },
      {
        // The whole server in this process on the SDK's in-process entries, both protocol
        // eras, over a scripted engine: the pipeline and the confirmation rounds, with no
        // build and no engine (test/helpers/inprocess.ts).
        test: {
          name: 'inprocess',
          include: ['test/inprocess/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: ENGINE_TIER_WORKERS,
        },
      },
      {
        // The same tools against whichever engine DOCKER_HOST names, asserting each engine's
        // known differences: dockerd here, Podman's service in `npm run test:podman`.
        test: {
          name: 'compat',
          include: ['test/compat/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: ENGINE_TIER_WORKERS,
        },
      },
      {
        // What reaches the model: real client libraries (LangChain, the Vercel AI SDK, the
        // OpenAI Agents SDK) driving the built server over stdio, and the token budgets on a
        // busy engine (after the integration tier: its 64 containers would crowd the
        // engine-wide listings some integration tests read).
        test: {
          name: 'clients',
          include: ['test/clients/**/*.test.ts'],
          sequence: { groupOrder: 3 },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: ENGINE_TIER_WORKERS,
        },
      },
      {
        // How users install it, each from the artifact a release ships: the npm tarball (also
        // through npx and as a global install), the desktop bundle (.mcpb), the image.
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          sequence: { groupOrder: 4 },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: ENGINE_TIER_WORKERS,
        },
      },
    ],
  },
});
