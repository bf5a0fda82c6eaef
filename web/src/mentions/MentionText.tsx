import { splitMentions } from '../../../src/domain/mentions';
import type { Mentionable } from './mention-query';

/** A mention as a chip with the person's current name; someone the viewer cannot resolve is "@unknown". */
export const MentionChip = ({ name }: { name: string | undefined }) => (
  <span
    data-testid="mention"
    className="mx-0.5 inline-block rounded-full bg-indigo-100 px-1.5 font-medium text-indigo-900 whitespace-nowrap"
  >
    @<bdi>{name ?? 'unknown'}</bdi>
  </span>
);

/** Text with its `<@id>` mentions shown as chips; everything else stays plain text (never markup). */
export const MentionText = ({ text, people }: { text: string; people: readonly Mentionable[] }) => (
  <>
    {splitMentions(text).map((s, i) =>
      s.kind === 'text' ? (
        <span key={i}>{s.text}</span>
      ) : (
        <MentionChip key={i} name={people.find((p) => p.id === s.userId)?.name} />
      ),
    )}
  </>
);
