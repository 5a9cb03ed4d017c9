// Data of the directory: the product or supplier search for the state in the URL.
import { useMemo } from "react";
import { useApiQuery } from "../../api";
import { apiQuery, parseProductHit, parseSearchResult, parseSupplierHit } from "./search";
import type { DirectoryState, ProductHit, SearchResult, SupplierHit } from "./search";

export type Result =
  { type: "products"; data: SearchResult<ProductHit> } | { type: "suppliers"; data: SearchResult<SupplierHit> };

export type Load =
  { kind: "loading"; previous?: Result } | { kind: "ready"; result: Result } | { kind: "error"; error: unknown };

/** Where the search for `state` stands; while the next page loads, the previous result is kept. */
export function useDirectorySearch(state: DirectoryState): { load: Load; refetch: () => void } {
  // Both searches are declared; only the one on screen runs. The previous page stays visible
  // (dimmed) while the next one loads.
  const searchInit = { params: { query: apiQuery(state) as never } };
  const products = useApiQuery("/api/v1/search/products/", searchInit, {
    enabled: state.type === "products",
    keepPrevious: true,
  });
  const suppliers = useApiQuery("/api/v1/search/suppliers/", searchInit, {
    enabled: state.type === "suppliers",
    keepPrevious: true,
  });
  const active = state.type === "products" ? products : suppliers;
  const fetched: Result | undefined = useMemo(() => {
    if (state.type === "products")
      return products.data ? { type: "products", data: parseSearchResult(products.data, parseProductHit) } : undefined;
    return suppliers.data
      ? { type: "suppliers", data: parseSearchResult(suppliers.data, parseSupplierHit) }
      : undefined;
  }, [state.type, products.data, suppliers.data]);
  const load: Load = active.isError
    ? { kind: "error", error: active.error }
    : fetched && !active.isPlaceholderData && !active.isFetching
      ? { kind: "ready", result: fetched }
      : { kind: "loading", previous: fetched };
  return { load, refetch: () => void active.refetch() };
}
