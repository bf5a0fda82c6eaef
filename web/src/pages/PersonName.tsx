/**
 * A person's name as text of its own direction (`<bdi>`): a name ending in U+202E (right-to-left
 * override) cannot reverse the text after it, so "name (owner)" always reads as written.
 */
export const PersonName = ({ name }: { name: string }) => <bdi className="font-medium">{name}</bdi>;
