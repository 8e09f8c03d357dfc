import type pg from "pg";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function timed(work: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    // Only a short, non-sensitive reason: connection strings and credentials stay out of the answer.
    const code = (e as { code?: string }).code;
    const reason = code === "ECONNREFUSED" ? "connection refused" : code ? `error ${code}` : e instanceof Error && e.message.startsWith("no answer") ? e.message : "unreachable";
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: reason };
  } finally {
    clearTimeout(timer);
  }
}

export function checkDatabase(pool: pg.Pool, timeoutMs = 2_000): Promise<CheckResult> {
  return timed(() => pool.query("select 1"), timeoutMs);
}

export function checkHarbor(ping: () => Promise<unknown>, timeoutMs = 3_000): Promise<CheckResult> {
  return timed(ping, timeoutMs);
}
