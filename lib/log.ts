import "server-only";
import pino from "pino";
import { env } from "./env";

// The one logger: JSON lines on stdout (pino), one object per entry with `level`, `time`, `msg`, the process's
// `component` (web, worker) and whatever ids the caller adds (`requestId`, `jobId`). Callers pass ids, names and
// states, never a secret; keys that name secrets are censored anyway as a second line of defence.

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same logger with `fields` on every entry (a job's id, a request's id). */
  child(fields: LogFields): Logger;
}

/** Keys whose values never reach a log line, at the top level and one level down. */
const SECRET_KEYS = ["secret", "password", "token", "authorization", "cookie", "ciphertext", "accessToken", "refreshToken", "idToken", "clientSecret"];
const REDACT = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)];

function wrap(p: pino.Logger): Logger {
  return {
    debug: (message, fields) => p.debug(fields ?? {}, message),
    info: (message, fields) => p.info(fields ?? {}, message),
    warn: (message, fields) => p.warn(fields ?? {}, message),
    error: (message, fields) => p.error(fields ?? {}, message),
    child: (fields) => wrap(p.child(fields)),
  };
}

export interface LoggerOptions {
  component: string;
  level?: LogLevel;
  /** Where the lines go; default stdout, written synchronously so nothing is lost at exit. */
  destination?: pino.DestinationStream;
}

export function createLogger({ component, level = "info", destination }: LoggerOptions): Logger {
  const p = pino(
    {
      level,
      base: { component },
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return wrap(p);
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

const KEY = Symbol.for("berth.logger");
const store = globalThis as unknown as { [KEY]?: Logger };

function configuredLevel(): LogLevel {
  try {
    return env().BERTH_LOG_LEVEL;
  } catch {
    return "info"; // a bad configuration is reported by start-up itself, through this logger
  }
}

/** The process-wide logger: component "web" unless the process set its own (the worker says "worker"); BERTH_LOG_LEVEL. */
export function logger(): Logger {
  store[KEY] ??= createLogger({ component: "web", level: configuredLevel() });
  return store[KEY];
}

/** Sets the process-wide logger (at start-up, once the configuration is read). */
export function setLogger(log: Logger): Logger {
  store[KEY] = log;
  return log;
}

/** A one-line, secret-free description of an error for a log field: its name and, for our own errors, its message. */
export function errorField(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : "unknown error";
}
