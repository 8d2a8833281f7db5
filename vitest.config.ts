import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // Timeouts guard against hangs; they are not performance assertions. Some unit tests start openssl or
          // the CLI, or type-check generated code: seconds each, several times that on 2 cores running another
          // test suite beside this one.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          include: [
            "generator/test/**/*.test.ts",
            "runtime/test/**/*.test.ts",
            "test/packages/**/*.test.ts",
            "test/faults/**/*.test.ts",
            "test/fuzz/**/*.test.ts",
            "test/hostile/**/*.test.ts",
            "test/corpus/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts", "test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/prism-setup.ts"],
          // Starting every Prism mock, building the docs site and starting Chromium happen once per run, in
          // hooks: on a loaded 2-core machine they take tens of seconds.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
