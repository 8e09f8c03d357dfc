import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline-safe schema engine: Prisma's own engine compiled to Wasm behind a stdio shim
// (scripts/prisma-schema-engine.mjs, ADR 002). A machine with the native binary can still
// point PRISMA_SCHEMA_ENGINE_BINARY at it: an explicit setting wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/prisma-schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Tools only; the application reads DATABASE_URL through lib/env.ts. `prisma generate` needs no database. Migrations
  // run as the role that owns the schema: DATABASE_MIGRATION_URL, or DATABASE_URL where one URL serves both.
  datasource: { url: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || "postgresql://localhost:5432/berth" },
});
