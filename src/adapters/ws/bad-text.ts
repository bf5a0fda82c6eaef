/** A UTF-16 surrogate without its partner (JSON's `\ud800` escapes can produce one). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string cannot be stored as text: Postgres refuses NUL, and lone surrogates are not Unicode. */
export const isBadText = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * Whether any string in a parsed JSON value, key or value, is bad text. Iterative, because a 64 KiB
 * frame can nest deeper than the call stack goes.
 */
export const containsBadText = (value: unknown): boolean => {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (isBadText(next)) return true;
    } else if (Array.isArray(next)) {
      for (const item of next as unknown[]) pending.push(item);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (isBadText(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
};
