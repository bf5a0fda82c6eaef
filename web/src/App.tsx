import { useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from './api/session';
import { AccountPage } from './pages/AccountPage';
import { BoardPage } from './pages/BoardPage';
import { LoginPage, SignupPage } from './pages/AuthPages';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordResetPages';
import { SettingsPage } from './pages/SettingsPage';
import { TeamsPage } from './pages/TeamsPage';
import { MembersPage } from './pages/MembersPage';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { AssignedPage } from './pages/AssignedPage';
import { useInboxLive } from './inbox/inbox';

const RequireSession = ({ children }: { children: ReactNode }) => {
  const status = useSession((s) => s.status);
  if (status === 'unknown') return <p className="p-8 text-slate-500">Loading…</p>;
  if (status === 'anonymous') return <Navigate to="/login" replace />;
  return <>{children}</>;
};

export const App = () => {
  const restore = useSession((s) => s.restore);
  useEffect(() => {
    void restore();
  }, [restore]);
  useInboxLive();
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route
          path="/account"
          element={
            <RequireSession>
              <AccountPage />
            </RequireSession>
          }
        />
        <Route
          path="/app"
          element={
            <RequireSession>
              <TeamsPage />
            </RequireSession>
          }
        />
        <Route
          path="/app/teams/:teamId/boards/:boardId"
          element={
            <RequireSession>
              <BoardPage />
            </RequireSession>
          }
        />
        <Route
          path="/app/teams/:teamId/members"
          element={
            <RequireSession>
              <MembersPage />
            </RequireSession>
          }
        />
        <Route
          path="/app/teams/:teamId/assigned"
          element={
            <RequireSession>
              <AssignedPage />
            </RequireSession>
          }
        />
        <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
        <Route
          path="/settings"
          element={
            <RequireSession>
              <SettingsPage />
            </RequireSession>
          }
        />
        <Route path="*" element={<Navigate to="/app" replace />} />
      </Routes>
    </BrowserRouter>
  );
};
