import type { Snippet } from './search-api';

/** The snippet cut into plain and marked pieces; ranges out of order, overlapping or out of bounds are ignored. */
export const snippetPieces = (snippet: Snippet): { text: string; marked: boolean }[] => {
  const { text } = snippet;
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > text.length) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    pieces.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
};

/** Renders the snippet as text nodes with <mark> elements: the server's text is never parsed as HTML. */
export const SnippetText = ({ snippet }: { snippet: Snippet }) => (
  <>
    {snippetPieces(snippet).map((p, i) =>
      p.marked ? (
        <mark key={i} className="rounded bg-yellow-200 px-0.5 text-inherit">
          {p.text}
        </mark>
      ) : (
        <span key={i}>{p.text}</span>
      ),
    )}
  </>
);
