import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// The local stand-in for a mail server and for chat webhooks (npm run dev): catches every email Berth sends and every
// POST to /hooks/<name>, keeps them in memory, and shows them on a small page. JSON at /api/messages and /api/hooks.

export interface CaughtMail {
  id: number;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  listUnsubscribe: string | null;
  messageId: string | null;
  receivedAt: string;
}

export interface CaughtHook {
  id: number;
  name: string;
  body: unknown;
  receivedAt: string;
}

export interface MailCatcher {
  smtpPort: number;
  url: string;
  mails: CaughtMail[];
  hooks: CaughtHook[];
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Links in an escaped text part, clickable (the demo's mailbox is where one follows them). */
const linkify = (escaped: string) => escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#0f172a}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}pre{white-space:pre-wrap;background:#f1f5f9;padding:.75rem}a{color:#1d4ed8}</style></head>
<body><main>${body}</main></body></html>`;
}

export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const mails: CaughtMail[] = [];
  const hooks: CaughtHook[] = [];
  let next = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    banner: "Berth demo mail catcher",
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
          const unsubscribe = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line.replace(/^List-Unsubscribe:\s*/i, "") ?? null;
          mails.push({ id: next++, to, from: mail.from?.text ?? "", subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : null, listUnsubscribe: unsubscribe, messageId: mail.messageId ?? null, receivedAt: new Date().toISOString() });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://catcher");
    const send = (status: number, type: string, body: string) => res.writeHead(status, { "content-type": type }).end(body);
    if (req.method === "POST" && url.pathname.startsWith("/hooks/")) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        let body: unknown = Buffer.concat(chunks).toString("utf8");
        try {
          body = JSON.parse(body as string);
        } catch {
          // kept as text
        }
        hooks.push({ id: next++, name: decodeURIComponent(url.pathname.slice("/hooks/".length)), body, receivedAt: new Date().toISOString() });
        send(200, "text/plain", "ok");
      });
      return;
    }
    if (url.pathname === "/api/messages") {
      const to = url.searchParams.get("to");
      return send(200, "application/json", JSON.stringify(to ? mails.filter((m) => m.to.includes(to)) : mails));
    }
    if (url.pathname === "/api/hooks") return send(200, "application/json", JSON.stringify(hooks));
    const one = /^\/messages\/(\d+)$/.exec(url.pathname);
    if (one) {
      const mail = mails.find((m) => m.id === Number(one[1]));
      if (!mail) return send(404, "text/html", page("Not found", "<p>No such message. <a href=\"/\">All messages</a></p>"));
      return send(
        200,
        "text/html",
        page(
          mail.subject,
          `<p><a href="/">All messages</a></p><h1>${esc(mail.subject)}</h1><p>To ${esc(mail.to.join(", "))} · ${esc(mail.receivedAt)}${mail.listUnsubscribe ? ` · List-Unsubscribe ${esc(mail.listUnsubscribe)}` : ""}</p>
${mail.html ? `<iframe title="HTML part" sandbox="allow-popups allow-top-navigation-by-user-activation" srcdoc="${esc(mail.html)}" style="width:100%;height:22rem;border:1px solid #e2e8f0"></iframe>` : ""}<h2>Text part</h2><pre>${linkify(esc(mail.text))}</pre>`,
        ),
      );
    }
    if (url.pathname === "/") {
      const rows = [...mails].reverse().map((m) => `<tr><td>${esc(m.receivedAt.slice(11, 19))}</td><td>${esc(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${esc(m.subject)}</a></td></tr>`);
      const hookRows = [...hooks].reverse().map((h) => `<tr><td>${esc(h.receivedAt.slice(11, 19))}</td><td>${esc(h.name)}</td><td><pre>${esc(JSON.stringify(h.body, null, 2).slice(0, 2000))}</pre></td></tr>`);
      return send(
        200,
        "text/html",
        page(
          "Berth demo mailbox",
          `<h1>Berth demo mailbox</h1><p>Every email Berth sends while the demo runs, newest first (kept in memory).</p>
<table><thead><tr><th>Time</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join("") || '<tr><td colspan="3">Nothing yet.</td></tr>'}</tbody></table>
<h2>Chat webhooks</h2><table><thead><tr><th>Time</th><th>Channel</th><th>Message</th></tr></thead><tbody>${hookRows.join("") || '<tr><td colspan="3">Nothing yet.</td></tr>'}</tbody></table>`,
        ),
      );
    }
    send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.httpPort ?? 0, host, () => resolve());
  });
  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    mails,
    hooks,
    async close() {
      server.closeAllConnections();
      await Promise.all([new Promise<void>((r) => server.close(() => r())), new Promise<void>((r) => smtp.close(() => r()))]);
    },
  };
}
