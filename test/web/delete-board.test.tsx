/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DeleteBoardButton } from '../../web/src/board/DeleteBoard';

describe('Delete board…', () => {
  test('deletes only once the board name is typed out exactly', async () => {
    const onDelete = jest.fn(async () => undefined);
    render(<DeleteBoardButton title="Roadmap" onDelete={onDelete} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete board…' }));
    const confirm = screen.getByRole('button', { name: 'Delete permanently' });
    const name = screen.getByLabelText(/to confirm/);
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'roadmap' } });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'Roadmap' } });
    await act(async () => fireEvent.click(confirm));
    expect(onDelete).toHaveBeenCalledTimes(1);
  });

  test('a refused delete is shown in the dialog, and Cancel closes it without deleting', async () => {
    const onDelete = jest.fn(async () => {
      throw new Error('Your role (member) does not allow this');
    });
    render(<DeleteBoardButton title="Roadmap" onDelete={onDelete} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete board…' }));
    fireEvent.change(screen.getByLabelText(/to confirm/), { target: { value: 'Roadmap' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete permanently' })));
    expect(screen.getByRole('alert').textContent).toContain('does not allow this');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('confirm-delete-board')).toBeNull();
    expect(onDelete).toHaveBeenCalledTimes(1);
  });
});
