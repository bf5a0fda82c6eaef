import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { messageOf } from '../api/session';

/** Downloads through fetch (the access token is in memory, so a plain link could not authenticate). */
export const ExportButtons = ({ api, base, title }: { api: ApiClient; base: string; title: string }) => {
  const [error, setError] = useState<string | null>(null);
  const download = async (format: 'json' | 'csv') => {
    try {
      const text = await api.text(`${base}/export?format=${format}`);
      const blob = new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${title.replace(/[^\w-]+/g, '-')}.${format}`;
      a.click();
      URL.revokeObjectURL(a.href);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <span className="flex items-center gap-2">
      <button type="button" className="rounded bg-white px-2 py-1 text-sm shadow" onClick={() => void download('json')}>
        Export JSON
      </button>
      <button type="button" className="rounded bg-white px-2 py-1 text-sm shadow" onClick={() => void download('csv')}>
        Export CSV
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
};
