import type { Problem } from './types.ts';

/** An API failure with a message that is already fit to show a person (localized by the server). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: { field: string; message: string }[];
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, fieldErrors: { field: string; message: string }[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.requestId = requestId;
  }
}

type Lang = 'zh-CN' | 'en';

const state: { csrfToken: string | null; lang: Lang; onUnauthorized: (() => void) | null; onPasswordChangeRequired: (() => void) | null } = {
  csrfToken: null,
  lang: 'zh-CN',
  onUnauthorized: null,
  onPasswordChangeRequired: null,
};

export function setCsrfToken(token: string | null) {
  state.csrfToken = token;
}
export function setApiLanguage(lang: Lang) {
  state.lang = lang;
}
/** Called when a request answers 401 (session ended or expired) or 403 auth.passwordChangeRequired. */
export function setAuthHandlers(h: { onUnauthorized: () => void; onPasswordChangeRequired: () => void }) {
  state.onUnauthorized = h.onUnauthorized;
  state.onPasswordChangeRequired = h.onPasswordChangeRequired;
}

const FALLBACK: Record<Lang, { network: string; server: string; unknown: string }> = {
  'zh-CN': {
    network: '无法连接服务器，请检查网络后重试',
    server: '服务器暂时无法处理请求，请稍后再试',
    unknown: '操作未能完成，请稍后再试',
  },
  en: {
    network: 'Cannot reach the server; check the network and try again',
    server: 'The server cannot handle the request right now; try again later',
    unknown: 'The operation did not complete; try again later',
  },
};

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; signal?: AbortSignal; quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.lang };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (opts.signal) init.signal = opts.signal;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body ?? {});
    if (state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', FALLBACK[state.lang].network);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
  let problem: Problem = {};
  try {
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json')) problem = (await res.json()) as Problem;
  } catch {
    problem = {};
  }
  const code = typeof problem.code === 'string' ? problem.code : `http.${res.status}`;
  const fallback = res.status >= 500 ? FALLBACK[state.lang].server : FALLBACK[state.lang].unknown;
  const message = typeof problem.detail === 'string' && problem.detail ? problem.detail : typeof problem.title === 'string' && problem.title ? problem.title : fallback;
  const error = new ApiError(res.status, code, message, Array.isArray(problem.errors) ? problem.errors : [], problem.requestId);
  if (res.status === 401 && !opts.quiet401) state.onUnauthorized?.();
  if (res.status === 403 && code === 'auth.passwordChangeRequired') state.onPasswordChangeRequired?.();
  return Promise.reject(error);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, signal ? { query, signal } : { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** For the sign-in screens, where a 401 is an answer, not a lost session. */
  quiet: {
    get: <T>(path: string) => request<T>('GET', path, { quiet401: true }),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body, quiet401: true }),
  },
};

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return FALLBACK[state.lang].unknown;
}
