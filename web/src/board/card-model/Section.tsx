import { useId, type ReactNode } from 'react';
import type { CardSection } from '../card-section';

/** One part of the card dialog, with a heading; `name` is what the l/m/d shortcuts look for. */
export const Section = ({
  name,
  title,
  children,
}: {
  name: CardSection | 'checklists';
  title: string;
  children: ReactNode;
}) => {
  const id = useId();
  return (
    <section aria-labelledby={id} data-card-section={name} className="mt-4 border-t border-slate-200 pt-3">
      <h3 id={id} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
};
