// Harbor's list conventions: `q` (src/lib/q/builder.go), `page`/`page_size` and the `Link` header
// (src/server/v2.0/handler/base.go, src/lib/link.go).
import { ApiError } from "./errors";

export type QValue =
  | { kind: "exact"; value: string }
  | { kind: "fuzzy"; value: string }
  | { kind: "range"; min?: string; max?: string }
  | { kind: "or"; values: string[] }
  | { kind: "and"; values: string[] };

function list(inner: string): string[] {
  return inner
    .split(" ")
    .map((v) => v.trim().replace(/^["']+|["']+$/g, ""))
    .filter(Boolean);
}

function safeUnescape(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

// Note Harbor unescapes `q` once more after the HTTP layer did: a literal "+" must reach it as %252B.
export function parseQ(raw: string | null): Map<string, QValue> {
  const out = new Map<string, QValue>();
  if (!raw) return out;
  const q = safeUnescape(raw);
  for (const param of q.split(",")) {
    const i = param.indexOf("=");
    const key = i < 0 ? "" : param.slice(0, i);
    const value = i < 0 ? "" : param.slice(i + 1);
    if (!key || !value) throw new ApiError(400, "BAD_REQUEST", 'the query string must contain "=" and the key/value cannot be empty');
    const bad = () => new ApiError(400, "BAD_REQUEST", `invalid query string value: ${value}`);
    switch (value[0]) {
      case "~":
        if (value.length < 2) throw bad();
        out.set(key, { kind: "fuzzy", value: value.slice(1) });
        break;
      case "[": {
        if (!value.endsWith("]") || value.split("~").length !== 2) throw bad();
        const [min = "", max = ""] = value.slice(1, -1).split("~").map((s) => s.trim());
        if (!min && !max) throw bad();
        out.set(key, { kind: "range", ...(min ? { min } : {}), ...(max ? { max } : {}) });
        break;
      }
      case "{":
        if (!value.endsWith("}")) throw bad();
        out.set(key, { kind: "or", values: list(value.slice(1, -1)) });
        break;
      case "(":
        if (!value.endsWith(")")) throw bad();
        out.set(key, { kind: "and", values: list(value.slice(1, -1)) });
        break;
      default:
        out.set(key, { kind: "exact", value: value.startsWith("\\") ? value.slice(1) : value });
    }
  }
  return out;
}

/** Whether a stored string value satisfies one `q` condition. */
export function qMatches(cond: QValue, actual: string | number): boolean {
  const s = String(actual);
  switch (cond.kind) {
    case "exact":
      return s === cond.value;
    case "fuzzy":
      return s.includes(cond.value);
    case "or":
      return cond.values.includes(s);
    case "and":
      return cond.values.every((v) => v === s);
    case "range": {
      const n = Number(actual);
      if (cond.min !== undefined && n < Number(cond.min)) return false;
      if (cond.max !== undefined && n > Number(cond.max)) return false;
      return true;
    }
  }
}

export interface Page {
  page: number;
  pageSize: number;
}

/** `page` defaults to 1 and `page_size` to 10; the document's maximum (100) is enforced before this runs. */
export function pageOf(query: URLSearchParams): Page {
  const page = Number(query.get("page") ?? "1");
  const pageSize = Number(query.get("page_size") ?? "10");
  return { page: Number.isInteger(page) && page > 0 ? page : 1, pageSize: Number.isInteger(pageSize) ? pageSize : 10 };
}

export function slice<T>(items: T[], { page, pageSize }: Page): T[] {
  if (pageSize <= 0) return items;
  return items.slice((page - 1) * pageSize, page * pageSize);
}

/** Harbor's Link header: the request path with page/page_size set, keys sorted, the query left unescaped. */
export function linkHeader(pathname: string, query: URLSearchParams, total: number, { page, pageSize }: Page): string {
  if (pageSize <= 0) return "";
  const link = (p: number, rel: string) => {
    const values = new Map<string, string[]>();
    for (const [k, v] of query) values.set(k, [...(values.get(k) ?? []), v]);
    values.set("page", [String(p)]);
    values.set("page_size", [String(pageSize)]);
    const qs = [...values.keys()]
      .sort()
      .flatMap((k) => (values.get(k) ?? []).map((v) => `${k}=${v}`))
      .join("&");
    return `<${pathname}?${qs}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1 && (page - 1) * pageSize < total) links.push(link(page - 1, "prev"));
  if (pageSize * page < total) links.push(link(page + 1, "next"));
  return links.join(" , ");
}
