import "server-only";

// Keyset paging shared by the auditor lists: pages both ways from a cursor, never by offset.

export interface PageResult<T> {
  rows: T[];
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
  /** pass back as `cursor` for the page before this one; null on the first page */
  prevCursor: string | null;
}

export class UnreadableCursor extends Error {}

/** PostgreSQL's "this text is not a value of that type" errors (class 22: data exception). */
export const isBadValue = (e: unknown) => typeof e === "object" && e !== null && ["22007", "22008", "22P02", "22003"].includes(String((e as { code?: unknown }).code));

/**
 * One keyset page from the `limit + 1` rows a query returned in page order: forward, the extra row is the last
 * (another page follows); backward, it is the first (another page precedes). Backward, a page that reaches the
 * start is read again forward, so the first page is the same however it is reached.
 */
export async function keysetPage<R, T>(
  fetch: (cursor: string | undefined) => Promise<R[]>,
  page: { cursor?: string; limit: number },
  backward: boolean,
  cursorOf: (row: R, backward: boolean) => string,
  map: (row: R) => T,
): Promise<PageResult<T>> {
  const rows = await fetch(page.cursor);
  const more = rows.length > page.limit;
  if (backward && !more) return keysetPage(fetch, { limit: page.limit }, false, cursorOf, map);
  const pageRows = !more ? rows : backward ? rows.slice(1) : rows.slice(0, page.limit);
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const hasNext = backward ? pageRows.length > 0 : more;
  const hasPrev = backward ? more : page.cursor !== undefined && pageRows.length > 0;
  return {
    rows: pageRows.map(map),
    nextCursor: hasNext && last ? cursorOf(last, false) : null,
    prevCursor: hasPrev && first ? cursorOf(first, true) : null,
  };
}
