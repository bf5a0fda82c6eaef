import { ApiError, NetworkError, type ApiClient } from './client';

/** What the server answered an upload: its status and body, still unparsed. */
export interface UploadAnswer {
  readonly status: number;
  readonly body: string;
}

/** The error an answer's body `{"error":{"code","message"}}` names; the fallbacks when the body says nothing. */
export const apiErrorOf = (
  status: number,
  body: string,
  fallbackCode = 'http_error',
  fallbackMessage = `Upload failed (${status})`,
): ApiError => {
  try {
    const err = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
    return new ApiError(status, err?.code ?? fallbackCode, err?.message ?? fallbackMessage);
  } catch {
    return new ApiError(status, fallbackCode, fallbackMessage);
  }
};

/** One upload over XMLHttpRequest: fetch cannot report upload progress. */
const sendOnce = (
  token: string | null,
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadAnswer> =>
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
 * Posts a file as the multipart field `file`, reporting upload progress from 0 to 1. An expired access
 * token is refreshed once, as the API client does for its own requests.
 */
export const uploadFile = async (
  api: ApiClient,
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadAnswer> => {
  const res = await sendOnce(api.token, url, file, onProgress, signal);
  if (res.status !== 401 || !(await api.refresh())) return res;
  return sendOnce(api.token, url, file, onProgress, signal);
};
