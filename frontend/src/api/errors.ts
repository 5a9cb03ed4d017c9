/**
 * The API's errors as one class. Every failed call (see client.ts) rejects with an `ApiError`
 * carrying the API's shape `{"code", "message", "fields": {field: [{"code", "message"}]}}`;
 * a network failure is status 0, a non-JSON error body keeps its HTTP status.
 */

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

  /** Seconds to wait before trying again (HTTP 429's Retry-After), when the server said. */
  get retryAfterSeconds(): number | null {
    const body = this.body;
    if (isRecord(body) && typeof body.retry_after === "number") return body.retry_after;
    return null;
  }
}

/** An ApiError from a failed response's status and (already parsed) body. */
export function apiErrorFrom(status: number, statusText: string, body: unknown, retryAfter?: string | null): ApiError {
  const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  const withRetry = seconds !== null && isRecord(body) ? { ...body, retry_after: seconds } : body;
  if (isRecord(body)) {
    const code = typeof body.code === "string" ? body.code : `http_${status}`;
    const message =
      typeof body.message === "string" ? body.message : typeof body.detail === "string" ? body.detail : statusText;
    return new ApiError(status, code, message, parseFieldErrors(body.fields), withRetry);
  }
  return new ApiError(status, `http_${status}`, statusText || `HTTP ${status}`, {}, body ?? null);
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
        if (isRecord(item) && typeof item.message !== "string")
          Object.assign(out, parseFieldErrors(item, `${key}.${index}`));
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
