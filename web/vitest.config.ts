import { defineConfig } from 'vitest/config';

/** The web's own unit tests (pure TypeScript: translations, helpers); run with `npm test -w web`. */
export default defineConfig({
  test: {
    name: 'web',
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
  },
});
