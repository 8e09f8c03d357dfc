import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "./env";

// What a server-action call must look like before Next.js decodes it: from this portal's own pages, of a sane size,
// with arguments that are JSON. Next would answer the rest with a 500 or an error buried in a 200; the proxy answers
// with a clear 4xx instead, and nothing runs.

/** Next.js's own limit on a server action's body (serverActions.bodySizeLimit, 1 MB by default). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const refuse = (status: number, error: string, message: string) => NextResponse.json({ error, message }, { status, headers: { "cache-control": "no-store" } });

/** Whether `origin` is this portal: its configured public URL, or the address the request itself was sent to. */
export function sameOrigin(origin: string, requestOrigin: string): boolean {
  return origin === new URL(env().NEXTAUTH_URL).origin || origin === requestOrigin;
}

/** A refusal for a server-action call that must not reach Next.js, or null to let it through. */
export async function refuseBadActionCall(req: NextRequest): Promise<NextResponse | null> {
  if (req.method !== "POST" || !req.headers.has("next-action")) return null;
  const origin = req.headers.get("origin");
  if (origin !== null && !sameOrigin(origin, req.nextUrl.origin)) return refuse(403, "FORBIDDEN", "Actions are accepted from Berth's own pages only.");
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > ACTION_BODY_LIMIT) return refuse(413, "TOO_LARGE", `The request is larger than ${ACTION_BODY_LIMIT / 1024} KiB.`);
  // arguments of a call from code arrive as JSON text; forms (multipart) are decoded by Next itself
  if ((req.headers.get("content-type") ?? "").startsWith("text/plain")) {
    const body = await req.clone().text();
    if (body.length > ACTION_BODY_LIMIT) return refuse(413, "TOO_LARGE", `The request is larger than ${ACTION_BODY_LIMIT / 1024} KiB.`);
    try {
      JSON.parse(body);
    } catch {
      return refuse(400, "INVALID", "The action's arguments are not JSON.");
    }
  }
  return null;
}
