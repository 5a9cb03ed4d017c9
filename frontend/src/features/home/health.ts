/**
 * Client for `GET {apiBase}/health/`.
 *
 * The endpoint answers 200 when everything is up and 503 when degraded; both carry
 * `{"status": "ok"|"degraded", "components": {"<name>": {"status": "ok"|"down", "detail"?: "..."}}}`.
 */
import { apiUrl } from "../../config";

export const KNOWN_COMPONENTS = ["database", "search", "broker"] as const;
export type KnownComponent = (typeof KNOWN_COMPONENTS)[number];

export type ComponentState = "ok" | "down" | "unknown";

export interface ComponentHealth {
  name: string;
  status: ComponentState;
  detail?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  components: ComponentHealth[];
}

export class HealthUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HealthUnavailableError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function componentFrom(name: string, raw: unknown): ComponentHealth {
  if (!isRecord(raw)) return { name, status: "unknown" };
  const status: ComponentState = raw.status === "ok" ? "ok" : raw.status === "down" ? "down" : "unknown";
  const detail = typeof raw.detail === "string" && raw.detail !== "" ? raw.detail : undefined;
  return detail ? { name, status, detail } : { name, status };
}

/**
 * Validates a health body. Known components come first in a fixed order (missing ones are
 * "unknown"), then any others the server reports, sorted by name.
 */
export function parseHealth(body: unknown): HealthReport {
  if (!isRecord(body) || !isRecord(body.components)) {
    throw new HealthUnavailableError("health response has no components");
  }
  const raw = body.components;
  const known = KNOWN_COMPONENTS.map((name) => componentFrom(name, raw[name]));
  const extra = Object.keys(raw)
    .filter((name) => !(KNOWN_COMPONENTS as readonly string[]).includes(name))
    .sort()
    .map((name) => componentFrom(name, raw[name]));
  const components = [...known, ...extra];
  const status =
    body.status === "ok" || body.status === "degraded"
      ? body.status
      : components.every((c) => c.status === "ok")
        ? "ok"
        : "degraded";
  return { status, components };
}

/** Fetches and parses the health report; throws HealthUnavailableError on any failure. */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  let response: Response;
  try {
    response = await fetch(apiUrl("health/"), { headers: { Accept: "application/json" }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new HealthUnavailableError("health endpoint unreachable", { cause: error });
  }
  // 503 is a valid answer (degraded) as long as it carries the health body.
  if (!response.ok && response.status !== 503) {
    throw new HealthUnavailableError(`health endpoint answered HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new HealthUnavailableError("health response is not JSON", { cause: error });
  }
  return parseHealth(body);
}
