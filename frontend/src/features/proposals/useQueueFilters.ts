// The review queue's filters live in the URL, so that a reviewer can share or reload the view.
import { useSearchParams } from "react-router";
import { proposalStatusEnumValues } from "../../api";
import { QUEUE_PAGE_SIZE } from "./hooks";

export const PROPOSAL_STATUSES = proposalStatusEnumValues;
export const ORDERINGS = ["-score", "proposed_at", "-proposed_at"] as const;

/** The filters read from the URL, a setter that writes one back (and returns to page 1), and the API query. */
export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const status = statusParam === "all" ? "all" : (PROPOSAL_STATUSES.find((s) => s === statusParam) ?? "proposed");
  const filters = {
    status,
    destination: (params.get("destination_country") ?? "").toUpperCase(),
    vendorCountry: (params.get("vendor_country") ?? "").toUpperCase(),
    category: params.get("category") ?? "",
    overdue: params.get("overdue") === "true",
    ordering: ORDERINGS.find((o) => o === params.get("ordering")) ?? "-score",
    page: Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1),
  };
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  };
  const filtered = Boolean(
    filters.destination || filters.vendorCountry || filters.category || filters.overdue || status !== "proposed",
  );
  const { destination, vendorCountry, category, overdue, ordering, page } = filters;
  const query = {
    // The API lists proposed ones unless told otherwise; "status=" (empty) means every status,
    // a value the generated types do not know.
    status: (status === "all" ? "" : status) as "proposed",
    ...(destination ? { destination_country: destination } : {}),
    ...(vendorCountry ? { vendor_country: vendorCountry } : {}),
    ...(category ? { category } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(ordering !== "-score" ? { ordering: [ordering] } : {}),
    ...(page > 1 ? { page } : {}),
    page_size: QUEUE_PAGE_SIZE,
  };
  return { ...filters, setFilter, filtered, query };
}

export type QueueFilterState = ReturnType<typeof useQueueFilters>;
