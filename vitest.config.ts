import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // Some unit tests start openssl or the CLI, or type-check generated code: seconds each on 2 loaded cores.
          testTimeout: 20_000,
          include: [
            "generator/test/**/*.test.ts",
            "runtime/test/**/*.test.ts",
            "test/packages/**/*.test.ts",
            "test/faults/**/*.test.ts",
            "test/fuzz/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts", "test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/prism-setup.ts"],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
