import { hasVisibleText } from '../../domain';
import type { Skipped } from './import-plan';

/**
 * Text from a foreign export made safe to store: NUL and other control characters removed (line breaks
 * and tabs kept where the field is multi-line), unpaired surrogates replaced, cut to the field's limit.
 * HTML stays as it was: it is text here and the web renders it as text.
 */

// C0 and C1 controls, DEL, and the Unicode non-characters U+FFFE/U+FFFF: matching them is the point here.
/* eslint-disable no-control-regex */
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LINE_BREAKS = /[\t\n\r]+/g;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Collects what was cut or dropped while mapping, for the report. */
export class Notes {
  readonly skipped: Skipped[] = [];
  /** How many notes past the first 200 were folded into one count (a broken export can make thousands). */
  private folded = 0;

  add(what: string, reason: string): void {
    if (this.skipped.length < 200) this.skipped.push({ what, reason });
    else this.folded += 1;
  }

  all(): Skipped[] {
    return this.folded === 0
      ? this.skipped
      : [...this.skipped, { what: `${this.folded} more`, reason: 'further items cut or skipped' }];
  }
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
const cut = (s: string, max: number): string => {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s[max - 1] ?? '') ? max - 1 : max;
  return s.slice(0, end).trimEnd();
};

const clean = (raw: unknown, multiline: boolean): string => {
  const s = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  const stripped = s.replace(CONTROLS_MULTILINE, '');
  // A one-line field keeps the words a line break or tab separated.
  const noControls = multiline ? stripped : stripped.replace(LINE_BREAKS, ' ');
  return noControls.replace(LONE_SURROGATE, '\uFFFD');
};

/** A one-line title: trimmed, at most `max`; `fallback` when nothing visible is left. */
export const titleText = (raw: unknown, max: number, fallback: string, notes: Notes, what: string): string => {
  const s = clean(raw, false).trim();
  if (!hasVisibleText(s)) return fallback;
  if (s.length > max) notes.add(what, `name cut to ${max} characters (was ${s.length})`);
  return cut(s, max).trim() || fallback;
};

/** Multi-line text (descriptions, comments), at most `max`. */
export const bodyText = (raw: unknown, max: number, notes: Notes, what: string): string => {
  const s = clean(raw, true);
  if (s.length > max) notes.add(what, `text cut to ${max} characters (was ${s.length})`);
  return cut(s, max);
};

/** A short display string (a person's name in a comment header) with no way to break the layout. */
export const nameText = (raw: unknown, fallback: string): string => {
  const s = clean(raw, false).trim();
  return hasVisibleText(s) ? cut(s, 100) : fallback;
};
