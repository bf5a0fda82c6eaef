import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Board, Card } from './board';
import { ATTACHMENT_LIMITS, isImageAttachment, type Attachment } from './attachment';
import { conflict, notFound, unprocessable, type AppError } from './errors';
import type { BoardEvent } from './events';
import { onBoard, writable } from './guards';

/** Decisions about a card's files: putting one on, taking one off, choosing the cover. */
type Decision = E.Either<AppError, BoardEvent>;

const cardOn = (board: Board, card: Card) =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
  );

/** Records a stored file on a card. */
export const addAttachment = (board: Board, card: Card, attachment: Attachment): Decision =>
  pipe(
    cardOn(board, card),
    E.chainFirst(() =>
      card.attachments.some((a) => a.id === attachment.id)
        ? E.left(conflict('Id taken', 'id_taken'))
        : card.attachments.length >= ATTACHMENT_LIMITS.perCard
          ? E.left(unprocessable(`A card has at most ${ATTACHMENT_LIMITS.perCard} attachments`, 'too_many_attachments'))
          : E.right(undefined),
    ),
    E.map(() => ({ kind: 'attachment.added' as const, data: { cardId: card.id, title: card.title, attachment } })),
  );

/** The attachment of a card with this id, or not found. */
export const attachmentOf = (card: Card, attachmentId: string): E.Either<AppError, Attachment> => {
  const found = card.attachments.find((a) => a.id === attachmentId);
  return found ? E.right(found) : E.left(notFound('Attachment'));
};

/** Takes a file off a card (it stops being the cover if it was). */
export const removeAttachment = (board: Board, card: Card, attachmentId: string): Decision =>
  pipe(
    cardOn(board, card),
    E.chain(() => attachmentOf(card, attachmentId)),
    E.map((attachment) => ({
      kind: 'attachment.removed' as const,
      data: { cardId: card.id, title: card.title, attachment },
    })),
  );

/** A cover must be one of the card's own image attachments (or null for none). */
export const checkCover = (card: Card, coverAttachmentId: string | null | undefined): E.Either<AppError, void> => {
  if (coverAttachmentId === undefined || coverAttachmentId === null) return E.right(undefined);
  const found = card.attachments.find((a) => a.id === coverAttachmentId);
  if (!found) return E.left(unprocessable('The cover must be an attachment of this card', 'cover_not_attachment'));
  return isImageAttachment(found)
    ? E.right(undefined)
    : E.left(unprocessable('Only an image can be the cover', 'cover_not_image'));
};
