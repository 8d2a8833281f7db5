import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
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
