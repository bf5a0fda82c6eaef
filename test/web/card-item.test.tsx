/**
 * @jest-environment jsdom
 */
import { DndContext } from '@dnd-kit/core';
import { SortableContext } from '@dnd-kit/sortable';
import { fireEvent, render, screen } from '@testing-library/react';
import { CardItem } from '../../web/src/board/CardItem';
import { fixLogin } from './fixtures';

const renderCard = (canWrite: boolean, title = fixLogin.title) => {
  const onOpen = jest.fn();
  render(
    <DndContext>
      <SortableContext items={[`card:${fixLogin.id}`]}>
        <ol>
          <CardItem card={{ ...fixLogin, title }} canWrite={canWrite} saving={false} onOpen={onOpen} />
        </ol>
      </SortableContext>
    </DndContext>,
  );
  return { onOpen, card: screen.getByTestId('card') };
};

describe('a card on the board', () => {
  test('a viewer’s card is not announced as disabled, since it opens a read-only dialog', () => {
    const { card } = renderCard(false);

    expect(card.getAttribute('aria-disabled')).toBeNull();
    expect(card.getAttribute('aria-roledescription')).toBeNull();
    expect(card.getAttribute('aria-label')).toBe('Fix login (view only)');
    expect(card.getAttribute('aria-haspopup')).toBe('dialog');
  });

  test('a viewer opens a card with Enter or Space', () => {
    const { card, onOpen } = renderCard(false);
    fireEvent.keyDown(card, { key: 'Enter' });
    fireEvent.keyDown(card, { key: ' ' });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  test('a member’s card stays a sortable that opens with Enter', () => {
    const { card, onOpen } = renderCard(true);
    expect(card.getAttribute('aria-roledescription')).toBe('sortable');
    fireEvent.keyDown(card, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(fixLogin.id);
  });
});
