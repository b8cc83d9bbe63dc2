import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run hundreds of cases; shared CI machines can be slow.
    testTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: {
      provider: 'v8',
      include: ['shared/**', 'functions/**', 'cli/**', 'scripts/**'],
      reporter: ['text-summary', 'text'],
      // The floor: today's level. A change that lowers it fails `npm test`.
      thresholds: { statements: 97, branches: 88, functions: 97, lines: 97 },
    },
  },
});
