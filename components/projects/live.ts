/** A figure read from Harbor just now, or why it could not be read. */
export type Live<T> = { ok: true; value: T; at: Date } | { ok: false; why: string };
