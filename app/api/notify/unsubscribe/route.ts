import { REQUEST_ID_HEADER } from "@/lib/auth/request-facts";
import { database } from "@/lib/db";
import { env } from "@/lib/env";
import { errorField, logger } from "@/lib/log";
import { PREFERENCES_PATH, absolute } from "@/lib/notify/render";
import { alreadyUnsubscribed, checkUnsubscribeToken, unsubscribe, type UnsubscribeRefusal } from "@/lib/notify/unsubscribe";
import { unsubscribeKeyFromEnv } from "@/lib/notify/unsubscribe-token";

export const dynamic = "force-dynamic";

// GET and POST /api/notify/unsubscribe?t=<token> — the link in optional emails (docs/notifications.md,
// "Unsubscribing"). The token is the authorization: no session, no cookie, public in proxy.ts. POST with the form
// field List-Unsubscribe=One-Click switches that kind off (RFC 8058: mail providers send it from their servers); GET
// only shows a page whose button sends that POST, because link scanners fetch every link in a mail.

/** RFC 8058's body is 26 bytes; a form with a boundary a few hundred. */
const BODY_LIMIT = 4096;
const HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };

interface Answer {
  status: number;
  title: string;
  /** Plain sentences; the page links the profile after them. */
  message: string;
  /** The confirmation form's token (GET only). */
  confirm?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function page(a: Answer, profile: string): string {
  const form = a.confirm
    ? `<form method="post" action="?t=${esc(encodeURIComponent(a.confirm))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`
    : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(a.title)} · Berth</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;background:#f8fafc;line-height:1.5;margin:0}main{max-width:32rem;margin:10vh auto;padding:1.75rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem}h1{font-size:1.35rem;margin:0 0 .75rem}button{font:inherit;background:#1d4ed8;color:#fff;border:0;border-radius:.375rem;padding:.5rem 1rem;cursor:pointer}button:hover{background:#1e40af}button:focus-visible,a:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}a{color:#1d4ed8}p.small{font-size:.875rem;color:#475569}</style>
</head><body><main id="main"><h1>${esc(a.title)}</h1><p>${esc(a.message)}</p>${form}<p class="small">Choose every message you get on <a href="${esc(profile)}">your profile</a>.</p></main></body></html>`;
}

function respond(req: Request, a: Answer): Response {
  const profile = absolute(env().NEXTAUTH_URL, PREFERENCES_PATH);
  // a person's browser gets a page; a mail provider a line of text
  if ((req.headers.get("accept") ?? "").includes("text/html")) {
    return new Response(page(a, profile), { status: a.status, headers: { ...HEADERS, "content-type": "text/html; charset=utf-8" } });
  }
  return new Response(`${a.message}\n`, { status: a.status, headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" } });
}

const REFUSED: Record<UnsubscribeRefusal["reason"], Answer> = {
  "invalid-token": {
    status: 400,
    title: "This link is not valid",
    message: "This unsubscribe link is not valid: it was cut short or changed on its way, or Berth's key has changed since the email was sent. Nothing was changed.",
  },
  "not-optional": { status: 400, title: "This message cannot be switched off", message: "This kind of message is sent to everyone in its role and cannot be switched off. Nothing was changed." },
};

/** The one token in the query; several or none read as no token. */
function tokenOf(req: Request): string | null {
  const all = new URL(req.url).searchParams.getAll("t");
  return all.length === 1 ? all[0]! : null;
}

/** The body, or null when it is larger than the limit (read no further than that). */
async function boundedBody(req: Request): Promise<Uint8Array | null> {
  if (Number(req.headers.get("content-length") ?? 0) > BODY_LIMIT) return null;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Whether the body is RFC 8058's `List-Unsubscribe=One-Click`, sent as either form encoding the RFC allows. */
async function isOneClick(req: Request, body: Uint8Array): Promise<boolean> {
  const contentType = req.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return false;
  try {
    const form = await new Response(Buffer.from(body), { headers: { "content-type": contentType } }).formData();
    const values = form.getAll("List-Unsubscribe");
    return values.length === 1 && typeof values[0] === "string" && values[0].trim() === "One-Click";
  } catch {
    return false;
  }
}

async function guarded(req: Request, run: (requestId: string | null) => Promise<Answer>): Promise<Response> {
  const requestId = req.headers.get(REQUEST_ID_HEADER);
  try {
    return respond(req, await run(requestId));
  } catch (e) {
    const ref = crypto.randomUUID().slice(0, 8);
    logger().error("unsubscribe failed", { method: req.method, ref, requestId, error: errorField(e) });
    return respond(req, { status: 500, title: "Something went wrong", message: `Berth could not record this just now; nothing was changed. Try the link again later (reference ${ref}).` });
  }
}

export function GET(req: Request): Promise<Response> {
  return guarded(req, async () => {
    const token = tokenOf(req);
    const check = checkUnsubscribeToken(unsubscribeKeyFromEnv(), token);
    if (!check.ok) return REFUSED[check.reason];
    if (await alreadyUnsubscribed(database().pool, check.personId, check.kind)) {
      return { status: 200, title: "You are unsubscribed", message: `Berth no longer emails you about: ${check.label}.` };
    }
    return {
      status: 200,
      title: "Unsubscribe from these emails?",
      message: `Berth will stop emailing you about: ${check.label}. Other messages are not affected.`,
      confirm: token!,
    };
  });
}

export function POST(req: Request): Promise<Response> {
  return guarded(req, async (requestId) => {
    const body = await boundedBody(req);
    if (!body) return { status: 413, title: "Request too large", message: `The request is larger than ${BODY_LIMIT / 1024} KiB. Nothing was changed.` };
    const check = checkUnsubscribeToken(unsubscribeKeyFromEnv(), tokenOf(req));
    if (!check.ok) {
      logger().info("unsubscribe refused", { reason: check.reason, requestId });
      return REFUSED[check.reason];
    }
    if (!(await isOneClick(req, body))) {
      return { status: 400, title: "Not an unsubscribe request", message: "Send List-Unsubscribe=One-Click as form data (RFC 8058) to unsubscribe. Nothing was changed." };
    }
    const { changed } = await unsubscribe(database().pool, check);
    logger().info("unsubscribed from an optional email", { personId: check.personId, kind: check.kind, changed, requestId });
    return { status: 200, title: "You are unsubscribed", message: `Berth will no longer email you about: ${check.label}. You can turn it back on from your profile.` };
  });
}
