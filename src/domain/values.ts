import * as t from 'io-ts';

/** Value objects, decoded at the edges; the core trusts their brand. */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string can be stored and shown: no NUL (Postgres text refuses it) and no unpaired UTF-16
 * surrogate (it has no UTF-8 encoding, so what was stored would differ from what was sent).
 */
export const isStorableText = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/**
 * The first string (value or key) anywhere in a parsed JSON value that is not storable text, or null.
 * Iterative, so a deeply nested body or frame cannot overflow the stack.
 */
export const findUnstorableText = (value: unknown): string | null => {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (!isStorableText(next)) return next;
      continue;
    }
    if (typeof next !== 'object' || next === null) continue;
    for (const key of Object.keys(next)) {
      if (!isStorableText(key)) return key;
      pending.push((next as Record<string, unknown>)[key]);
    }
  }
  return null;
};

// Characters that render as nothing: format controls (zero-width, bidi marks), other controls, separators
// and the fillers that fonts draw blank. A title made only of these looks empty.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}\u115F\u1160\u3164\uFFA0\u2800]|\u034F|[\u180B-\u180F]|[\uFE00-\uFE0F]/gu;

/** Whether the text shows at least one visible character. */
export const hasVisibleText = (s: string): boolean => s.replace(INVISIBLE, '').length > 0;

/** Storable text of `min` to `max` characters, trimmed, with something visible when it may not be empty. */
const isBoundedText = (s: string, min: number, max: number): boolean =>
  s.length >= min && s.length <= max && s === s.trim() && isStorableText(s) && (min === 0 || hasVisibleText(s));

interface TitleBrand {
  readonly Title: unique symbol;
}
/** A trimmed title of at most 200 characters with something visible (teams, boards, lists, cards). */
export const Title = t.brand(t.string, (s): s is t.Branded<string, TitleBrand> => isBoundedText(s, 1, 200), 'Title');
export type Title = t.TypeOf<typeof Title>;

interface DescriptionBrand {
  readonly Description: unique symbol;
}
/** A card description: up to 10,000 characters, may be empty. */
export const Description = t.brand(
  t.string,
  (s): s is t.Branded<string, DescriptionBrand> => s.length <= 10_000 && isStorableText(s),
  'Description',
);
export type Description = t.TypeOf<typeof Description>;

interface CommentBodyBrand {
  readonly CommentBody: unique symbol;
}
/** A comment: with something visible, at most 5,000 characters. */
export const CommentBody = t.brand(
  t.string,
  (s): s is t.Branded<string, CommentBodyBrand> => s.length <= 5_000 && isStorableText(s) && hasVisibleText(s),
  'CommentBody',
);
export type CommentBody = t.TypeOf<typeof CommentBody>;

interface LabelBrand {
  readonly Label: unique symbol;
}
/** A card label: 1–40 characters, trimmed. */
export const Label = t.brand(t.string, (s): s is t.Branded<string, LabelBrand> => isBoundedText(s, 1, 40), 'Label');
export type Label = t.TypeOf<typeof Label>;

/** At most 20 distinct labels on a card. */
export const Labels = t.refinement(t.array(Label), (ls) => ls.length <= 20 && new Set(ls).size === ls.length, 'Labels');

interface DueDateBrand {
  readonly DueDate: unique symbol;
}
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar due date, `YYYY-MM-DD`, that exists. */
export const DueDate = t.brand(
  t.string,
  (s): s is t.Branded<string, DueDateBrand> => {
    if (!DATE_RE.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  },
  'DueDate',
);
export type DueDate = t.TypeOf<typeof DueDate>;

interface EmailBrand {
  readonly Email: unique symbol;
}
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A plausible email address, at most 254 characters. */
export const Email = t.brand(
  t.string,
  (s): s is t.Branded<string, EmailBrand> => s.length <= 254 && EMAIL_RE.test(s),
  'Email',
);
export type Email = t.TypeOf<typeof Email>;

interface PasswordBrand {
  readonly Password: unique symbol;
}
/** 8–256 characters (NIST 800-63B: length, not composition rules). */
export const Password = t.brand(
  t.string,
  (s): s is t.Branded<string, PasswordBrand> => s.length >= 8 && s.length <= 256 && isStorableText(s),
  'Password',
);
export type Password = t.TypeOf<typeof Password>;

interface PersonNameBrand {
  readonly PersonName: unique symbol;
}
/** A display name, 1–100 characters, trimmed. */
export const PersonName = t.brand(
  t.string,
  (s): s is t.Branded<string, PersonNameBrand> => isBoundedText(s, 1, 100),
  'PersonName',
);
export type PersonName = t.TypeOf<typeof PersonName>;
