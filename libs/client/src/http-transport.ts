import { apiErrorSchema } from '@fleetpush/contracts';
import type { z } from 'zod';
import { ClientErrorCode, FleetpushApiError, FleetpushClientError } from './errors';

/** Query parameters; `undefined` values are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** One request to the API. */
export interface RequestOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under `/api/v1`, starting with `/`; segments already encoded. */
  readonly path: string;
  readonly query?: Query;
  /** A JSON-serialisable body, or a string sent with `contentType`. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** Options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  /** The API's origin (`http://127.0.0.1:8080`); `/api/v1` is appended. */
  readonly baseUrl: string;
  readonly token: string;
  /** A `fetch` implementation; the global one by default (Node ≥ 20 and browsers). */
  readonly fetch?: typeof fetch;
}

/** Builds `path?query`, leaving out undefined values. */
export function withQuery(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A path segment, URL-encoded (device keys carry `:` and IPv6 brackets). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * The HTTP layer of the client: bearer auth, JSON in and out, API errors turned into
 * {@link FleetpushApiError}, answers parsed with the contracts' schemas. Browser-safe.
 */
export class HttpTransport {
  private readonly root: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpTransportOptions) {
    this.root = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends a request and parses its JSON answer with `schema`. */
  async json<T extends z.ZodType>(request: RequestOptions, schema: T): Promise<z.output<T>> {
    return this.parse(request, await this.send(request), schema);
  }

  /** Parses a 2xx answer's JSON body with `schema` (routes whose schema depends on the status). */
  async parse<T extends z.ZodType>(
    request: RequestOptions,
    response: Response,
    schema: T,
  ): Promise<z.output<T>> {
    const body = await readJson(response);
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new FleetpushClientError(
      ClientErrorCode.badResponse,
      `${request.method} ${request.path}: the answer does not match the API contract`,
      { cause: parsed.error },
    );
  }

  /** Sends a request and returns its body as text (CSV exports). */
  async text(request: RequestOptions): Promise<string> {
    return (await this.send(request)).text();
  }

  /** Sends a request whose answer has no body (204). */
  async empty(request: RequestOptions): Promise<void> {
    await (await this.send(request)).arrayBuffer();
  }

  /** Sends a request; resolves with a 2xx response, throws the API's error otherwise. */
  async send(request: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
      ...request.headers,
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      const raw = typeof request.body === 'string' && request.contentType !== undefined;
      body = raw ? (request.body as string) : JSON.stringify(request.body);
      headers['content-type'] = request.contentType ?? 'application/json';
    }
    const url = `${this.root}${withQuery(request.path, request.query)}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: request.method,
        headers,
        ...(body !== undefined && { body }),
        ...(request.signal && { signal: request.signal }),
      });
    } catch (error) {
      throw new FleetpushClientError(
        ClientErrorCode.network,
        `${request.method} ${url}: the API did not answer (${describe(error)})`,
        { cause: error },
      );
    }
    if (!response.ok) throw await apiError(response);
    return response;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FleetpushClientError(ClientErrorCode.badResponse, 'the API answered non-JSON', {
      cause: error,
    });
  }
}

/** The API's error body as a {@link FleetpushApiError} (a generic one when the body is not it). */
async function apiError(response: Response): Promise<FleetpushApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) {
    return new FleetpushApiError(
      response.status,
      `http_${response.status}`,
      `the API answered ${response.status} ${response.statusText}`.trim(),
      [],
      requestId,
    );
  }
  const { code, message, details } = parsed.data.error;
  return new FleetpushApiError(response.status, code, message, details ?? [], requestId);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
