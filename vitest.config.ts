import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` needs nothing but Node (domain, adapters with aws-sdk-client-mock, handlers, CDK
 * templates); `integration` starts one DynamoDB Local for the whole run (test/support/global-setup.ts) and
 * covers repositories, the local stack and the end-to-end flow over HTTP.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Handlers log errors on purpose in these tests; keep the output for failures.
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
          include: [
            'test/unit/**/*.test.ts',
            'test/adapters/**/*.test.ts',
            'test/functions/**/*.test.ts',
            'test/infra/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/web/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
