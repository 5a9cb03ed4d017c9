/**
 * The suppliers directory's state (kept in the URL so a search can be shared) and the view of
 * the search API's answers (`search/products/`, `search/suggest/`, `search/suppliers/`), read from
 * their generated types.
 */
import type { ApiData, ApiInit, ProductResult, QueryValue, SupplierResult } from "../../api";

type SortOf<P extends "/api/v1/search/products/" | "/api/v1/search/suppliers/"> = NonNullable<
  NonNullable<NonNullable<ApiInit<P, "get">["params"]>["query"]>["sort"]
>;

export type SearchType = "products" | "suppliers";

// The sorts in the order the page offers them; `satisfies` keeps them to the API's enum.
export const PRODUCT_SORTS = [
  "relevance",
  "price",
  "-price",
  "lead_time",
  "capacity",
  "moq",
  "newest",
] as const satisfies readonly SortOf<"/api/v1/search/products/">[];
export const SUPPLIER_SORTS = [
  "relevance",
  "name",
  "products",
  "capacity",
  "newest",
] as const satisfies readonly SortOf<"/api/v1/search/suppliers/">[];
export const LIST_FILTERS = ["category", "country", "market", "standard"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const RANGE_FILTERS = ["capacity_min", "moq_max", "lead_time_max", "price_max"] as const;
export type RangeFilter = (typeof RANGE_FILTERS)[number];
/** Range filters the supplier search understands. */
export const SUPPLIER_RANGES: readonly RangeFilter[] = ["capacity_min"];
export const PAGE_SIZE = 20;
/** The API refuses page × page_size beyond 10,000 without a cursor. */
export const MAX_PAGE = Math.floor(10_000 / PAGE_SIZE);

export interface DirectoryState {
  type: SearchType;
  q: string;
  filters: Record<ListFilter, string[]>;
  ranges: Record<RangeFilter, string>;
  currency: string;
  sort: string;
  page: number;
}

function listParam(params: URLSearchParams, name: string): string[] {
  return [
    ...new Set(
      params
        .getAll(name)
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

const positiveInt = (value: string | null): string => (value && /^\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : "");

export function sortsFor(type: SearchType): readonly string[] {
  return type === "products" ? PRODUCT_SORTS : SUPPLIER_SORTS;
}

export function stateFromParams(params: URLSearchParams): DirectoryState {
  const type: SearchType = params.get("type") === "suppliers" ? "suppliers" : "products";
  const sort = params.get("sort") ?? "relevance";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const currency = (params.get("currency") ?? "").toUpperCase();
  return {
    type,
    q: (params.get("q") ?? "").slice(0, 200),
    filters: {
      category: listParam(params, "category"),
      country: listParam(params, "country").map((c) => c.toUpperCase()),
      market: listParam(params, "market"),
      standard: listParam(params, "standard"),
    },
    ranges: {
      capacity_min: positiveInt(params.get("capacity_min")),
      moq_max: positiveInt(params.get("moq_max")),
      lead_time_max: positiveInt(params.get("lead_time_max")),
      price_max: positiveInt(params.get("price_max")),
    },
    currency: /^[A-Z]{3}$/.test(currency) ? currency : "",
    sort: sortsFor(type).includes(sort) ? sort : "relevance",
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** The URL query for a state; defaults are left out so links stay short. */
export function paramsFromState(state: DirectoryState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.type === "suppliers") params.set("type", "suppliers");
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const name of LIST_FILTERS) for (const value of state.filters[name]) params.append(name, value);
  for (const name of RANGE_FILTERS) if (state.ranges[name]) params.set(name, state.ranges[name]);
  if (state.currency) params.set("currency", state.currency);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

/** The query the search API gets for a state (product-only filters are dropped for suppliers). */
export function apiQuery(state: DirectoryState): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {
    q: state.q.trim(),
    ...state.filters,
    sort: state.sort === "relevance" ? "" : state.sort,
    page: state.page > 1 ? state.page : "",
    page_size: PAGE_SIZE,
  };
  for (const name of RANGE_FILTERS) {
    if (state.type === "products" || SUPPLIER_RANGES.includes(name)) query[name] = state.ranges[name];
  }
  if (state.type === "products" && state.ranges.price_max && state.currency) query.currency = state.currency;
  return query;
}

export function hasFilters(state: DirectoryState): boolean {
  return (
    LIST_FILTERS.some((name) => state.filters[name].length > 0) ||
    RANGE_FILTERS.some(
      (name) => state.ranges[name] !== "" && (state.type === "products" || SUPPLIER_RANGES.includes(name)),
    )
  );
}

// --- answers ---

export type Highlight = Record<string, string[]>;

export interface ProductHit {
  id: number;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  modelNumber: string;
  vendor: { id: number | null; name: string; country: string; city: string };
  category: { id: number | null; slug: string; hsCode: string };
  standards: string[];
  markets: string[];
  moq: number | null;
  capacity: number | null;
  leadTime: number | null;
  priceMin: number | null;
  priceMax: number | null;
  currency: string;
  incoterms: string[];
  highlight: Highlight;
}

export interface SupplierHit {
  id: number;
  name: string;
  legalNames: Record<string, string>;
  country: string;
  city: string;
  description: string;
  categories: string[];
  standards: string[];
  markets: string[];
  productCount: number | null;
  capacityMax: number | null;
  highlight: Highlight;
}

export interface FacetBucket {
  key: string;
  count: number;
  names?: Record<string, string>;
}

export interface SearchResult<T> {
  count: number;
  /** Nothing matched the words as written: these results allow typos or miss some words. */
  relaxed: boolean;
  results: T[];
  facets: Record<string, FacetBucket[]>;
  stats: Record<string, { min: number | null; max: number | null }>;
}

const numberOrNull = (value: number | string | null | undefined): number | null => {
  if (value === null || value === undefined || value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
};

export function parseProductHit(raw: ProductResult): ProductHit {
  return {
    id: raw.id,
    names: raw.names ?? {},
    descriptions: raw.descriptions ?? {},
    modelNumber: raw.model_number ?? "",
    vendor: {
      id: raw.vendor.id,
      name: raw.vendor.name,
      country: raw.vendor.country,
      city: "city" in raw.vendor && typeof raw.vendor.city === "string" ? raw.vendor.city : "",
    },
    category: { id: raw.category.id, slug: raw.category.slug, hsCode: raw.category.hs_code },
    standards: raw.standards ?? [],
    markets: raw.certificate_markets ?? [],
    moq: numberOrNull(raw.min_order_quantity),
    capacity: numberOrNull(raw.capacity_per_day),
    leadTime: numberOrNull(raw.lead_time_days),
    priceMin: numberOrNull(raw.price_min),
    priceMax: numberOrNull(raw.price_max),
    currency: raw.currency ?? "",
    incoterms: raw.incoterms ?? [],
    highlight: raw.highlight ?? {},
  };
}

export function parseSupplierHit(raw: SupplierResult): SupplierHit {
  return {
    id: raw.id,
    name: raw.name,
    legalNames: raw.legal_names ?? {},
    country: raw.country,
    city: raw.city ?? "",
    description: raw.description ?? "",
    categories: raw.category_slugs ?? [],
    standards: raw.standards ?? [],
    markets: raw.certificate_markets ?? [],
    productCount: numberOrNull(raw.product_count),
    capacityMax: numberOrNull(raw.capacity_per_day_max),
    highlight: raw.highlight ?? {},
  };
}

type SearchAnswer = ApiData<"/api/v1/search/products/"> | ApiData<"/api/v1/search/suppliers/">;

/** The results and the facets of a search answer: bucket lists by facet, and min/max of the numeric ones. */
export function parseSearchResult<H, T>(
  raw: Omit<SearchAnswer, "results"> & { results: H[] },
  parseHit: (hit: H) => T,
): SearchResult<T> {
  const facets: Record<string, FacetBucket[]> = {};
  const stats: Record<string, { min: number | null; max: number | null }> = {};
  for (const [name, value] of Object.entries(raw.facets ?? {}) as [string, unknown][]) {
    if (Array.isArray(value)) {
      facets[name] = (value as (FacetBucket & { names?: Record<string, string> })[])
        .filter((bucket) => bucket.key !== "")
        .map((bucket) => ({ key: bucket.key, count: bucket.count, ...(bucket.names ? { names: bucket.names } : {}) }));
    } else if (value && typeof value === "object") {
      const range = value as { min?: number | null; max?: number | null };
      stats[name] = { min: numberOrNull(range.min), max: numberOrNull(range.max) };
    }
  }
  const results = (raw.results ?? []).map(parseHit);
  return { count: raw.count ?? results.length, relaxed: raw.relaxed === true, results, facets, stats };
}

export interface Suggestion {
  kind: "category" | "product" | "supplier";
  id: string;
  label: string;
  /** For categories: the slug to filter by; otherwise the text to search for. */
  value: string;
  names?: Record<string, string>;
}

export function parseSuggestions(raw: ApiData<"/api/v1/search/suggest/">): Suggestion[] {
  const out: Suggestion[] = [];
  for (const item of raw.categories ?? []) {
    if (item.slug)
      out.push({
        kind: "category",
        id: `category-${item.slug}`,
        label: item.slug,
        value: item.slug,
        names: item.names ?? {},
      });
  }
  for (const [kind, items] of [
    ["product", raw.products ?? []],
    ["supplier", raw.suppliers ?? []],
  ] as const) {
    for (const item of items) {
      if (item.label)
        out.push({ kind, id: `${kind}-${String(item.id ?? item.label)}`, label: item.label, value: item.label });
    }
  }
  return out;
}
