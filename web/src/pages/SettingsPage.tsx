import { useState } from 'react';
import type { DigestMode, NotificationPreference } from '../../../src/domain/notification';
import { api, messageOf, useSession, type SessionUser } from '../api/session';
import { Layout } from './Layout';
import { usePageTitle } from './usePageTitle';

const KINDS: readonly { readonly key: NotificationPreference; readonly label: string }[] = [
  { key: 'assigned', label: 'Email me when I am assigned a card' },
  { key: 'mentioned', label: 'Email me when someone mentions me' },
  { key: 'comment', label: 'Email me about comments on cards I am assigned to or watch' },
  { key: 'due', label: 'Email me when a card I am assigned to is due soon or overdue' },
  { key: 'invited', label: 'Email me when I am invited to a team' },
];

const DIGESTS: readonly { readonly value: DigestMode; readonly label: string }[] = [
  { value: 'immediately', label: 'Immediately' },
  { value: 'hourly', label: 'Hourly digest' },
  { value: 'daily', label: 'Daily digest' },
];

/** Every zone this browser knows, with the person's own first in the list if the browser lacks it. */
const zonesWith = (current: string): readonly string[] => {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...known])];
};

const DEVICE_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

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

  // A profile cached by an older version of the app has no zone: the server's default then.
  const zone = user.settings.timeZone ?? 'UTC';
  const save = async (body: Record<string, unknown>) => {
    try {
      const res = await api.request<{ user: SessionUser }>('PATCH', '/api/me/settings', { body });
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
        {KINDS.map(({ key, label }) => (
          <label key={key} className="flex items-center gap-2 py-1">
            <input
              type="checkbox"
              checked={user.settings.email[key]}
              onChange={(e) => void save({ email: { [key]: e.target.checked } })}
            />
            {label}
          </label>
        ))}
        <label className="mt-2 flex items-center gap-2 py-1">
          Send e-mails
          <select
            value={user.settings.digest}
            onChange={(e) => void save({ digest: e.target.value })}
            className="rounded border px-2 py-1"
          >
            {DIGESTS.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="mt-2 flex flex-wrap items-center gap-2 py-1">
          Time zone for digests
          <select
            value={zone}
            onChange={(e) => void save({ timeZone: e.target.value })}
            className="rounded border px-2 py-1"
          >
            {zonesWith(zone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          {DEVICE_ZONE && DEVICE_ZONE !== zone && (
            <button type="button" className="text-sm underline" onClick={() => void save({ timeZone: DEVICE_ZONE })}>
              Use this device's zone ({DEVICE_ZONE})
            </button>
          )}
        </label>
        <p className="text-sm text-slate-600">Hourly and daily digests go out on this zone's hours and midnights.</p>
      </fieldset>
      <p role="status" className="mt-2 text-sm text-slate-600">
        {status}
      </p>
    </Layout>
  );
};
