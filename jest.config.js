/**
 * Unit tests sit next to the code; end-to-end tests in test/ boot the real app on a real database.
 * package.json runs Jest with --experimental-vm-modules because PGlite (the embedded database) loads
 * its WebAssembly through import(), which Jest's module sandbox allows only with that flag.
 */
const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: { '^@hotseat/(.*)$': '<rootDir>/libs/$1/src' },
  // Decorators (class-transformer, Nest) read metadata through it, as main.ts provides in the app.
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
    // Pages in Debian's Chromium: `npm run test:browser`.
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60_000,
};
