import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { fetchFile } from './transfer';

// Thumbnails never change (a new upload is a new id): one object URL per thumbnail for the page's life.
const cache = new Map<string, Promise<string | null>>();

/** An object URL of a thumbnail the API serves to members only, or null until (or unless) it loads. */
export const useThumbnail = (api: ApiClient, url: string | null): string | null => {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (url === null) {
      setSrc(null);
      return;
    }
    let live = true;
    const known =
      cache.get(url) ??
      fetchFile(api, url).then(
        (blob) => URL.createObjectURL(blob),
        () => {
          cache.delete(url);
          return null;
        },
      );
    cache.set(url, known);
    void known.then((s) => live && setSrc(s));
    return () => {
      live = false;
    };
  }, [api, url]);
  return src;
};
