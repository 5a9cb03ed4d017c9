/**
 * Runtime configuration injected by the Django catch-all view.
 *
 * The server replaces the `<!--MEDMATCH_CONFIG-->` marker in index.html with
 * `<script>window.__MEDMATCH_CONFIG__ = {...};</script>`, so one build serves every
 * environment. Missing or malformed values fall back to the defaults below.
 */
export interface MedMatchConfig {
  /** Base path of the REST API, without a trailing slash. */
  apiBase: string;
  /** Deployed version, shown in the footer. */
  version: string;
}

declare global {
  interface Window {
    __MEDMATCH_CONFIG__?: Partial<MedMatchConfig>;
  }
}

export const DEFAULT_CONFIG: Readonly<MedMatchConfig> = Object.freeze({
  apiBase: "/api/v1",
  version: "dev",
});

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** Reads the injected config on each call, so tests can change it. */
export function getConfig(): MedMatchConfig {
  const injected: Partial<MedMatchConfig> =
    typeof window !== "undefined" && window.__MEDMATCH_CONFIG__ && typeof window.__MEDMATCH_CONFIG__ === "object"
      ? window.__MEDMATCH_CONFIG__
      : {};
  const apiBase = nonEmptyString(injected.apiBase) ? injected.apiBase : DEFAULT_CONFIG.apiBase;
  return {
    apiBase: apiBase.replace(/\/+$/, ""),
    version: nonEmptyString(injected.version) ? injected.version : DEFAULT_CONFIG.version,
  };
}

/** Joins the API base and a path such as `health/`. */
export function apiUrl(path: string): string {
  return `${getConfig().apiBase}/${path.replace(/^\/+/, "")}`;
}
