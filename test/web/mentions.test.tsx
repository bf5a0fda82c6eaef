/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { CardModelContext } from '../../web/src/board/card-model/context';
import { CardReadOnly } from '../../web/src/board/CardReadOnly';
import { CommentItem } from '../../web/src/board/CommentItem';
import { Modal } from '../../web/src/board/Modal';
import { MentionField } from '../../web/src/mentions/MentionField';
import { MentionText } from '../../web/src/mentions/MentionText';
import { mentionAt } from '../../web/src/mentions/mention-query';
import { ALICE, BOB, fixLogin } from './fixtures';

const ALAN = '00000000-0000-4000-8000-0000000000a2';
const GONE = '00000000-0000-4000-8000-0000000000ff';
const people = [
  { id: ALICE, name: 'Alice Archer' },
  { id: ALAN, name: 'Alan Turing' },
  { id: BOB, name: 'Bob Baker' },
];

/** A comment box as the card dialog has it, inside the dialog (whose Escape must not win). */
const renderField = () => {
  const changes: string[] = [];
  const onClose = jest.fn();
  const Box = () => {
    const [value, setValue] = useState('');
    return (
      <Modal labelledBy="t" onClose={onClose}>
        <h2 id="t">Card</h2>
        <MentionField
          aria-label="Write a comment"
          value={value}
          people={people}
          onChange={(v) => {
            changes.push(v);
            setValue(v);
          }}
        />
      </Modal>
    );
  };
  render(<Box />);
  const box = screen.getByRole('combobox', { name: 'Write a comment' }) as HTMLInputElement;
  const type = (value: string) => fireEvent.change(box, { target: { value } });
  const key = (k: string) => fireEvent.keyDown(box, { key: k });
  const options = () => screen.queryAllByRole('option').map((o) => o.querySelector('bdi')?.textContent);
  return { box, type, key, options, onClose, changes };
};

describe('finding the mention being typed', () => {
  test('an @ at the start or after a space starts one; an e-mail address or a line break does not', () => {
    expect(mentionAt('@al', 3)).toEqual({ start: 0, text: 'al' });
    expect(mentionAt('hi (@Alan T', 11)).toEqual({ start: 4, text: 'Alan T' });
    expect(mentionAt('mail me at bob@example', 22)).toBeNull();
    expect(mentionAt('@al\nnext', 8)).toBeNull();
    expect(mentionAt('@ al', 4)).toBeNull();
  });
});

describe('the mention autocomplete', () => {
  test('@ lists matching members; arrows move, Enter inserts the token and closes the list', () => {
    const { box, type, key, options } = renderField();
    type('Thanks @al');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(options()).toEqual(['Alice Archer', 'Alan Turing']);
    const listbox = screen.getByRole('listbox', { name: 'People to mention' });
    expect(box.getAttribute('aria-controls')).toBe(listbox.id);
    key('ArrowDown');
    const selected = screen.getByRole('option', { selected: true });
    expect(selected.textContent).toContain('Alan Turing');
    expect(box.getAttribute('aria-activedescendant')).toBe(selected.id);
    key('ArrowDown');
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Alice Archer');
    key('ArrowUp');
    key('Enter');
    expect(box.value).toBe(`Thanks <@${ALAN}> `);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });

  test('Tab picks the highlighted person, keeping the text after the caret', () => {
    const { box, type, key } = renderField();
    type('@bo');
    key('Tab');
    expect(box.value).toBe(`<@${BOB}> `);
  });

  test('Escape closes the list but not the dialog; typing on does not reopen it', () => {
    const { box, type, key, options, onClose } = renderField();
    type('@a');
    expect(options()).toHaveLength(3);
    key('Escape');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    type('@al');
    expect(screen.queryByRole('listbox')).toBeNull();
    key('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(box.value).toBe('@al');
  });

  test('a click on a person picks them; a query nobody matches shows no list', () => {
    const { box, type, options } = renderField();
    type('@zed');
    expect(options()).toEqual([]);
    expect(box.getAttribute('aria-expanded')).toBe('false');
    type('@ali');
    fireEvent.click(screen.getByRole('option', { name: /Alice Archer/ }));
    expect(box.value).toBe(`<@${ALICE}> `);
  });
});

describe('mention chips', () => {
  test('a mention shows as a chip with the current name; someone unknown is @unknown', () => {
    const { container } = render(
      <MentionText text={`Ask <@${BOB}> or <@${GONE}>, not <b>me</b>`} people={[{ id: BOB, name: 'Robert' }]} />,
    );
    expect(screen.getAllByTestId('mention').map((c) => c.textContent)).toEqual(['@Robert', '@unknown']);
    expect(container.textContent).toBe('Ask @Robert or @unknown, not <b>me</b>');
    expect(container.querySelector('b')).toBeNull();
  });

  test('a comment renders its mentions with the names the team has now', () => {
    const env = { labels: [], people: [{ id: BOB, name: 'Bobby (renamed)' }], me: ALICE, zone: 'UTC', now: 0 };
    render(
      <CardModelContext.Provider value={env}>
        <ul>
          <CommentItem
            comment={{ id: 'c1', body: `<@${BOB}> please look`, authorName: 'Alice', createdAt: '' }}
            canEdit={false}
            canDelete={false}
            onEdit={() => undefined}
            onDelete={() => undefined}
          />
        </ul>
      </CardModelContext.Provider>,
    );
    expect(screen.getByTestId('mention').textContent).toBe('@Bobby (renamed)');
    expect(screen.getByRole('listitem').textContent).toBe('Alice: @Bobby (renamed) please look');
  });

  test('a description shows its mentions as chips to a viewer', () => {
    const env = { labels: [], people, me: BOB, zone: 'UTC', now: 0 };
    render(
      <CardModelContext.Provider value={env}>
        <CardReadOnly card={{ ...fixLogin, description: `Owner: <@${ALAN}>\nReviewer: <@${GONE}>` }} />
      </CardModelContext.Provider>,
    );
    expect(screen.getAllByTestId('mention').map((c) => c.textContent)).toEqual(['@Alan Turing', '@unknown']);
  });
});
