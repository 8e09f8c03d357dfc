import "server-only";
import { randomBytes } from "node:crypto";

// The browser-side defences every answer carries (issue 10, section 7): scripts run only when they carry this
// answer's nonce, no page may be framed, and a portal served over https tells browsers to stay on https.

/** A fresh nonce for one answer: 128 random bits. */
export const newNonce = () => randomBytes(16).toString("base64");

export interface PolicyOptions {
  /** the IdP's origin: the sign-out form ends at its end_session_endpoint, and browsers check form targets' redirects */
  idpOrigin: string;
  /** `next dev` evaluates code for its error overlay and talks over a WebSocket */
  dev: boolean;
}

/**
 * The Content-Security-Policy of one answer. Next.js reads the nonce from this header on the request and puts it on
 * every script it renders. Styles stay 'unsafe-inline': React writes style attributes, which nonces cannot cover.
 */
export function contentSecurityPolicy(nonce: string, { idpOrigin, dev }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${idpOrigin}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Strict-Transport-Security for a portal whose public address is https (TLS often ends at the ingress); else none. */
export function strictTransportSecurity(publicUrl: string): string | null {
  return publicUrl.startsWith("https://") ? "max-age=31536000" : null;
}
