/**
 * Reference data (taxonomy, markets, standards): fetched once per page load and shared.
 * A failed load is forgotten, so the next component that needs it tries again.
 */
import { useEffect, useState } from "react";
import { apiRequest, isRecord, num, parsePage, str, strMap } from "./api";
import { localizedText } from "./format";
import type { Language } from "./i18n";

export interface Category {
  id: number;
  slug: string;
  hsCode: string;
  parent: number | null;
  names: Record<string, string>;
}

export interface Market {
  code: string;
  name: string;
  countries: string[];
}

export interface Standard {
  code: string;
  title: string;
  kind: string;
}

function parseCategory(raw: unknown): Category | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  return { id: raw.id, slug: str(raw.slug), hsCode: str(raw.hs_code), parent: num(raw.parent), names: strMap(raw.names) };
}

function parseMarket(raw: unknown): Market | null {
  if (!isRecord(raw) || typeof raw.code !== "string") return null;
  return {
    code: raw.code,
    name: str(raw.name),
    countries: Array.isArray(raw.countries) ? raw.countries.filter((c): c is string => typeof c === "string") : [],
  };
}

function parseStandard(raw: unknown): Standard | null {
  if (!isRecord(raw) || typeof raw.code !== "string") return null;
  return { code: raw.code, title: str(raw.title), kind: str(raw.kind) };
}

const cache = new Map<string, Promise<unknown[]>>();

function cachedList<T>(path: string, parse: (raw: unknown) => T | null): Promise<T[]> {
  let promise = cache.get(path);
  if (!promise) {
    promise = apiRequest(path, { query: { page_size: 200 } }).then((raw) => parsePage(raw, parse).results);
    promise.catch(() => cache.delete(path));
    cache.set(path, promise);
  }
  return promise as Promise<T[]>;
}

export const loadCategories = () => cachedList("taxonomy/categories/", parseCategory);
export const loadMarkets = () => cachedList("reference/markets/", parseMarket);
export const loadStandards = () => cachedList("reference/standards/", parseStandard);

/** Tests start each case with an empty cache. */
export function resetReferenceCache(): void {
  cache.clear();
}

function useList<T>(load: () => Promise<T[]>): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => {
        if (live) setItems(loaded);
      },
      () => {
        /* labels fall back to codes; forms show what they can */
      },
    );
    return () => {
      live = false;
    };
  }, [load]);
  return items;
}

export const useCategories = () => useList(loadCategories);
export const useMarkets = () => useList(loadMarkets);
export const useStandards = () => useList(loadStandards);

export function categoryLabel(category: Pick<Category, "names" | "slug"> | undefined, lang: Language): string {
  if (!category) return "";
  return localizedText(category.names, lang, category.slug);
}

/** Categories as a tree flattened in display order: each top level, then its children. */
export function categoryTree(categories: Category[], lang: Language): { category: Category; depth: number }[] {
  const collator = new Intl.Collator(lang);
  const byParent = new Map<number | null, Category[]>();
  const ids = new Set(categories.map((c) => c.id));
  for (const category of categories) {
    const parent = category.parent !== null && ids.has(category.parent) ? category.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), category]);
  }
  const out: { category: Category; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort((a, b) =>
      collator.compare(categoryLabel(a, lang), categoryLabel(b, lang)),
    );
    for (const child of children) {
      out.push({ category: child, depth });
      walk(child.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
