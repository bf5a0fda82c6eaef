import {
  extractMentions,
  mentionToken,
  protectMentions,
  renderMentionsPlain,
  renderSnippetMentions,
  restoreMentions,
  splitMentions,
  type UserId,
} from '../../../src/domain';

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

describe('mentions in search snippets', () => {
  const ANN = '0190a0b2-0000-7000-8000-0000000000aa' as UserId;
  const names = (id: UserId) => (id === ANN ? 'Ann' : undefined);

  test('a token reads @name and the highlights after it move with their words', () => {
    const text = `ask <@${ANN}> about billing`;
    const at = text.indexOf('billing');
    expect(renderSnippetMentions({ text, highlights: [[at, at + 7]] }, names)).toEqual({
      text: 'ask @Ann about billing',
      highlights: [[15, 22]],
    });
  });

  test('a highlight inside a token is dropped; an unknown person reads @unknown', () => {
    const other = '0190a0b2-0000-7000-8000-0000000000bb';
    const text = `<@${other}> ok`;
    expect(renderSnippetMentions({ text, highlights: [[2, 10]] }, names)).toEqual({
      text: '@unknown ok',
      highlights: [],
    });
  });

  test('protected text keeps each mention one word, and restoring gives the tokens back', () => {
    const text = `hi <@${ANN}>\u0001 there`;
    const guarded = protectMentions(text);
    expect(guarded).toBe(`hi \u0001m0190a0b2000070008000${'0000000000aa'} there`);
    expect(restoreMentions({ text: guarded, highlights: [[guarded.length - 5, guarded.length]] })).toEqual({
      text: `hi <@${ANN}> there`,
      highlights: [[text.length - 6, text.length - 1]],
    });
  });
});
