/** An answer of the API with an error body `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, server down): safe to retry with the same Idempotency-Key. */
export class NetworkError extends Error {}

/** The request was not sent: the session now belongs to another user than the one it was made for. */
export class SessionMismatch extends Error {}

export interface RequestOptions {
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Set for the refresh call itself so a 401 there does not loop. */
  readonly noRefresh?: boolean;
  /**
   * Send only under this user's session (a user's offline queue): with no token a refresh is tried
   * first, and a token of anybody else, before or after a refresh, throws `SessionMismatch` unsent.
   */
  readonly asUser?: string;
}

/** The user id (`sub`) a JWT names. Read without verifying: the server verifies, this only picks whose it is. */
export const tokenSubject = (token: string | null): string | null => {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
};

type Fetch = typeof fetch;

/**
 * The REST client. The access token lives only in this object's memory; the refresh token is an
 * HttpOnly cookie the browser sends to /api/auth only, so a script on the page can never read it.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  /** Told when a refresh brought a session of another user than the token it replaced. */
  onUserChanged: ((userId: string | null) => void) | null = null;

  constructor(
    private readonly baseUrl = '',
    private readonly fetchFn: Fetch = (...args) => fetch(...args),
  ) {}

  setAccessToken(token: string | null): void {
    this.accessToken = token;
  }

  get token(): string | null {
    return this.accessToken;
  }

  /** Whose session the access token is, or null without one. */
  get userId(): string | null {
    return tokenSubject(this.accessToken);
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    return this.parse<T>(await this.exchange(method, path, opts));
  }

  /** A GET whose answer is a file (e.g. a CSV export), as text. */
  async text(path: string): Promise<string> {
    const res = await this.exchange('GET', path, {});
    if (!res.ok) return this.parse<string>(res);
    return res.text();
  }

  private async exchange(method: string, path: string, opts: RequestOptions): Promise<Response> {
    if (opts.asUser !== undefined && this.accessToken === null) await this.refresh();
    this.checkUser(opts);
    const res = await this.send(method, path, opts);
    if (res.status !== 401 || opts.noRefresh || !(await this.refresh())) return res;
    this.checkUser(opts);
    return this.send(method, path, opts);
  }

  private checkUser(opts: RequestOptions): void {
    if (opts.asUser !== undefined && this.userId !== opts.asUser)
      throw new SessionMismatch('This change belongs to another account and was not sent.');
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one attempt. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.request<{ accessToken: string }>('POST', '/api/auth/refresh', { noRefresh: true })
      .then((r) => {
        const before = this.userId;
        this.accessToken = r.accessToken;
        // The cookie is the browser's: another tab may have signed in as someone else meanwhile.
        if (before !== null && before !== this.userId) this.onUserChanged?.(this.userId);
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof NetworkError) throw err;
        this.accessToken = null;
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    try {
      return await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
      });
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : 'Network error');
    }
  }

  private async parse<T>(res: Response): Promise<T> {
    if (res.status === 204) return undefined as T;
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) return json as T;
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `Request failed (${res.status})`);
  }
}
