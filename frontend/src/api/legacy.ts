/**
 * TRANSITIONAL: the defensive readers the pages used before the generated types. Only the
 * proposals and introductions pages still import these (they are being moved onto the generated
 * types, `ApiData<...>`); delete this file when the last import goes.
 */
import { isRecord } from "./errors";

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

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

export const str = (value: unknown, fallback = ""): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : fallback;
export const num = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
};
export const strList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
