import type { LabelColor } from '../../../../src/domain/card-model';

/**
 * Label chips are a light tint with the darkest text of the same hue: every pair is well above WCAG
 * AA's 4.5:1, so the name stays readable on any palette colour. Class names are spelled out in full
 * for Tailwind's scanner.
 */
export const LABEL_CHIP: Readonly<Record<LabelColor, string>> = {
  green: 'bg-green-200 text-green-950',
  yellow: 'bg-yellow-200 text-yellow-950',
  orange: 'bg-orange-200 text-orange-950',
  red: 'bg-red-200 text-red-950',
  purple: 'bg-purple-200 text-purple-950',
  blue: 'bg-blue-200 text-blue-950',
  sky: 'bg-sky-200 text-sky-950',
  lime: 'bg-lime-200 text-lime-950',
  pink: 'bg-pink-200 text-pink-950',
  grey: 'bg-slate-300 text-slate-950',
};

/** A free-text label with no entry in the board's set: neutral, with a dashed outline to tell it from grey. */
export const LEGACY_CHIP = 'border border-dashed border-slate-500 bg-white text-slate-800';

/** Avatar colours: white text on each is above 4.5:1. */
const AVATAR_BG = [
  'bg-indigo-700',
  'bg-emerald-700',
  'bg-rose-700',
  'bg-amber-700',
  'bg-sky-700',
  'bg-violet-700',
  'bg-teal-700',
  'bg-slate-700',
] as const;

/** A stable colour per person (the same on every card and every device): a hash of their id. */
export const avatarColor = (userId: string): string => {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return AVATAR_BG[h % AVATAR_BG.length]!;
};

/** "Ada Lovelace" → "AL"; one name → its first two letters; nothing → "?". */
export const initialsOf = (name: string): string => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [...words[0]!].slice(0, 2) : [[...words[0]!][0], [...words.at(-1)!][0]];
  return letters.join('').toLocaleUpperCase();
};
