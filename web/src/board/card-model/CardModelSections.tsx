import type { Card } from '../../../../src/domain/board';
import type { BoardOpInput } from '../../sync/ops';
import { ChecklistsSection } from './ChecklistsSection';
import { DatesSection } from './DatesSection';
import { LabelsSection } from './LabelsSection';
import { MembersSection } from './MembersSection';

interface CardModelSectionsProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly mutate: (op: BoardOpInput) => string;
}

/**
 * The card dialog's labels, members, dates and checklists. Each change is its own op, sent at once
 * (not on Save): two people ticking different items never overwrite each other.
 */
export const CardModelSections = (props: CardModelSectionsProps) => (
  <div data-testid="card-model-sections">
    <LabelsSection {...props} />
    <MembersSection {...props} />
    <DatesSection {...props} />
    <ChecklistsSection {...props} />
  </div>
);
