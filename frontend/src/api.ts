/**
 * The one way the app talks to the REST API.
 *
 * - Same-origin session auth: cookies are sent, and writes carry Django's CSRF token
 *   (the `csrftoken` cookie set by the page) in `X-CSRFToken`.
 * - Errors come back as `ApiError` with the API's shape
 *   `{"code", "message", "fields": {field: [{"code", "message"}]}}`; a network failure is
 *   status 0, a non-JSON error body keeps its HTTP status.
 */
import { apiUrl } from "./config";

export interface FieldError {
  code: string;
  message: string;
}

/** Errors by field; nested fields are flattened to `parent.child` (`legal_names.en`). */
export type FieldErrors = Record<string, FieldError[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly body: unknown;

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}, body: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.body = body;
  }

  /** The search engine (or another backing service) is down: try again later. */
  get unavailable(): boolean {
    return this.status === 503;
  }

  get network(): boolean {
    return this.status === 0;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toFieldError(item: unknown): FieldError | null {
  if (typeof item === "string") return { code: "invalid", message: item };
  if (isRecord(item) && typeof item.message === "string") {
    return { code: typeof item.code === "string" ? item.code : "invalid", message: item.message };
  }
  return null;
}

/** Flattens the API's `fields` map (which may nest for dict and list fields). */
export function parseFieldErrors(raw: unknown, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  if (!isRecord(raw)) return out;
  for (const [name, value] of Object.entries(raw)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (Array.isArray(value)) {
      const direct = value.map(toFieldError).filter((e): e is FieldError => e !== null);
      if (direct.length) out[key] = direct;
      value.forEach((item, index) => {
        if (isRecord(item) && typeof item.message !== "string") Object.assign(out, parseFieldErrors(item, `${key}.${index}`));
      });
    } else if (isRecord(value)) {
      const single = toFieldError(value);
      if (single) out[key] = [single];
      else Object.assign(out, parseFieldErrors(value, key));
    } else if (typeof value === "string") {
      out[key] = [{ code: "invalid", message: value }];
    }
  }
  return out;
}

export function csrfToken(): string {
  if (typeof document === "undefined") return "";
  for (const part of document.cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(rest.join("="));
  }
  return "";
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `{a: 1, b: ["x", "y"], c: ""}` → `a=1&b=x&b=y` (empty values are left out). */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "" || value === false) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== "") search.append(name, String(item));
    } else {
      search.append(name, String(value));
    }
  }
  return search.toString();
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Record<string, QueryValue>;
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (file uploads); the browser sets the boundary. */
  form?: FormData;
  signal?: AbortSignal;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // not JSON (an HTML error page from a proxy, say)
  }
}

/** Calls `{apiBase}/{path}` and returns the parsed JSON body (null for 204); throws ApiError. */
export async function apiRequest<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const query = options.query ? buildQuery(options.query) : "";
  const url = apiUrl(path) + (query ? (path.includes("?") ? "&" : "?") + query : "");
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers["X-CSRFToken"] = token;
  }

  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: "same-origin", signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, "network", "The server could not be reached.", {}, null);
  }
  const parsed = await readBody(response);
  if (response.ok) {
    if (parsed === undefined) throw new ApiError(response.status, "not_json", "The server answered with something other than JSON.");
    return parsed as T;
  }
  if (isRecord(parsed)) {
    const code = typeof parsed.code === "string" ? parsed.code : `http_${response.status}`;
    const message =
      typeof parsed.message === "string" ? parsed.message : typeof parsed.detail === "string" ? parsed.detail : response.statusText;
    throw new ApiError(response.status, code, message, parseFieldErrors(parsed.fields), parsed);
  }
  throw new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`, {}, parsed ?? null);
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** A DRF page `{count, next, previous, results}`, or a bare list, parsed item by item. */
export function parsePage<T>(raw: unknown, parseItem: (item: unknown) => T | null): Page<T> {
  const items: unknown[] = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.results) ? raw.results : [];
  const results = items.map(parseItem).filter((item): item is T => item !== null);
  const record = isRecord(raw) ? raw : {};
  return {
    count: typeof record.count === "number" ? record.count : results.length,
    next: typeof record.next === "string" ? record.next : null,
    previous: typeof record.previous === "string" ? record.previous : null,
    results,
  };
}

// Small readers for defensive parsing of API bodies.
export const str = (value: unknown, fallback = ""): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : fallback;
export const num = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
};
export const strList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
export const strMap = (value: unknown): Record<string, string> =>
  isRecord(value)
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : {};
