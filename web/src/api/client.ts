import type { ErrorCode, ValidationIssue } from '@liaison/contracts';
import { ERROR_STATUS } from '@liaison/contracts';

/** An API failure carrying the server's stable error `code`; screens switch on the code. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /**
   * The server's own sentence (`error.message`, in the request's Accept-Language); undefined when
   * the failure never reached the server's error shape (no network, a proxy's page).
   */
  readonly serverMessage: string | undefined;

  constructor(code: ErrorCode, message: string, status: number, details?: unknown, serverMessage?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.serverMessage = serverMessage;
  }

  /** Field problems of a `validation_failed` answer; empty for every other code. */
  get issues(): ValidationIssue[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is ValidationIssue =>
        typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
    );
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let requestLanguage: string | null = null;

/** The UI language, sent as Accept-Language so the server answers (and errs) in it. */
export function setRequestLanguage(language: string | null): void {
  requestLanguage = language;
}

/** Remembered from the login answer or GET /api/auth/me; sent back on every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** JSON-encoded, except FormData, which the browser sends as multipart with its own boundary. */
  body?: unknown;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(path: string, { method = 'GET', query, body }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (requestLanguage) headers['accept-language'] = requestLanguage;
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? (body as FormData) : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError('service_unavailable', cause instanceof Error ? cause.message : 'network error', 0);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    const code = body.error?.code;
    if (code && code in ERROR_STATUS) {
      const message =
        typeof body.error?.message === 'string' && body.error.message ? body.error.message : undefined;
      // The server's sentence is shown once it says it wrote it in the reader's language
      // (Content-Language); until then the client's own sentence for the code is.
      const language = response.headers.get('content-language')?.toLowerCase();
      const localised = !!language && language === requestLanguage?.toLowerCase();
      return new ApiError(
        code as ErrorCode,
        message ?? code,
        response.status,
        body.error?.details,
        localised ? message : undefined,
      );
    }
  } catch {
    // Not our JSON error shape (a proxy page, an empty body): fall through to the status.
  }
  return new ApiError(codeForStatus(response.status), response.statusText, response.status);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502 || status === 504) return 'service_unavailable';
  return 'internal_error';
}

/** Sends one API call and returns its parsed JSON body (or undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithStatus<T>(path, options)).body;
}

/** Like request(), for the few routes whose success status means something (201 stored, 202 held). */
export async function requestWithStatus<T>(
  path: string,
  options: RequestOptions = {},
): Promise<{ status: number; body: T }> {
  const response = await send(path, options);
  if (response.status === 204) return { status: 204, body: undefined as T };
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Fetches a file (e.g. an .xlsx export) and hands it to the browser as a download. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const response = await send(path, { query });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
