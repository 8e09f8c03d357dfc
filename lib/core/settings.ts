import { z } from "zod";

// The building blocks of a validated settings schema, shared by the app's configuration (lib/env.ts) and the local
// stack's (dev/tool-env.ts): empty means unset, numbers are bounded, and a bad value is named in one error.

export const emptyAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const str = () => z.preprocess(emptyAsUnset, z.string().trim());
export const optionalStr = () => z.preprocess(emptyAsUnset, z.string().trim().optional());
export const int = (def: number, min: number, max: number) =>
  z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(def),
  );

/** Every bad setting at once, each with the variable it is about; values are never echoed. */
export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function toConfigError(error: z.ZodError, source: Record<string, string | undefined>): ConfigError {
  return new ConfigError(
    error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "?");
      const missing = emptyAsUnset(source[variable]) === undefined;
      return { variable, message: missing ? "is required" : issue.message };
    }),
  );
}
