/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testTimeout: 30000,
  // Jest's default on two cores is one worker; most suites wait on HTTP, jobs and timers, so two overlap well.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
