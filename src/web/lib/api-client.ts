import { isExtranetClosed, type Problem, parseProblem } from './problem';
import { parseRetryAfter } from './retry-after';

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Wraps anything thrown so callers can always show `problem`. */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  return new ApiError({
    status: 0,
    type: null,
    title: 'Something unexpected happened. Try again.',
    detail: null,
    errors: [],
    retryAfterSeconds: null,
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type SessionEndedListener = () => void;
let sessionEndedListener: SessionEndedListener | null = null;

/** The session provider registers here so any 401 can send the person back to sign-in. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListener = listener;
  return () => {
    if (sessionEndedListener === listener) sessionEndedListener = null;
  };
}

type ExtranetClosedListener = (message: string) => void;
let extranetClosedListener: ExtranetClosedListener | null = null;

/** The session provider registers here so a guest refused because the extranet closed sees why. */
export function onExtranetClosed(listener: ExtranetClosedListener): () => void {
  extranetClosedListener = listener;
  return () => {
    if (extranetClosedListener === listener) extranetClosedListener = null;
  };
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A 401 normally means the session ended. Sign-in answers 401 for a wrong password and the
   * first "who am I" probe answers 401 for visitors, so those calls opt out.
   */
  expectUnauthorized?: boolean;
  /** Extra request headers, e.g. If-Match for optimistic concurrency. */
  headers?: Record<string, string>;
}

export interface WithEtag<T> {
  data: T;
  /** The version the server answered with; send it back as If-Match to update safely. */
  etag: string | null;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch (error) {
    // A request cancelled while its body was on the way is cancelled, not an empty answer.
    if (isAbortError(error)) throw error;
    return undefined;
  }
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<WithEtag<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal ?? null };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    // fetch only rejects when nothing came back (offline, DNS, server down).
    throw new ApiError(parseProblem(0, null));
  }

  const body = await readBody(response);
  // An answer that arrives after its request was cancelled belongs to nobody any more.
  options.signal?.throwIfAborted();
  if (response.ok) return { data: body as T, etag: response.headers.get('ETag') };

  if (response.status === 401 && !options.expectUnauthorized) sessionEndedListener?.();
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const problem = parseProblem(response.status, body, retryAfter);
  if (isExtranetClosed(problem)) extranetClosedListener?.(problem.detail ?? problem.title);
  throw new ApiError(problem);
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await send<T>(method, path, options)).data;
}

/** Like apiRequest, but also hands back the ETag header for a later If-Match. */
export function apiRequestWithEtag<T>(method: string, path: string, options: RequestOptions = {}): Promise<WithEtag<T>> {
  return send<T>(method, path, options);
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, options),
};
