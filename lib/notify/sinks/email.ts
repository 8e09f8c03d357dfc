import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpConfig } from "../config";
import { absolute, PREFERENCES_PATH, renderEmail, type StoredMessage } from "../render";
import { networkError, type SendOutcome } from "./http";

// Email over SMTP with nodemailer: one message per recipient, text and HTML, a Message-ID fixed per delivery (a retry
// after an unknown outcome carries the same id, so mail systems can drop the copy), List-Unsubscribe on optional ones.

export interface EmailSender {
  send(delivery: { id: string; address: string; optional: boolean }, message: StoredMessage): Promise<SendOutcome>;
  close(): void;
}

export function createEmailSender(smtp: SmtpConfig, baseUrl: string, timeoutMs: number): EmailSender {
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
      const email = renderEmail(message, baseUrl, delivery.optional);
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
            ...(delivery.optional ? { "List-Unsubscribe": `<${absolute(baseUrl, PREFERENCES_PATH)}>` } : {}),
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
