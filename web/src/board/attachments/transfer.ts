import { NetworkError, type ApiClient, type ApiError } from '../../api/client';
import { apiErrorOf, uploadFile } from '../../api/upload';
import type { Attachment } from '../../../../src/domain/attachment';

/** What the upload route answers. */
export interface Uploaded {
  readonly attachment: Attachment;
  readonly seq: number;
}

const errorOf = (status: number, body: string): ApiError =>
  apiErrorOf(status, body, status === 413 ? 'file_too_large' : 'http_error');

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
  const res = await uploadFile(api, url, file, onProgress, signal);
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
