import "server-only";

// One POST with a timeout, its outcome classified for the retry policy. Errors name a status or a network code only:
// webhook URLs carry tokens, so neither they nor the receiver's body are ever recorded or logged.

export type SendOutcome =
  | { ok: true; status: number | null }
  | { ok: false; status: number | null; error: string; retryable: boolean; retryAfterMs?: number };

export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 3_600_000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(at - Date.now(), 3_600_000));
}

export function networkError(e: unknown): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return "timeout";
  const cause = (e as { cause?: { code?: unknown } })?.cause;
  const code = (e as { code?: unknown })?.code ?? cause?.code;
  return `network error${typeof code === "string" && /^[A-Z_]{2,40}$/.test(code) ? ` ${code}` : ""}`;
}

export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
  } catch (e) {
    return { ok: false, status: null, error: networkError(e), retryable: true };
  }
  await res.body?.cancel().catch(() => {});
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return { ok: false, status: res.status, error: `HTTP ${res.status}`, retryable, retryAfterMs: retryable ? retryAfterMs(res.headers.get("retry-after")) : undefined };
}
