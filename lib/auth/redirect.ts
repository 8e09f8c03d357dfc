import "server-only";

// A callback that holds any of these is refused outright: C0 controls and DEL (which URL parsers drop or trim, so
// "/\t/evil" becomes "//evil"), and the backslash browsers read as a slash in http(s) URLs ("/\evil" is "//evil").
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;
// A path is decoded this many times more when looking for a hidden "//host": enough for any double or triple encoding.
const DECODE_ROUNDS = 4;

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%": nothing more to decode
  }
}

/** Whether a path, however often it is decoded, stays a path on this host (never "//host", "/\host" or a control character). */
function pathStaysHome(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (!current.startsWith("/") || current.startsWith("//") || UNSAFE_CHARACTER.test(current)) return false;
    const next = decodeOnce(current);
    if (next === current) return true;
    current = next;
  }
  return false;
}

/**
 * The path (with query and fragment) a callback URL names when it stays on the portal's own origin, else "/". Accepts
 * a path ("/requests?x=1") or an absolute URL of that origin; refuses other hosts and schemes, protocol-relative
 * forms ("//host", "/\host"), control characters and paths that turn into any of these when decoded again. Every
 * redirect Berth makes from user input goes through here: the sign-in page, next-auth's redirect callback and the
 * proxy's redirect to sign-in.
 */
export function sameOriginPath(raw: unknown, origin: string): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH || UNSAFE_CHARACTER.test(raw)) return "/";
  const home = new URL(origin).origin;
  // a relative callback must be a path: "evil.example" or "?x" are not where anyone meant to go
  if (!raw.startsWith("/") && !raw.toLowerCase().startsWith(`${home.toLowerCase()}/`) && raw.toLowerCase() !== home.toLowerCase()) return "/";
  let url: URL;
  try {
    url = new URL(raw, home);
  } catch {
    return "/";
  }
  if (url.origin !== home || url.username || url.password) return "/";
  if (!pathStaysHome(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The same callback as an absolute URL of the portal (next-auth's redirect callback must answer with one). */
export function sameOriginUrl(raw: unknown, origin: string): string {
  return `${new URL(origin).origin}${sameOriginPath(raw, origin)}`;
}
