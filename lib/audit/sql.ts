import "server-only";
import type pg from "pg";

export type { Queryable } from "../sql";

/** A SQL text with its parameters, exactly as sent to PostgreSQL (the benchmark replays it through raw pg). */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Text taken literally in a LIKE pattern (backslash, the default escape, before \\, % and _). */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** LIKE pattern for "starts with", with the pattern characters escaped. */
export function likePrefix(prefix: string): string {
  return `${likeEscape(prefix)}%`;
}

/** LIKE pattern for "contains", with the pattern characters escaped. */
export function likeContains(text: string): string {
  return `%${likeEscape(text)}%`;
}

// Every column as text, so exports format values without building Dates or parsing JSON per row.
export const rawTextTypes = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** A `timestamptz` expression rendered as ISO 8601 UTC with milliseconds, e.g. 2026-01-02T03:04:05.678Z. */
export const isoUtc = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
