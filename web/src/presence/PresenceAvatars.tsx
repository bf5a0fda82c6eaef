import { PersonName } from '../pages/PersonName';
import { Avatar } from './avatar';
import { useOthers } from './active';

/** How many faces the header shows before "+N". */
const SHOWN = 5;

/** The others who have this board open, as avatars in the board's header; nothing when one is alone. */
export const PresenceAvatars = () => {
  const others = useOthers();
  if (others.length === 0) return null;
  const hidden = others.length - SHOWN;
  return (
    <div className="flex items-center" data-testid="presence-avatars">
      <span className="sr-only">
        Also on this board:{' '}
        {others.map((v, i) => (
          <span key={v.userId}>
            {i > 0 && ', '}
            <PersonName name={v.name} />
          </span>
        ))}
      </span>
      <span className="flex -space-x-1.5">
        {others.slice(0, SHOWN).map((v) => (
          <Avatar key={v.userId} userId={v.userId} name={v.name} />
        ))}
      </span>
      {hidden > 0 && (
        <span aria-hidden="true" className="ml-1 text-xs text-slate-600">
          +{hidden}
        </span>
      )}
    </div>
  );
};
