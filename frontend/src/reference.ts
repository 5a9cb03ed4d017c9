/**
 * Reference data (taxonomy, markets, standards) as TanStack queries: fetched once, shared by
 * every component that needs it, kept for the session (admins edit it rarely).
 */
import { useApiQuery } from "./api";
import type { CategoryOutput, MarketOutput, StandardOutput } from "./api";
import { localizedText } from "./format";
import type { Language } from "./i18n";

export type Category = CategoryOutput;
export type Market = MarketOutput;
export type Standard = StandardOutput;

const FOREVER = { staleTime: Infinity, gcTime: Infinity } as const;
const ALL = { params: { query: { page_size: 200 } } } as const;
const NONE: never[] = [];

export function useCategories(): Category[] {
  return useApiQuery("/api/v1/taxonomy/categories/", ALL, FOREVER).data?.results ?? NONE;
}

export function useMarkets(): Market[] {
  return useApiQuery("/api/v1/reference/markets/", ALL, FOREVER).data?.results ?? NONE;
}

export function useStandards(): Standard[] {
  return useApiQuery("/api/v1/reference/standards/", ALL, FOREVER).data?.results ?? NONE;
}

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
    const parent = category.parent != null && ids.has(category.parent) ? category.parent : null;
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
