import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,native,renderer,sync-server,apps}/**/src/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
