import type { Card } from '../../../../src/domain/board';
import { api } from '../../api/session';
import { useThumbnail } from './useThumbnail';

/** The cover image and the file count on a card's front; nothing for a card without files. */
export const CardCover = ({ card }: { card: Card }) => {
  const cover = card.attachments.find((a) => a.id === card.coverAttachmentId && a.hasThumbnail);
  const src = useThumbnail(
    api,
    cover
      ? `/api/teams/${card.teamId}/boards/${card.boardId}/cards/${card.id}/attachments/${cover.id}/thumbnail`
      : null,
  );
  return src ? (
    <img src={src} alt="" className="mb-1 max-h-40 w-full rounded object-cover" data-testid="card-cover" />
  ) : null;
};

/** "2 files" on a card's front. */
export const AttachmentCount = ({ card }: { card: Card }) =>
  card.attachments.length > 0 ? (
    <span data-testid="attachment-count">
      {card.attachments.length} file{card.attachments.length === 1 ? '' : 's'}
    </span>
  ) : null;
