import fs from "node:fs";
import path from "node:path";

// Server actions called over HTTP as a browser's form post would (end-to-end tests, benchmarks): the action's id from
// the build's manifest, a POST with the Next-Action header to a page of the portal.

/** The id Next.js gave a server action in this build (from the server reference manifest). */
export function serverActionId(filename: string, exportedName: string, root = process.cwd()): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${exportedName} in ${filename}`);
  return entry[0];
}

/** The action's own result inside an RSC answer (`{"ok":…}`), or null when the answer carries none. */
export function actionResult<T = unknown>(body: string): ({ ok: true; data: T } | { ok: false; code: string; error: string }) | null {
  for (const line of body.split("\n")) {
    const at = line.indexOf('{"ok":');
    if (at < 0) continue;
    try {
      return JSON.parse(line.slice(at)) as { ok: true; data: T } | { ok: false; code: string; error: string };
    } catch {
      // not this line
    }
  }
  return null;
}

/** POSTs a server action with the given cookie to `baseUrl + atPath`; the answer's status and RSC text. */
export async function postServerAction(baseUrl: string, atPath: string, actionId: string, args: unknown[], cookie: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${baseUrl}${atPath}`, {
    method: "POST",
    headers: { "Next-Action": actionId, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: baseUrl, Cookie: cookie },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: await res.text() };
}
