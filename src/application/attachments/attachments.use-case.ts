import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  ATTACHMENT_LIMITS,
  attachmentName,
  attachmentOf,
  commands,
  isImageAttachment,
  notFound,
  thumbnailBlobId,
  tooLarge,
  type AppError,
  type Attachment,
  type CardId,
  type Origin,
  type Uuid,
} from '../../domain';
import type { Actor, AttachmentDownload, BoardTarget, Mutation, UploadedFile } from '../api';
import { authorize } from '../authorization';
import { fromEvent, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { spendMutation } from '../rate-limits';
import { quotaOf, storeThumbnail } from './thumbnails';

type Result<T> = TE.TaskEither<AppError, T>;

const card = (deps: AppDeps, { teamId, boardId }: BoardTarget, cardId: CardId) =>
  deps.boards.card(teamId, boardId, cardId);

/** A team at its quota is refused before a byte of the upload is read. */
const roomLeft = (deps: AppDeps, target: BoardTarget, quotaBytes: number): Result<void> =>
  pipe(
    deps.blobs.usage(target.teamId),
    TE.chain((used) =>
      used >= quotaBytes
        ? TE.left(tooLarge("The team's storage quota is used up", 'quota_exceeded'))
        : TE.right(undefined),
    ),
  );

/** Best effort: a blob left behind by a failure costs quota until deleted, never correctness. */
const forget = (deps: AppDeps, target: BoardTarget, ids: readonly Uuid[]): Result<void> =>
  TE.fromTask(async () => {
    for (const id of ids) await deps.blobs.delete(target.teamId, id)();
  });

/**
 * Stores a file on a card: the card must exist and the caller may write cards; the team's quota must
 * have room before a byte is read. The bytes are stored (invisible until complete), an image gets a
 * thumbnail, and only then is `attachment.added` committed. A retry with the same origin answers the
 * first upload and drops the second copy of the bytes.
 */
export const uploadAttachment =
  (deps: AppDeps) =>
  (
    actor: Actor,
    target: BoardTarget,
    cardId: CardId,
    file: () => Result<UploadedFile>,
    origin: Origin | null,
  ): Result<Mutation<Attachment>> => {
    const id = deps.ids.next() as Uuid;
    const quotaBytes = quotaOf(deps);
    return pipe(
      authorize(deps)(actor, target.teamId, 'card.write'),
      TE.chain(() => spendMutation(deps)(actor)),
      TE.chain(() => card(deps, target, cardId)),
      TE.chain(() => roomLeft(deps, target, quotaBytes)),
      TE.chain(() => file()),
      TE.chain((upload) =>
        pipe(
          deps.blobs.put(target.teamId, id, upload.data, { maxBytes: ATTACHMENT_LIMITS.maxBytes, quotaBytes }),
          TE.map((info) => ({ info, name: upload.name })),
        ),
      ),
      TE.chain(({ info, name }) =>
        pipe(
          // A preview is a nicety: failing to make one never fails the upload.
          isImageAttachment(info)
            ? pipe(
                storeThumbnail(deps, target.teamId, id),
                TE.orElse((): Result<boolean> => TE.right(false)),
              )
            : TE.right(false),
          TE.map((hasThumbnail): Attachment => ({
            id,
            name: attachmentName(name),
            size: info.size,
            contentType: info.contentType,
            createdAt: deps.clock.now().toISOString(),
            createdBy: actor.userId,
            hasThumbnail,
          })),
        ),
      ),
      TE.chain((attachment) =>
        pipe(
          mutateBoard(deps)(
            { actor, teamId: target.teamId, boardId: target.boardId, origin, action: 'card.write' },
            (tx) =>
              pipe(
                tx.card(cardId),
                TE.chainEitherK((c) => commands.addAttachment(tx.board, c, attachment)),
              ),
            // A replayed origin that recorded another change is a conflict, as for every create.
            fromEvent('attachment.added', (d) => d.attachment),
          ),
          TE.orElseFirst(() => forget(deps, target, [id, thumbnailBlobId(id)])),
          // A replayed origin answers the first upload; this request's bytes are not needed.
          TE.chainFirst((m) =>
            m.value.id === id ? TE.right(undefined) : forget(deps, target, [id, thumbnailBlobId(id)]),
          ),
        ),
      ),
    );
  };

/** The attachment of a card the caller may read, with the blob `pick` names. */
const read =
  (deps: AppDeps, pick: (a: Attachment) => E.Either<AppError, Uuid>) =>
  (actor: Actor, target: BoardTarget, cardId: CardId, attachmentId: Uuid): Result<AttachmentDownload> =>
    pipe(
      authorize(deps)(actor, target.teamId, 'board.read'),
      TE.chain(() => card(deps, target, cardId)),
      TE.chainEitherK((c) => attachmentOf(c, attachmentId)),
      TE.chain((attachment) =>
        pipe(
          TE.fromEither(pick(attachment)),
          TE.chain((blobId) => deps.blobs.get(target.teamId, blobId)),
          TE.map((blob) => ({ attachment, blob })),
        ),
      ),
    );

export const downloadAttachment = (deps: AppDeps) => read(deps, (a) => E.right(a.id));

export const attachmentThumbnail = (deps: AppDeps) =>
  read(deps, (a) => (a.hasThumbnail ? E.right(thumbnailBlobId(a.id)) : E.left(notFound('Thumbnail'))));

/** Takes a file off a card (`attachment.removed`), then deletes its bytes and thumbnail. */
export const removeAttachment =
  (deps: AppDeps) =>
  (
    actor: Actor,
    target: BoardTarget,
    cardId: CardId,
    attachmentId: Uuid,
    origin: Origin | null,
  ): Result<Mutation<{ id: Uuid }>> =>
    pipe(
      spendMutation(deps)(actor),
      TE.chain(() =>
        mutateBoard(deps)(
          { actor, teamId: target.teamId, boardId: target.boardId, origin, action: 'card.write' },
          (tx) =>
            pipe(
              tx.card(cardId),
              TE.chainEitherK((c) => commands.removeAttachment(tx.board, c, attachmentId)),
            ),
          () => TE.right({ id: attachmentId }),
        ),
      ),
      TE.chainFirst(() => forget(deps, target, [attachmentId, thumbnailBlobId(attachmentId)])),
    );
