import { endSession, sessionToken } from './session.ts';

/** An answer that was not 2xx, in the platform's error shape ({error: {code, message, field?}}). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Every request gets this long; the chat stream sets its own. */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * fetch, given REQUEST_TIMEOUT_MS. Past it the browser says only "signal timed out", which tells a reader neither what
 * failed nor what to do: the failure names the call (`what`) and says to try again.
 */
async function fetchInTime(path: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError')
      throw new Error(`The platform did not answer ${what} within ${REQUEST_TIMEOUT_MS / 1000} s; try again.`, {
        cause: err,
      });
    throw err;
  }
}

export function authHeaders(): Record<string, string> {
  const token = sessionToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The failure an answer reports. A 401 while the tab holds a token is the token refused: the session ends with it. */
export async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
    message?: string;
  } | null;
  const error = body?.error;
  const failure = new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? body?.message ?? `${response.status} ${response.statusText}`,
  );
  if (failure.status === 401 && sessionToken()) endSession(failure.message);
  return failure;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const signedIn = sessionToken() !== null;
  const response = await fetchInTime(
    path,
    {
      method,
      headers: { ...authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    `${method} ${path}`,
  );
  if (!response.ok) {
    const failure = await errorOf(response);
    // A read refused only for the token that went with it (now dropped) is what a guest may read: read it as one.
    if (signedIn && failure.status === 401 && method === 'GET') return request<T>(method, path, body);
    throw failure;
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export const getJson = <T>(path: string) => request<T>('GET', path);
export const postJson = <T>(path: string, body: unknown) => request<T>('POST', path, body);
export const deleteJson = (path: string) => request<void>('DELETE', path);

/** A query string from parameters, leaving out empty ones. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A tool run through the tool server's REST door (POST /execute). */
export interface ToolAnswer {
  tool_name: string;
  result?: unknown;
  error?: { code: string; message: string; field?: string };
  duration_ms: number;
}

export async function executeTool(toolName: string, parameters: unknown): Promise<ToolAnswer> {
  const response = await fetchInTime(
    '/execute',
    {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ tool_name: toolName, parameters }),
    },
    `the run of ${toolName}`,
  );
  // A 401 is about the caller, not the tool: errorOf ends the session when it was the tab's token that was refused.
  if (response.status === 401) throw await errorOf(response);
  const body = (await response.json().catch(() => null)) as ToolAnswer | null;
  if (body && (body.result !== undefined || body.error)) return body;
  throw await errorOf(response);
}
