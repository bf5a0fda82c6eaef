/** Text with highlighted ranges (UTF-16 offsets, end exclusive), as a search snippet carries them. */
export interface Highlighted {
  readonly text: string;
  readonly highlights: readonly (readonly [number, number])[];
}

/** Each highlighted character's new offset, grouped into ranges of consecutive offsets. */
const rangesOf = (offsets: readonly number[]): [number, number][] => {
  const out: [number, number][] = [];
  for (const at of offsets) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === at) last[1] = at + 1;
    else out.push([at, at + 1]);
  }
  return out;
};

/**
 * Replaces every match of `pattern` (a global regular expression) and keeps each highlight on the
 * characters it marked. The part of a highlight inside a replaced match is dropped: it marked
 * characters the reader no longer sees.
 */
export const replaceHighlighted = (
  h: Highlighted,
  pattern: RegExp,
  replace: (match: RegExpMatchArray) => string,
): Highlighted => {
  // The new offset of every old character; -1 inside a replaced match.
  const moved: number[] = [];
  let text = '';
  let at = 0;
  const keep = (until: number) => {
    for (let i = at; i < until; i++) moved[i] = text.length + (i - at);
    text += h.text.slice(at, until);
  };
  for (const match of h.text.matchAll(pattern)) {
    keep(match.index);
    for (let i = 0; i < match[0].length; i++) moved[match.index + i] = -1;
    text += replace(match);
    at = match.index + match[0].length;
  }
  keep(h.text.length);
  const highlights = h.highlights.flatMap(([start, end]) => {
    const offsets: number[] = [];
    for (let i = start; i < Math.min(end, h.text.length); i++) if ((moved[i] ?? -1) >= 0) offsets.push(moved[i]!);
    return rangesOf(offsets);
  });
  return { text, highlights };
};
