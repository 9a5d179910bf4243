import { defineConfig } from 'vitest/config';

/**
 * Test files of the engine tiers run in parallel, each with its own containers: 2 on CI's 2
 * cores. .ci/run runs one tier per engine at once and gives each 1 (CONTAINER_MCP_TEST_WORKERS).
 */
const ENGINE_TIER_WORKERS = Number(process.env.CONTAINER_MCP_TEST_WORKERS ?? 2);

// Two tiers: unit tests (pure code and a scripted fake engine) and integration tests (a
// real MCP client spawning the built server against the real engine).
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
    ],
  },
});
