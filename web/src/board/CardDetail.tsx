import { useState } from 'react';
import type { Card } from '../../../src/domain/board';
import type { ApiClient } from '../api/client';
import type { BoardOpInput } from '../sync/ops';
import { CardModelSections } from './card-model/CardModelSections';
import { CardAttachments } from './attachments/CardAttachments';
import { CardComments } from './CardComments';
import { CardEditForm } from './CardEditForm';
import { CardReadOnly } from './CardReadOnly';
import { Modal } from './Modal';
import { AlsoEditing } from '../presence/CardPresence';
import { WatchToggle } from './WatchToggle';

interface CardDetailProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly api: ApiClient;
  readonly base: string;
  /** The board's confirmed seq; the dialog remembers it from when it opened. */
  readonly seq: number;
  readonly mutate: (op: BoardOpInput) => string;
  readonly onClose: () => void;
}

/** Card details in a modal dialog: editable for members (merged live with others' edits), read-only for viewers. */
export const CardDetail = ({ card, canWrite, api, base, seq, mutate, onClose }: CardDetailProps) => {
  const [openedAt] = useState(seq);
  return (
    <Modal
      labelledBy="card-detail-title"
      onClose={onClose}
      returnFocus={() => document.querySelector<HTMLElement>(`[data-card-id="${card.id}"]`)}
    >
      <div className="mb-3 flex items-start gap-2">
        <h2 id="card-detail-title" className="min-w-0 flex-1 text-lg font-semibold wrap-anywhere">
          {card.title}
        </h2>
        <WatchToggle api={api} base={base} cardId={card.id} />
      </div>
      <AlsoEditing cardId={card.id} />
      {canWrite ? (
        <CardEditForm card={card} api={api} base={base} sinceSeq={openedAt} mutate={mutate} onClose={onClose} />
      ) : (
        <>
          <CardReadOnly card={card} />
          <button type="button" className="mt-2 rounded px-3 py-1 underline" onClick={onClose}>
            Close
          </button>
        </>
      )}
      <CardModelSections card={card} canWrite={canWrite} mutate={mutate} />
      <CardAttachments card={card} canWrite={canWrite} api={api} base={base} mutate={mutate} />
      <CardComments
        cardId={card.id}
        canWrite={canWrite}
        api={api}
        base={base}
        mutate={mutate}
        commentCount={card.commentCount}
      />
    </Modal>
  );
};
