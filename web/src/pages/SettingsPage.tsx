import { useState } from 'react';
import type { NotificationSettings } from '../../../src/domain/user';
import { api, messageOf, useSession, type SessionUser } from '../api/session';
import { Layout } from './Layout';
import { usePageTitle } from './usePageTitle';

const LABELS: Record<keyof NotificationSettings, string> = {
  emailOnMention: 'Email me when someone mentions me',
  emailOnAssignment: 'Email me when I am assigned a card',
  dailyDigest: 'Send me a daily digest',
};

/** Notification preferences, stored on the server with the user. */
export const SettingsPage = () => {
  const { user, setUser } = useSession();
  const [status, setStatus] = useState<string | null>(null);
  usePageTitle('Settings');
  if (!user)
    return (
      <Layout>
        <p>Settings are unavailable offline.</p>
      </Layout>
    );

  const toggle = async (key: keyof NotificationSettings, value: boolean) => {
    try {
      const res = await api.request<{ user: SessionUser }>('PATCH', '/api/me/settings', { body: { [key]: value } });
      setUser(res.user);
      setStatus('Saved.');
    } catch (err) {
      setStatus(messageOf(err));
    }
  };

  return (
    <Layout>
      <h1 className="mb-4 text-2xl font-semibold">Settings</h1>
      <fieldset className="rounded-lg bg-white p-4 shadow">
        <legend className="px-1 font-medium">Notifications</legend>
        {(Object.keys(LABELS) as (keyof NotificationSettings)[]).map((key) => (
          <label key={key} className="flex items-center gap-2 py-1">
            <input type="checkbox" checked={user.settings[key]} onChange={(e) => void toggle(key, e.target.checked)} />
            {LABELS[key]}
          </label>
        ))}
      </fieldset>
      <p role="status" className="mt-2 text-sm text-slate-600">
        {status}
      </p>
    </Layout>
  );
};
