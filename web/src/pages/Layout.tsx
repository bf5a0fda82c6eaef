import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../api/session';
import { SkipLink } from './SkipLink';

export const Layout = ({ children, wide = false }: { children: ReactNode; wide?: boolean }) => {
  const { user, logOut } = useSession();
  const navigate = useNavigate();
  return (
    <div className="min-h-screen bg-slate-100 text-slate-900">
      <SkipLink />
      <header className="flex items-center gap-4 bg-indigo-700 px-4 py-2 text-white">
        <Link to="/app" className="font-semibold">
          Boardroom
        </Link>
        <nav className="ml-auto flex items-center gap-3 text-sm">
          {user && <span aria-label="Signed in as">{user.name}</span>}
          <Link to="/account" className="underline">
            Account
          </Link>
          <Link to="/settings" className="underline">
            Settings
          </Link>
          <button
            type="button"
            className="rounded bg-indigo-900 px-2 py-1"
            onClick={() => void logOut().then(() => navigate('/login'))}
          >
            Log out
          </button>
        </nav>
      </header>
      <main id="content" tabIndex={-1} className={`outline-none ${wide ? 'p-4' : 'mx-auto max-w-3xl p-6'}`}>
        {children}
      </main>
    </div>
  );
};
