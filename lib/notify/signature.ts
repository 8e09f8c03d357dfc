import "server-only";
import { createHmac } from "node:crypto";

// Machine webhooks and the SIEM webhook are signed (docs/notifications.md, "Signatures"): HMAC-SHA256 with the
// subscription's key over `<timestamp>.<body>`, sent as `Berth-Signature: t=<unix seconds>,v1=<hex>`. A receiver
// recomputes it over the raw body, compares in constant time, and refuses timestamps outside its replay window
// (5 minutes recommended). Each attempt is signed afresh, so a retry hours later still passes the window.

export const SIGNATURE_HEADER = "Berth-Signature";
export const REPLAY_WINDOW_SECONDS = 300;

export function signatureHeader(key: string, body: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", key).update(`${nowSeconds}.${body}`, "utf8").digest("hex");
  return `t=${nowSeconds},v1=${mac}`;
}
