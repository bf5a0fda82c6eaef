/** Up to two initials: the first letter of the first two words (whole characters, not UTF-16 halves). */
export const initialsOf = (name: string): string =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase() || '?';

/** A hue from the user id, so a person has the same colour in every tab and on every device. */
export const hueOf = (userId: string): number => {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
};

interface AvatarProps {
  readonly userId: string;
  readonly name: string;
  /** Text for the tooltip; the name by default. */
  readonly title?: string;
  readonly small?: boolean;
}

/** A person's initials on a circle of their colour; the name itself is in the tooltip and the label around it. */
export const Avatar = ({ userId, name, title, small }: AvatarProps) => (
  <span
    aria-hidden="true"
    title={title ?? name}
    data-user-id={userId}
    style={{ backgroundColor: `hsl(${hueOf(userId)} 55% 40%)` }}
    className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ring-2 ring-white ${
      small ? 'size-5 text-[0.6rem]' : 'size-7 text-xs'
    }`}
  >
    {initialsOf(name)}
  </span>
);
