import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { syncUnsynced, unsyncedChanges, useSession } from '../api/session';

const plural = (n: number) => `${n} change${n === 1 ? '' : 's'}`;

/**
 * Log out, but never silently lose work: with changes still waiting on this device (made offline, or
 * not yet confirmed) it asks first, offering to sync them, to discard them, or to stay signed in.
 */
export const LogoutButton = () => {
  const logOut = useSession((s) => s.logOut);
  const navigate = useNavigate();
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const leave = () => void logOut().then(() => navigate('/login'));
  const start = () => {
    const n = unsyncedChanges();
    if (n === 0) return leave();
    setFailed(false);
    setWaiting(n);
  };
  const syncThenLeave = async () => {
    setBusy(true);
    const left = await syncUnsynced();
    setBusy(false);
    if (left === 0) return leave();
    setWaiting(left);
    setFailed(true);
  };

  return (
    <>
      <button type="button" className="rounded bg-indigo-900 px-2 py-1" onClick={start}>
        Log out
      </button>
      {waiting > 0 && (
        <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4">
          <div
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="logout-title"
            aria-describedby="logout-text"
            className="w-full max-w-md rounded-lg bg-white p-6 text-slate-900 shadow-xl"
            onKeyDown={(e) => {
              if (e.key === 'Escape' && !busy) setWaiting(0);
            }}
          >
            <h2 id="logout-title" className="text-lg font-semibold">
              You have unsynced changes
            </h2>
            <p id="logout-text" className="mt-2 text-sm">
              {failed
                ? `${plural(waiting)} could not be sent: the server cannot be reached. `
                : `${plural(waiting)} on this device ${waiting === 1 ? 'has' : 'have'} not reached the server yet. `}
              Logging out removes them from this device for good.
            </p>
            <div className="mt-4 flex flex-wrap justify-end gap-2">
              <button
                type="button"
                className="rounded px-3 py-1 underline"
                onClick={() => setWaiting(0)}
                disabled={busy}
                autoFocus
              >
                Stay signed in
              </button>
              <button type="button" className="rounded bg-red-700 px-3 py-1 text-white" onClick={leave} disabled={busy}>
                Discard and log out
              </button>
              <button
                type="button"
                className="rounded bg-indigo-700 px-3 py-1 text-white"
                onClick={() => void syncThenLeave()}
                disabled={busy}
              >
                {busy ? 'Syncing…' : 'Sync and log out'}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
};
