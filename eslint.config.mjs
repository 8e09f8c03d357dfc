import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import berth from "./eslint-rules/layers.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".image/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "scripts/prisma-schema-engine.mjs", "next-env.d.ts", "lib/harbor/generated/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // process.env is read in lib/env.ts only (ADR 001); the local stack's own settings in dev/tool-env.ts
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    files: ["lib/env.ts", "dev/tool-env.ts", "prisma.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // the layering of docs/architecture.md, from layers.config.mjs; tests may reach across layers
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    plugins: { berth },
    rules: { "berth/layers": "error" },
  },
];
export default config;
