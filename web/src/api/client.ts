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

export interface RequestOptions {
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Set for the refresh call itself so a 401 there does not loop. */
  readonly noRefresh?: boolean;
}

type Fetch = typeof fetch;

/**
 * The REST client. The access token lives only in this object's memory; the refresh token is an
 * HttpOnly cookie the browser sends to /api/auth only, so a script on the page can never read it.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;

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
    const res = await this.send(method, path, opts);
    if (res.status === 401 && !opts.noRefresh && (await this.refresh())) return this.send(method, path, opts);
    return res;
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one attempt. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.request<{ accessToken: string }>('POST', '/api/auth/refresh', { noRefresh: true })
      .then((r) => {
        this.accessToken = r.accessToken;
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
