import { z } from "zod";

// Validation failures in words a person can act on, keyed by the field that failed ("_form" for the whole input):
// the one mapper from zod's issues to field errors, for actions, route handlers and URL filters alike.

export type FieldErrors = Record<string, string[]>;

/**
 * The message worth showing: for a union (the date fields accept a Date or a string) zod says only "Invalid input",
 * so take the branch that got past the type check, which carries the schema's own wording.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union") {
    const specific = issue.errors.flat().find((i) => i.code !== "invalid_type");
    if (specific) return issueMessage(specific);
  }
  return issue.message;
}

/** Each issue's message under the top-level field it is about. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.length ? String(issue.path[0]) : "_form"] ??= []).push(issueMessage(issue));
  return out;
}

/**
 * Parses leniently (URL filters): a field that does not parse is dropped and its messages kept, so a hand-edited
 * link shows the rest of the filters and says inline what was wrong, never a 500.
 */
export function parseWithFieldErrors<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): { data: z.output<S> | null; errors: FieldErrors } {
  const first = schema.safeParse(raw);
  if (first.success) return { data: first.data, errors: {} };
  const errors = fieldErrorsOf(first.error);
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors)));
  const second = schema.safeParse(rest);
  return { data: second.success ? second.data : null, errors };
}

// NUL and the other control characters, and the invisible or direction-changing ones (Unicode Cc, Cf, Zl, Zp: zero-width
// space, right-to-left override, line separator…): they make text read differently from what it is.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const LINE_BREAKS_AND_TABS = new Set(["\n", "\r", "\t"]);

/** The first hidden character in `value` as "U+202E", or null; `multiline` text may hold line breaks and tabs. */
export function hiddenCharacter(value: string, multiline = false): string | null {
  for (const ch of value) {
    if (!HIDDEN.test(ch) || (multiline && LINE_BREAKS_AND_TABS.has(ch))) continue;
    return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return null;
}

/** The refusal of a hidden character, naming the field and the character. */
export const hiddenCharacterMessage = (label: string, found: string) => `${label} cannot contain invisible or control characters (found ${found}); remove it.`;

/** Text a person typed: trimmed, at most `max` characters, no hidden characters (line breaks only when `multiline`). */
export function plainText(label: string, options: { max: number; multiline?: boolean; missing?: string }) {
  return z
    .string({ error: options.missing ?? `${label} must be text.` })
    .trim()
    .max(options.max, `Keep ${label.toLowerCase()} under ${options.max} characters.`)
    .superRefine((v, ctx) => {
      const found = hiddenCharacter(v, options.multiline);
      if (found) ctx.addIssue({ code: "custom", message: hiddenCharacterMessage(label, found) });
    });
}

/**
 * A whole number as a form sends it (a string of digits) or as JSON does (a number) — never true, [5] or "5e2", which
 * coercion would turn into numbers.
 */
export function wholeNumber(label: string, min: number, max: number) {
  return z
    .union([z.number(), z.string().trim().regex(/^-?\d{1,16}$/).transform(Number)], { error: `${label} must be a whole number.` })
    .pipe(z.number().int(`${label} must be a whole number.`).min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`));
}
