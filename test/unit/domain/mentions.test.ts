import { extractMentions, mentionToken, renderMentionsPlain, splitMentions, type UserId } from '../../../src/domain';

const ann = '0190a0b2-0000-7000-8000-000000000001' as UserId;
const bob = '0190a0b2-0000-7000-8000-000000000002' as UserId;

describe('mentions', () => {
  it('finds each mentioned person once, in the order they first appear', () => {
    const text = `hi ${mentionToken(bob)} and ${mentionToken(ann)}, ${mentionToken(bob)} again`;
    expect(extractMentions(text)).toEqual([bob, ann]);
  });

  it('ignores look-alikes that are not canonical lowercase ids', () => {
    expect(extractMentions('<@0190A0B2-0000-7000-8000-000000000001> <@bob> @ann <@>')).toEqual([]);
  });

  it('splits text into plain runs and mentions that join back to the same text', () => {
    const text = `${mentionToken(ann)} please look, ${mentionToken(bob)}!`;
    const segments = splitMentions(text);
    expect(segments).toEqual([
      { kind: 'mention', userId: ann },
      { kind: 'text', text: ' please look, ' },
      { kind: 'mention', userId: bob },
      { kind: 'text', text: '!' },
    ]);
    const joined = segments.map((s) => (s.kind === 'text' ? s.text : mentionToken(s.userId))).join('');
    expect(joined).toBe(text);
  });

  it('renders mentions as @name for plain text, and unknown people as @unknown', () => {
    const names = new Map([[ann, 'Ann Lee']]);
    expect(renderMentionsPlain(`ask ${mentionToken(ann)} or ${mentionToken(bob)}`, (id) => names.get(id))).toBe(
      'ask @Ann Lee or @unknown',
    );
  });
});
