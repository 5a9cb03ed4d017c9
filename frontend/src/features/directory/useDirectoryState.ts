// The directory's state (words, type, filters, sort, page) lives in the URL, so that a search can be shared.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { paramsFromState, sortsFor, stateFromParams } from "./search";
import type { DirectoryState, ListFilter } from "./search";

export function useDirectoryState() {
  const [params, setParams] = useSearchParams();
  const queryString = params.toString();
  // Parsed from the string, so that a new URLSearchParams object with the same content changes nothing.
  const state = useMemo(() => stateFromParams(new URLSearchParams(queryString)), [queryString]);

  /** Changes part of the state; any change but paging goes back to page 1. */
  const update = useCallback(
    (change: Partial<DirectoryState>, options: { keepPage?: boolean } = {}) => {
      const next: DirectoryState = { ...state, ...change, page: options.keepPage ? (change.page ?? state.page) : 1 };
      if (!sortsFor(next.type).includes(next.sort)) next.sort = "relevance";
      setParams(paramsFromState(next));
    },
    [state, setParams],
  );

  /** Moves to `page` in place of the current entry (no extra step in the history). */
  const replacePage = useCallback(
    (page: number) => setParams(paramsFromState({ ...state, page }), { replace: true }),
    [state, setParams],
  );

  const toggleFilter = (name: ListFilter, value: string) => {
    const current = state.filters[name];
    const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ filters: { ...state.filters, [name]: values } });
  };

  const clearFilters = () =>
    update({
      filters: { category: [], country: [], market: [], standard: [] },
      ranges: { capacity_min: "", moq_max: "", lead_time_max: "", price_max: "" },
      currency: "",
    });

  /** Drops the words and every filter, keeping only the type searched for. */
  const startOver = () => setParams(new URLSearchParams(state.type === "suppliers" ? "type=suppliers" : ""));

  return { state, update, replacePage, toggleFilter, clearFilters, startOver };
}
