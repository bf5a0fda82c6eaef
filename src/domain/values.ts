import * as t from 'io-ts';

/** Value objects, decoded at the edges; the core trusts their brand. */

/** Trimmed text of `min` to `max` characters. */
const isBoundedText = (s: string, min: number, max: number): boolean =>
  s.length >= min && s.length <= max && s === s.trim();

interface TitleBrand {
  readonly Title: unique symbol;
}
/** A trimmed, non-empty title of at most 200 characters (teams, boards, lists, cards). */
export const Title = t.brand(t.string, (s): s is t.Branded<string, TitleBrand> => isBoundedText(s, 1, 200), 'Title');
export type Title = t.TypeOf<typeof Title>;

interface DescriptionBrand {
  readonly Description: unique symbol;
}
/** A card description: up to 10,000 characters, may be empty. */
export const Description = t.brand(
  t.string,
  (s): s is t.Branded<string, DescriptionBrand> => s.length <= 10_000,
  'Description',
);
export type Description = t.TypeOf<typeof Description>;

interface CommentBodyBrand {
  readonly CommentBody: unique symbol;
}
/** A comment: non-empty after trimming, at most 5,000 characters. */
export const CommentBody = t.brand(
  t.string,
  (s): s is t.Branded<string, CommentBodyBrand> => s.trim().length > 0 && s.length <= 5_000,
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
  (s): s is t.Branded<string, PasswordBrand> => s.length >= 8 && s.length <= 256,
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
