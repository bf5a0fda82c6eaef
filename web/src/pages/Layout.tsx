import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../api/session';
import { InboxBell } from '../inbox/InboxBell';
import { SkipLink } from './SkipLink';
import { LogoutButton } from './LogoutButton';

export const Layout = ({ children, wide = false }: { children: ReactNode; wide?: boolean }) => {
  const user = useSession((s) => s.user);
  return (
    <div className="min-h-screen bg-slate-100 text-slate-900">
      <SkipLink />
      <header className="flex items-center gap-4 bg-indigo-700 px-4 py-2 text-white">
        <Link to="/app" className="font-semibold">
          Boardroom
        </Link>
        <nav className="ml-auto flex items-center gap-3 text-sm">
          {user && <span aria-label="Signed in as">{user.name}</span>}
          {user && <InboxBell />}
          <Link to="/account" className="underline">
            Account
          </Link>
          <Link to="/settings" className="underline">
            Settings
          </Link>
          <LogoutButton />
        </nav>
      </header>
      <main id="content" tabIndex={-1} className={`outline-none ${wide ? 'p-4' : 'mx-auto max-w-3xl p-6'}`}>
        {children}
      </main>
    </div>
  );
};
