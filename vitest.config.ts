import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "test/stubs/server-only.ts") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "dev/**/*.test.ts", "scripts/**/*.test.ts", "test/lint/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          globalSetup: [path.join(root, "test/global-setup.ts")],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
