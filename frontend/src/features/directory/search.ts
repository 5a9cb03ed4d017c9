/**
 * The suppliers directory's state (kept in the URL so a search can be shared) and the
 * parsing of the search API's answers (`search/products/`, `search/suppliers/`, `search/suggest/`).
 */
import { isRecord, num, str, strList, strMap } from "../../api";
import type { QueryValue } from "../../api";

export type SearchType = "products" | "suppliers";

export const PRODUCT_SORTS = ["relevance", "price", "-price", "lead_time", "capacity", "moq", "newest"] as const;
export const SUPPLIER_SORTS = ["relevance", "name", "products", "capacity", "newest"] as const;
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

function parseHighlight(raw: unknown): Highlight {
  if (!isRecord(raw)) return {};
  const out: Highlight = {};
  for (const [field, fragments] of Object.entries(raw)) {
    const list = strList(fragments);
    if (list.length) out[field] = list;
  }
  return out;
}

export function parseProductHit(raw: unknown): ProductHit | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  const vendor = isRecord(raw.vendor) ? raw.vendor : {};
  const category = isRecord(raw.category) ? raw.category : {};
  return {
    id: raw.id,
    names: strMap(raw.names),
    descriptions: strMap(raw.descriptions),
    modelNumber: str(raw.model_number),
    vendor: { id: num(vendor.id), name: str(vendor.name), country: str(vendor.country), city: str(vendor.city) },
    category: { id: num(category.id), slug: str(category.slug), hsCode: str(category.hs_code) },
    standards: strList(raw.standards),
    markets: strList(raw.certificate_markets),
    moq: num(raw.min_order_quantity),
    capacity: num(raw.capacity_per_day),
    leadTime: num(raw.lead_time_days),
    priceMin: num(raw.price_min),
    priceMax: num(raw.price_max),
    currency: str(raw.currency),
    incoterms: strList(raw.incoterms),
    highlight: parseHighlight(raw.highlight),
  };
}

export function parseSupplierHit(raw: unknown): SupplierHit | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  return {
    id: raw.id,
    name: str(raw.name),
    legalNames: strMap(raw.legal_names),
    country: str(raw.country),
    city: str(raw.city),
    description: str(raw.description),
    categories: strList(raw.category_slugs),
    standards: strList(raw.standards),
    markets: strList(raw.certificate_markets),
    productCount: num(raw.product_count),
    capacityMax: num(raw.capacity_per_day_max),
    highlight: parseHighlight(raw.highlight),
  };
}

export function parseSearchResult<T>(raw: unknown, parseHit: (raw: unknown) => T | null): SearchResult<T> {
  const body = isRecord(raw) ? raw : {};
  const facets: Record<string, FacetBucket[]> = {};
  const stats: Record<string, { min: number | null; max: number | null }> = {};
  if (isRecord(body.facets)) {
    for (const [name, value] of Object.entries(body.facets)) {
      if (Array.isArray(value)) {
        facets[name] = value
          .filter(isRecord)
          .map((bucket) => ({
            key: str(bucket.key),
            count: num(bucket.count) ?? 0,
            ...(isRecord(bucket.names) ? { names: strMap(bucket.names) } : {}),
          }))
          .filter((bucket) => bucket.key !== "");
      } else if (isRecord(value)) {
        stats[name] = { min: num(value.min), max: num(value.max) };
      }
    }
  }
  const results = Array.isArray(body.results) ? body.results.map(parseHit).filter((hit): hit is T => hit !== null) : [];
  return { count: num(body.count) ?? results.length, relaxed: body.relaxed === true, results, facets, stats };
}

export interface Suggestion {
  kind: "category" | "product" | "supplier";
  id: string;
  label: string;
  /** For categories: the slug to filter by; otherwise the text to search for. */
  value: string;
  names?: Record<string, string>;
}

export function parseSuggestions(raw: unknown): Suggestion[] {
  if (!isRecord(raw)) return [];
  const out: Suggestion[] = [];
  if (Array.isArray(raw.categories)) {
    for (const item of raw.categories.filter(isRecord)) {
      const slug = str(item.slug);
      if (slug)
        out.push({ kind: "category", id: `category-${slug}`, label: slug, value: slug, names: strMap(item.names) });
    }
  }
  for (const [kind, key] of [
    ["product", "products"],
    ["supplier", "suppliers"],
  ] as const) {
    const items = raw[key];
    if (!Array.isArray(items)) continue;
    for (const item of items.filter(isRecord)) {
      const label = str(item.label);
      if (label) out.push({ kind, id: `${kind}-${str(item.id, label)}`, label, value: label });
    }
  }
  return out;
}
