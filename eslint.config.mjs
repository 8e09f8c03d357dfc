import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".image/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "scripts/prisma-schema-engine.mjs", "next-env.d.ts", "lib/harbor/generated/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // process.env is read in lib/env.ts only (ADR 001)
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    files: ["lib/env.ts", "prisma.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];
export default config;
