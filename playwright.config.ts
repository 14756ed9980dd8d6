import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.HEILONG_E2E_PORT ?? 3210);

// Debian's Chromium: Playwright cannot download its own browser on these machines.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    // The first start of a fresh installation creates the facilitator every other spec signs in as.
    { name: 'first-start', testMatch: 'foundation/first-start.spec.ts' },
    { name: 'features', testIgnore: 'foundation/first-start.spec.ts', dependencies: ['first-start'] },
  ],
});
