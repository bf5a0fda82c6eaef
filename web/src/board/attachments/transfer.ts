import { ApiError, NetworkError, type ApiClient } from '../../api/client';
import type { Attachment } from '../../../../src/domain/attachment';

/** What the upload route answers. */
export interface Uploaded {
  readonly attachment: Attachment;
  readonly seq: number;
}

const errorOf = (status: number, body: string): ApiError => {
  try {
    const err = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
    return new ApiError(status, err?.code ?? 'http_error', err?.message ?? `Upload failed (${status})`);
  } catch {
    return new ApiError(status, status === 413 ? 'file_too_large' : 'http_error', `Upload failed (${status})`);
  }
};

/** One upload over XMLHttpRequest: fetch cannot report upload progress. */
const sendOnce = (
  token: string | null,
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new NetworkError('The upload could not reach the server'));
    xhr.onabort = () => reject(new NetworkError('The upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });

/**
 * Uploads a file to a card (`…/cards/:cardId/attachments`), reporting progress from 0 to 1. An expired
 * access token is refreshed once, as the API client does for its own requests.
 */
export const uploadAttachment = async (
  api: ApiClient,
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Uploaded> => {
  let res = await sendOnce(api.token, url, file, onProgress, signal);
  if (res.status === 401 && (await api.refresh())) res = await sendOnce(api.token, url, file, onProgress, signal);
  if (res.status === 201) return JSON.parse(res.body) as Uploaded;
  throw errorOf(res.status, res.body);
};

/** A file the API serves to members only, as a Blob (an `<a href>` or `<img src>` cannot carry the token). */
export const fetchFile = async (api: ApiClient, url: string): Promise<Blob> => {
  const get = () =>
    fetch(url, { headers: api.token ? { Authorization: `Bearer ${api.token}` } : {}, credentials: 'same-origin' });
  let res = await get().catch(() => {
    throw new NetworkError('The file could not be downloaded');
  });
  if (res.status === 401 && (await api.refresh())) res = await get();
  if (!res.ok) throw errorOf(res.status, await res.text().catch(() => ''));
  return res.blob();
};

/** Hands a downloaded file to the browser to save under its name. */
export const saveBlob = (blob: Blob, name: string): void => {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
};
