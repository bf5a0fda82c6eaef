/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Attachment } from '../../src/domain/attachment';
import type { Card } from '../../src/domain/board';
import type { ApiClient } from '../../web/src/api/client';
import { CardAttachments } from '../../web/src/board/attachments/CardAttachments';
import { AttachmentCount } from '../../web/src/board/attachments/CardCover';
import type { BoardOpInput } from '../../web/src/sync/ops';
import { ALICE, BOARD, fixLogin, TEAM } from './fixtures';

const base = `/api/teams/${TEAM}/boards/${BOARD}`;

const file = (n: number, name: string, contentType: string, size: number): Attachment =>
  ({
    id: `00000000-0000-4000-8000-00000000a00${n}`,
    name,
    size,
    contentType,
    createdAt: '2025-01-15T09:00:00.000Z',
    createdBy: ALICE,
    hasThumbnail: false,
  }) as Attachment;

const shot = file(1, 'shot.png', 'image/png', 48_300);
const spec = file(2, 'spec.pdf', 'application/pdf', 3_500_000);
const card: Card = { ...fixLogin, attachments: [shot, spec], coverAttachmentId: null };

const show = (canWrite = true, shown: Card = card) => {
  const mutate = jest.fn<string, [BoardOpInput]>(() => 'mid');
  const request = jest.fn(async () => ({ deleted: spec.id, seq: 12 }));
  const api = { request, token: 't' } as unknown as ApiClient;
  render(<CardAttachments card={shown} canWrite={canWrite} api={api} base={base} mutate={mutate} />);
  return { mutate, request };
};

describe('the attachments of a card', () => {
  test('each file shows its name and size; only images offer to be the cover', () => {
    show();
    const rows = screen.getAllByTestId('attachment');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('shot.png47.2 KB'),
      expect.stringContaining('spec.pdf3.3 MB'),
    ]);
    expect(within(rows[0]!).getByRole('button', { name: 'Make cover' })).toBeTruthy();
    expect(within(rows[1]!).queryByRole('button', { name: 'Make cover' })).toBeNull();
  });

  test('Make cover sets the image as the card cover through a card.update', () => {
    const { mutate } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Make cover' }));
    expect(mutate).toHaveBeenCalledWith({ kind: 'card.update', cardId: card.id, coverAttachmentId: shot.id });
  });

  test('delete asks first, and only then deletes the file for everyone', async () => {
    const { request } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Delete spec.pdf' }));
    expect(request).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete file' })));
    expect(request).toHaveBeenCalledWith('DELETE', `${base}/cards/${card.id}/attachments/${spec.id}`, {
      idempotencyKey: expect.any(String),
    });
  });

  test('a file over 25 MB is refused before it is sent, with the limit named', async () => {
    show();
    const huge = new File(['x'], 'video.mov');
    Object.defineProperty(huge, 'size', { value: 26 * 1024 * 1024 });
    await act(async () => fireEvent.change(screen.getByLabelText('Attach files'), { target: { files: [huge] } }));
    expect(screen.getByRole('alert').textContent).toBe('“video.mov” is too large: files can be at most 25.0 MB.');
  });

  test('a viewer sees the files but cannot upload, delete or change the cover', () => {
    show(false);
    expect(screen.getAllByTestId('attachment')).toHaveLength(2);
    expect(screen.queryByLabelText('Attach files')).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Make cover' })).toBeNull();
  });

  test('the card front counts the files', () => {
    render(<AttachmentCount card={card} />);
    expect(screen.getByTestId('attachment-count').textContent).toBe('2 files');
  });
});
