import { useMemo } from 'react';
import { PersonName } from '../pages/PersonName';
import { Avatar } from './avatar';
import { useEditing, useOthers } from './active';
import { nameList } from './presence-store';

const useEditors = (cardId: string) => {
  const others = useOthers();
  return useMemo(() => others.filter((v) => v.editing === cardId), [others, cardId]);
};

/** "Ana", "Ana and Ben", "Ana, Ben and 2 others", each name isolated as `PersonName` does. */
const Names = ({ names }: { names: readonly string[] }) => {
  const rest = names.length - 2;
  return (
    <>
      <PersonName name={names[0] ?? ''} />
      {names.length > 1 && (rest > 0 ? ', ' : ' and ')}
      {names.length > 1 && <PersonName name={names[1] ?? ''} />}
      {rest > 0 && ` and ${rest} other${rest === 1 ? '' : 's'}`}
    </>
  );
};

/** On a card's front: the faces of the others who have its dialog open. */
export const EditingMarker = ({ cardId }: { cardId: string }) => {
  const editors = useEditors(cardId);
  if (editors.length === 0) return null;
  const label = `${nameList(editors.map((v) => v.name))} ${editors.length === 1 ? 'has' : 'have'} this card open`;
  return (
    <span className="ml-auto flex -space-x-1" title={label} data-testid="editing-marker">
      {editors.slice(0, 3).map((v) => (
        <Avatar key={v.userId} userId={v.userId} name={v.name} title={label} small />
      ))}
    </span>
  );
};

/** In a card's dialog: says this tab has the card open, and who else has. */
export const AlsoEditing = ({ cardId }: { cardId: string }) => {
  useEditing(cardId);
  const editors = useEditors(cardId);
  // The live region is always there, so a person opening the card later is announced.
  return (
    <div role="status" className="mb-2 empty:hidden">
      {editors.length > 0 && (
        <p className="flex items-center gap-2 text-sm text-amber-900" data-testid="also-editing">
          {editors.slice(0, 3).map((v) => (
            <Avatar key={v.userId} userId={v.userId} name={v.name} small />
          ))}
          <span>
            <Names names={editors.map((v) => v.name)} /> {editors.length === 1 ? 'is' : 'are'} also editing
          </span>
        </p>
      )}
    </div>
  );
};
