import { useEffect, useMemo, useState } from "react";
import { PageHeader } from "../../components/common";
import { useMarketLabel } from "../../components/useMarketLabel";
import { COMMON_CURRENCIES, formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useCategories } from "../../reference";
import { useDocumentTitle } from "../../useDocumentTitle";
import { facetLabeler, FiltersPanel } from "./FiltersPanel";
import { useDirectorySearch } from "./hooks";
import type { Result } from "./hooks";
import { SearchBar } from "./SearchBar";
import { SearchResults } from "./SearchResults";
import { hasFilters, LIST_FILTERS, MAX_PAGE, PAGE_SIZE, RANGE_FILTERS, sortsFor, SUPPLIER_RANGES } from "./search";
import { useDirectoryState } from "./useDirectoryState";

const SORT_LABELS: Record<string, MessageKey> = {
  relevance: "directory.sort.relevance",
  price: "directory.sort.price",
  "-price": "directory.sort.-price",
  lead_time: "directory.sort.lead_time",
  capacity: "directory.sort.capacity",
  moq: "directory.sort.moq",
  newest: "directory.sort.newest",
  name: "directory.sort.name",
  products: "directory.sort.products",
};

export function SuppliersPage() {
  const { t, lang } = useI18n();
  const { state, update, replacePage, toggleFilter, clearFilters, startOver } = useDirectoryState();
  // Narrow screens: the facets fold away behind a button so the results come first.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const categoryList = useCategories();
  const categories = useMemo(() => new Map(categoryList.map((c) => [c.slug, c])), [categoryList]);
  const marketLabel = useMarketLabel();
  useDocumentTitle(t("suppliers.title"));
  const { load, refetch } = useDirectorySearch(state);

  const shown: Result | undefined =
    load.kind === "ready" ? load.result : load.kind === "loading" ? load.previous : undefined;
  const result = shown && shown.type === state.type ? shown : undefined;
  const facets = result?.data.facets ?? {};
  const currencies = [...new Set([...(facets.currency ?? []).map((b) => b.key), ...COMMON_CURRENCIES])];
  const count = result?.data.count ?? 0;
  const pageCount = Math.min(Math.ceil(count / PAGE_SIZE), MAX_PAGE);
  const filtered = hasFilters(state);
  // A page past the last one (an old link, ?page=999): land on the last page instead.
  const lastPage = Math.max(1, pageCount);
  const beyondLast = load.kind === "ready" && count > 0 && state.page > lastPage;
  useEffect(() => {
    if (beyondLast) replacePage(lastPage);
  }, [beyondLast, lastPage, replacePage]);

  const chips: { key: string; label: string; remove: () => void }[] = [];
  for (const name of LIST_FILTERS) {
    const labelOf = facetLabeler(name, lang, categories, marketLabel);
    for (const value of state.filters[name]) {
      const bucket = facets[name]?.find((b) => b.key === value) ?? { key: value, count: 0 };
      chips.push({ key: `${name}:${value}`, label: labelOf(bucket), remove: () => toggleFilter(name, value) });
    }
  }
  for (const name of RANGE_FILTERS) {
    if (!state.ranges[name] || (state.type === "suppliers" && !SUPPLIER_RANGES.includes(name))) continue;
    const value =
      name === "price_max" && state.currency ? `${state.ranges[name]} ${state.currency}` : state.ranges[name];
    chips.push({
      key: name,
      label: t(`directory.chip.${name}`, { value }),
      remove: () =>
        update({ ranges: { ...state.ranges, [name]: "" }, currency: name === "price_max" ? "" : state.currency }),
    });
  }

  const from = (state.page - 1) * PAGE_SIZE + 1;
  const to = from + (result?.data.results.length ?? 0) - 1;

  return (
    <section className="directory">
      <PageHeader title={t("suppliers.title")} intro={t("suppliers.intro")} />
      <SearchBar state={state} update={update} />

      <button
        type="button"
        className="button button--secondary filters-toggle"
        aria-expanded={filtersOpen}
        aria-controls="directory-facets"
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {t("directory.filters")}
        {chips.length ? ` (${formatNumber(chips.length, lang)})` : ""}
      </button>
      <div className="directory__body">
        <FiltersPanel
          state={state}
          facets={facets}
          currencies={currencies}
          categories={categories}
          open={filtersOpen}
          filtered={filtered}
          onToggle={toggleFilter}
          onClear={clearFilters}
          onApplyRanges={(ranges, currency) => update({ ranges, currency })}
        />

        <div className="directory__results">
          <div className="results-head">
            <p className="results-head__count" data-testid="result-count" aria-live="polite">
              {result && !beyondLast && to >= from - 1
                ? count === 0
                  ? t("directory.count.none")
                  : t("directory.range", {
                      from: formatNumber(from, lang),
                      to: formatNumber(to, lang),
                      count: formatNumber(count, lang),
                    })
                : "\u00a0"}
            </p>
            <label className="sort-select">
              <span>{t("directory.sortBy")}</span>
              <select value={state.sort} onChange={(e) => update({ sort: e.target.value })} data-testid="sort">
                {sortsFor(state.type).map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort] ? t(SORT_LABELS[sort]) : sort}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {chips.length ? (
            <ul className="chips" aria-label={t("directory.activeFilters")}>
              {chips.map((chip) => (
                <li key={chip.key}>
                  <button
                    type="button"
                    className="chip"
                    onClick={chip.remove}
                    aria-label={t("directory.removeFilter", { filter: chip.label })}
                  >
                    <span dir="auto">{chip.label}</span>
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <SearchResults
            load={load}
            result={result}
            state={state}
            filtered={filtered}
            pageCount={pageCount}
            categories={categories}
            onRetry={refetch}
            onClearFilters={clearFilters}
            onStartOver={startOver}
            onPage={(page) => update({ page }, { keepPage: true })}
          />
        </div>
      </div>
    </section>
  );
}
