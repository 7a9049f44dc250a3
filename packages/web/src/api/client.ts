import type { Problem } from '@dermis/core';

/** Codes the client itself produces when there is no problem+json body to read. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNKNOWN_ERROR = 'UNKNOWN_ERROR';

/** An API call that did not succeed. `code` is the server's stable error code (or one of ours above). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;

  constructor(status: number, code: string, problem: Problem | null) {
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
  }

  get retryAfterSeconds(): number | undefined {
    return this.problem?.retryAfterSeconds;
  }
}

export type SessionLossCode = 'SESSION_EXPIRED' | 'UNAUTHENTICATED';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Do not announce a 401 as a lost session (used by the session probe on app load). */
  isSessionProbe?: boolean;
  /** Extra request headers (e.g. Idempotency-Key); they cannot replace the ones the client sets itself. */
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const UNSAFE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * A small same-origin JSON client. Cookies are HttpOnly, so the only credential the code handles is
 * the CSRF token from the latest SessionInfo, sent on every state-changing request.
 */
export class ApiClient {
  private csrfToken: string | null = null;
  private readonly contactListeners = new Set<(startedAt: number) => void>();
  private readonly lossListeners = new Set<(code: SessionLossCode) => void>();
  private readonly fetchImpl: FetchLike;
  private readonly now: () => number;

  constructor(fetchImpl: FetchLike, now: () => number = Date.now) {
    this.fetchImpl = fetchImpl;
    this.now = now;
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Called after every successful response with the time the request started (the server saw it later). */
  onServerContact(listener: (startedAt: number) => void): () => void {
    this.contactListeners.add(listener);
    return () => this.contactListeners.delete(listener);
  }

  /** Called when any call answers 401 because the session is gone. */
  onSessionLost(listener: (code: SessionLossCode) => void): () => void {
    this.lossListeners.add(listener);
    return () => this.lossListeners.delete(listener);
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
    const hasBody = options.body !== undefined;
    if (hasBody) headers['Content-Type'] = 'application/json';
    if (UNSAFE_METHODS.has(method) && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;

    const startedAt = this.now();
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        body: hasBody ? JSON.stringify(options.body) : null,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, NETWORK_ERROR, null);
    }

    if (!response.ok) throw await this.failure(response, options);
    for (const listener of this.contactListeners) listener(startedAt);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async failure(response: Response, options: RequestOptions): Promise<ApiError> {
    let problem: Problem | null = null;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        const body: unknown = await response.json();
        if (isProblem(body)) problem = body;
      } catch {
        // A broken error body is still an error; fall through to the generic code.
      }
    }
    const code = problem?.code ?? UNKNOWN_ERROR;
    if (response.status === 401 && (code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED')) {
      this.csrfToken = null;
      if (!options.isSessionProbe) for (const listener of this.lossListeners) listener(code);
    }
    return new ApiError(response.status, code, problem);
  }
}

export const api = new ApiClient((input, init) => fetch(input, init));
