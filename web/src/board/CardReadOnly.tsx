import type { Card } from '../../../src/domain/board';
import { MentionText } from '../mentions/MentionText';
import { useCardModel } from './card-model/context';

const Row = ({ term, children }: { term: string; children: React.ReactNode }) => (
  <div className="mb-2">
    <dt className="text-sm font-medium">{term}</dt>
    <dd className="text-sm whitespace-pre-wrap wrap-anywhere">{children}</dd>
  </div>
);

/** The card as a viewer sees it: text only, nothing that looks editable (labels, dates etc. follow in card-model/). */
export const CardReadOnly = ({ card }: { card: Card }) => {
  const { people } = useCardModel();
  return (
    <>
      <p className="mb-3 rounded bg-slate-100 px-2 py-1 text-sm text-slate-700" data-testid="read-only-notice">
        View only: you can read this card but not change it.
      </p>
      <dl>
        <Row term="Description">
          {card.description.trim() !== '' ? <MentionText text={card.description} people={people} /> : 'No description.'}
        </Row>
      </dl>
    </>
  );
};
