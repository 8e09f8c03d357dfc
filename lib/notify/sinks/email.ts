import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpConfig } from "../config";
import { renderEmail, type StoredMessage } from "../render";
import { unsubscribeUrl } from "../unsubscribe-token";
import { networkError, type SendOutcome } from "./http";

// Email over SMTP with nodemailer: one message per recipient, text and HTML, a Message-ID fixed per delivery (a retry
// after an unknown outcome carries the same id, so mail systems can drop the copy). Optional ones carry a one-click
// unsubscribe link for their recipient and kind (RFC 8058): `List-Unsubscribe` with that one https link (the RFC allows
// no second one; the profile's link is in the footer) and `List-Unsubscribe-Post`, which tells mail providers that a
// POST to it unsubscribes, so they can offer their own button.

export interface EmailSender {
  /** `personId`: the recipient, whom an optional email's unsubscribe link names. */
  send(delivery: { id: string; address: string; optional: boolean; personId: string | null }, message: StoredMessage): Promise<SendOutcome>;
  close(): void;
}

export function createEmailSender(smtp: SmtpConfig, baseUrl: string, timeoutMs: number, unsubscribeKey: string): EmailSender {
  const transport: Transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    ignoreTLS: smtp.security === "none",
    requireTLS: smtp.security === "starttls",
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    pool: true,
    maxConnections: 8,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  const domain = new URL(baseUrl).hostname || "berth";
  return {
    async send(delivery, message) {
      const unsubscribe = delivery.optional && delivery.personId ? unsubscribeUrl(baseUrl, unsubscribeKey, delivery.personId, message.kind) : null;
      const email = renderEmail(message, baseUrl, delivery.optional, unsubscribe);
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to: delivery.address,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: `<${delivery.id}@${domain}>`,
          headers: {
            "X-Berth-Message-Kind": message.kind,
            "X-Berth-Message-Id": message.id,
            ...(unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
          },
        });
        const code = /^(\d{3})/.exec(String(info.response ?? ""))?.[1];
        return { ok: true, status: code ? Number(code) : null };
      } catch (e) {
        const responseCode = (e as { responseCode?: unknown }).responseCode;
        if (typeof responseCode === "number") {
          // 4xx is the server's "try later", 5xx its "never"
          return { ok: false, status: responseCode, error: `SMTP ${responseCode}`, retryable: responseCode < 500 };
        }
        return { ok: false, status: null, error: networkError(e).replace("network error", "SMTP connection failed"), retryable: true };
      }
    },
    close: () => transport.close(),
  };
}
