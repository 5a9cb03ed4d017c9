import { useCallback, useEffect, useMemo, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, useApiQuery } from "../../api";
import { apiErrorMessage, Loading, PageHeader, Pagination, useErrorText } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { Highlighted, stripMarks } from "./Highlighted";
import { AlertIcon, BuildingIcon, SearchIcon } from "../../components/Icons";
import { SuggestBox } from "./SuggestBox";
import {
  COMMON_CURRENCIES,
  countryName,
  formatNumber,
  formatPriceRange,
  localizedText,
  pickLocalized,
} from "../../format";
import { useI18n } from "../../i18n";
import type { Language, MessageKey } from "../../i18n";
import { categoryLabel, useCategories } from "../../reference";
import type { Category } from "../../reference";
import {
  apiQuery,
  hasFilters,
  LIST_FILTERS,
  MAX_PAGE,
  PAGE_SIZE,
  paramsFromState,
  parseProductHit,
  parseSearchResult,
  parseSupplierHit,
  RANGE_FILTERS,
  sortsFor,
  stateFromParams,
  SUPPLIER_RANGES,
} from "./search";
import type {
  DirectoryState,
  FacetBucket,
  Highlight,
  ListFilter,
  ProductHit,
  RangeFilter,
  SearchResult,
  SearchType,
  Suggestion,
  SupplierHit,
} from "./search";
import { useDocumentTitle } from "../../useDocumentTitle";

type Result =
  { type: "products"; data: SearchResult<ProductHit> } | { type: "suppliers"; data: SearchResult<SupplierHit> };

type Load =
  { kind: "loading"; previous?: Result } | { kind: "ready"; result: Result } | { kind: "error"; error: unknown };

/** A market code as words: EU and China's export rule have names, single countries use theirs. */
export function useMarketLabel(): (code: string) => string {
  const { t, has, lang } = useI18n();
  return (code) => {
    const key = `market.${code}`;
    if (has(key)) return t(key);
    return /^[A-Z]{2}$/.test(code) ? countryName(code, lang) : code;
  };
}

function firstFragment(highlight: Highlight, fields: string[]): string | null {
  for (const field of fields) {
    const fragment = highlight[field]?.[0];
    if (fragment) return fragment;
  }
  return null;
}

function languageFields(prefix: string, first: string): string[] {
  return [first, "en", "zh", "fr", "es", "ru", "ar", "other"].map((code) => `${prefix}_${code}`);
}

/** Text shown for a field: the highlighted fragment in the same language as `text` when there is one. */
function TextWithHighlight({ text, fragment }: { text: string; fragment: string | null }) {
  return fragment ? <Highlighted fragment={fragment} /> : <>{text}</>;
}

function Badges({
  items,
  tone,
  label,
  format,
}: {
  items: string[];
  tone: string;
  label: string;
  format?: (item: string) => string;
}) {
  if (items.length === 0) return null;
  return (
    <div className="badge-row">
      <span className="badge-row__label">{label}</span>
      <ul className="badge-list" aria-label={label}>
        {items.map((item) => (
          <li key={item} className={`tag tag--${tone}`} title={format ? item : undefined}>
            <bdi>{format ? format(item) : item}</bdi>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ProductCard({ hit, categories }: { hit: ProductHit; categories: Map<string, Category> }) {
  const { t, lang } = useI18n();
  const marketLabel = useMarketLabel();
  const name = pickLocalized(hit.names, lang);
  const nameFragment = name ? firstFragment(hit.highlight, [`name_${name.lang || "other"}`]) : null;
  const description = pickLocalized(hit.descriptions, lang);
  const descriptionFragment = firstFragment(hit.highlight, languageFields("description", description?.lang || lang));
  // vendor_name is indexed as "name | legal names…": show the display name part.
  const vendorFragment = hit.highlight.vendor_name?.[0]?.split(" | ")[0] ?? null;
  const category = categories.get(hit.category.slug);
  const unit = t("unit.pieces");
  return (
    <article className="card result-card" data-testid="product-card">
      <header className="result-card__head">
        <div>
          <h3 className="result-card__title" lang={name?.lang || undefined} dir="auto">
            <Link to={`/products/${hit.id}`} className="result-card__link">
              <TextWithHighlight text={name?.text ?? hit.modelNumber} fragment={nameFragment} />
            </Link>
          </h3>
          <p className="result-card__vendor">
            <BuildingIcon />
            <Link to={`/suppliers/${hit.vendor.id}`} dir="auto">
              <TextWithHighlight
                text={hit.vendor.name}
                fragment={vendorFragment && stripMarks(vendorFragment) === hit.vendor.name ? vendorFragment : null}
              />
            </Link>
            <span className="muted">
              · {countryName(hit.vendor.country, lang)}
              {hit.vendor.city ? `, ${hit.vendor.city}` : ""}
            </span>
          </p>
        </div>
        <div className="result-card__price" data-testid="price">
          <strong dir="ltr">{formatPriceRange(hit.priceMin, hit.priceMax, hit.currency, lang)}</strong>
          <span className="muted small">{t("directory.perUnit")}</span>
        </div>
      </header>
      <p className="result-card__meta">
        <span className="tag tag--category">{category ? categoryLabel(category, lang) : hit.category.slug}</span>
        {hit.category.hsCode ? (
          <span className="muted small">
            {t("directory.hs")} <bdi>{hit.category.hsCode}</bdi>
          </span>
        ) : null}
        {hit.modelNumber ? (
          <span className="muted small">
            {t("directory.model")} <bdi>{hit.modelNumber}</bdi>
          </span>
        ) : null}
      </p>
      {description || descriptionFragment ? (
        <p className="result-card__description" lang={description?.lang || undefined} dir="auto">
          <TextWithHighlight text={description?.text ?? ""} fragment={descriptionFragment} />
        </p>
      ) : null}
      {hit.markets.length || hit.standards.length ? (
        <div className="badge-grid">
          <Badges items={hit.markets} tone="market" label={t("directory.certifiedFor")} format={marketLabel} />
          <Badges items={hit.standards} tone="standard" label={t("directory.standards")} />
        </div>
      ) : null}
      <dl className="stats">
        <Stat label={t("directory.moq")} value={`${formatNumber(hit.moq, lang)} ${unit}`} />
        <Stat label={t("directory.capacity")} value={`${formatNumber(hit.capacity, lang)} ${unit}`} />
        <Stat label={t("directory.leadTime")} value={t("directory.days", { days: formatNumber(hit.leadTime, lang) })} />
      </dl>
    </article>
  );
}

function SupplierCard({ hit, categories }: { hit: SupplierHit; categories: Map<string, Category> }) {
  const { t, lang } = useI18n();
  const marketLabel = useMarketLabel();
  const legal = pickLocalized(hit.legalNames, lang);
  const nameFragment = firstFragment(hit.highlight, ["name"]);
  const legalFragment = legal ? firstFragment(hit.highlight, [`legal_name_${legal.lang || "other"}`]) : null;
  const shown = hit.categories.slice(0, 6);
  return (
    <article className="card result-card" data-testid="supplier-card">
      <header className="result-card__head">
        <div>
          <h3 className="result-card__title" dir="auto">
            <Link to={`/suppliers/${hit.id}`} className="result-card__link">
              <TextWithHighlight text={hit.name} fragment={nameFragment} />
            </Link>
          </h3>
          {legal && legal.text !== hit.name ? (
            <p className="result-card__legal" lang={legal.lang || undefined} dir="auto">
              <TextWithHighlight text={legal.text} fragment={legalFragment} />
            </p>
          ) : null}
          <p className="result-card__vendor">
            <span>
              {countryName(hit.country, lang)}
              {hit.city ? `, ${hit.city}` : ""}
            </span>
          </p>
        </div>
      </header>
      {hit.description ? (
        <p className="result-card__description" dir="auto">
          {hit.description}
        </p>
      ) : null}
      {shown.length ? (
        <ul className="badge-list">
          {shown.map((slug) => (
            <li key={slug} className="tag tag--category">
              {categoryLabel(categories.get(slug), lang) || slug}
            </li>
          ))}
          {hit.categories.length > shown.length ? (
            <li className="tag tag--more">{t("directory.more", { count: hit.categories.length - shown.length })}</li>
          ) : null}
        </ul>
      ) : null}
      {hit.markets.length || hit.standards.length ? (
        <div className="badge-grid">
          <Badges items={hit.markets} tone="market" label={t("directory.certifiedFor")} format={marketLabel} />
          <Badges items={hit.standards} tone="standard" label={t("directory.standards")} />
        </div>
      ) : null}
      <dl className="stats">
        <Stat label={t("directory.products")} value={formatNumber(hit.productCount, lang)} />
        <Stat label={t("directory.capacityMax")} value={`${formatNumber(hit.capacityMax, lang)} ${t("unit.pieces")}`} />
      </dl>
    </article>
  );
}

const FACET_TITLES: Record<ListFilter, MessageKey> = {
  category: "directory.facet.category",
  country: "directory.facet.country",
  market: "directory.facet.market",
  standard: "directory.facet.standard",
};
const FACET_LIMIT = 8;

function FacetGroup({
  name,
  buckets,
  selected,
  label,
  onToggle,
}: {
  name: ListFilter;
  buckets: FacetBucket[];
  selected: string[];
  label: (bucket: FacetBucket) => string;
  onToggle: (value: string) => void;
}) {
  const { t, lang } = useI18n();
  const [expanded, setExpanded] = useState(false);
  // Selected values stay visible (and can be unticked) even when no result carries them.
  const all = [
    ...buckets,
    ...selected.filter((value) => !buckets.some((b) => b.key === value)).map((key) => ({ key, count: 0 })),
  ];
  if (all.length === 0) return null;
  const visible = expanded ? all : all.slice(0, FACET_LIMIT);
  return (
    <fieldset className="facet" data-testid={`facet-${name}`}>
      <legend>{t(FACET_TITLES[name])}</legend>
      <ul>
        {visible.map((bucket) => {
          const checked = selected.includes(bucket.key);
          return (
            <li key={bucket.key}>
              <label
                className={`facet__option${checked ? " is-checked" : ""}`}
                data-testid="facet-option"
                data-value={bucket.key}
              >
                <input type="checkbox" checked={checked} onChange={() => onToggle(bucket.key)} />
                <span className="facet__label" dir="auto">
                  {label(bucket)}
                </span>
                <span className="facet__count" data-testid="facet-count">
                  {formatNumber(bucket.count, lang)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {all.length > FACET_LIMIT ? (
        <button type="button" className="link-button" onClick={() => setExpanded((v) => !v)} aria-expanded={expanded}>
          {expanded ? t("directory.showFewer") : t("directory.showAll", { count: all.length })}
        </button>
      ) : null}
    </fieldset>
  );
}

function RangeFilters({
  state,
  currencies,
  onApply,
}: {
  state: DirectoryState;
  currencies: string[];
  onApply: (ranges: Record<RangeFilter, string>, currency: string) => void;
}) {
  const { t } = useI18n();
  const [ranges, setRanges] = useState(state.ranges);
  const [currency, setCurrency] = useState(state.currency);
  useEffect(() => {
    setRanges(state.ranges);
    setCurrency(state.currency);
  }, [state.ranges, state.currency]);
  const names = RANGE_FILTERS.filter((name) => state.type === "products" || SUPPLIER_RANGES.includes(name));
  const labels: Record<RangeFilter, MessageKey> = {
    capacity_min: "directory.range.capacityMin",
    moq_max: "directory.range.moqMax",
    lead_time_max: "directory.range.leadTimeMax",
    price_max: "directory.range.priceMax",
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(ranges, ranges.price_max ? currency : "");
  };
  return (
    <form className="facet range-filters" onSubmit={submit} data-testid="range-filters">
      <fieldset>
        <legend>{t("directory.ranges")}</legend>
        {names.map((name) => (
          <label key={name} className="range-field">
            <span>{t(labels[name])}</span>
            <span className="range-field__inputs">
              <input
                type="number"
                inputMode="decimal"
                min={0}
                step={name === "price_max" ? "any" : 1}
                value={ranges[name]}
                onChange={(e) => setRanges((current) => ({ ...current, [name]: e.target.value }))}
                name={name}
                dir="ltr"
              />
              {name === "price_max" ? (
                <select
                  value={currency}
                  onChange={(e) => setCurrency(e.target.value)}
                  aria-label={t("directory.currency")}
                  name="currency"
                >
                  <option value="">{t("directory.anyCurrency")}</option>
                  {currencies.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
              ) : null}
            </span>
          </label>
        ))}
        <button type="submit" className="button button--secondary button--small">
          {t("directory.apply")}
        </button>
      </fieldset>
    </form>
  );
}

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

function facetLabeler(
  name: ListFilter,
  lang: Language,
  categories: Map<string, Category>,
  marketLabel: (code: string) => string,
) {
  return (bucket: FacetBucket): string => {
    if (name === "category")
      return localizedText(bucket.names, lang, categoryLabel(categories.get(bucket.key), lang) || bucket.key);
    if (name === "country") return countryName(bucket.key, lang);
    if (name === "market") return marketLabel(bucket.key);
    return bucket.key;
  };
}

export function SuppliersPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const queryString = params.toString();
  // Parsed from the string, so that a new URLSearchParams object with the same content changes nothing.
  const state = useMemo(() => stateFromParams(new URLSearchParams(queryString)), [queryString]);
  const [draft, setDraft] = useState(state.q);
  // Narrow screens: the facets fold away behind a button so the results come first.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const categoryList = useCategories();
  const categories = useMemo(() => new Map(categoryList.map((c) => [c.slug, c])), [categoryList]);
  const marketLabel = useMarketLabel();
  const errorText = useErrorText();
  useDocumentTitle(t("suppliers.title"));

  useEffect(() => setDraft(state.q), [state.q]);

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

  const update = useCallback(
    (change: Partial<DirectoryState>, options: { keepPage?: boolean } = {}) => {
      const next: DirectoryState = { ...state, ...change, page: options.keepPage ? (change.page ?? state.page) : 1 };
      if (!sortsFor(next.type).includes(next.sort)) next.sort = "relevance";
      setParams(paramsFromState(next));
    },
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

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draft });
  };

  const onPick = (suggestion: Suggestion) => {
    if (suggestion.kind === "category") {
      setDraft("");
      update({ q: "", filters: { ...state.filters, category: [suggestion.value] } });
    } else {
      setDraft(suggestion.value);
      update({ q: suggestion.value, type: suggestion.kind === "supplier" ? "suppliers" : "products" });
    }
  };

  const switchType = (type: SearchType) => {
    if (type !== state.type) update({ type });
  };

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
    if (beyondLast) setParams(paramsFromState({ ...state, page: lastPage }), { replace: true });
  }, [beyondLast, lastPage, state, setParams]);

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

  let body: ReactNode;
  if (load.kind === "error") {
    const unavailable = load.error instanceof ApiError && load.error.unavailable;
    // A 400 names the parameters at fault (a hand-edited link, say): show them and offer a way out.
    const invalid =
      load.error instanceof ApiError && load.error.status === 400 ? Object.values(load.error.fields).flat() : [];
    body = (
      <div className="card notice-card" role="alert" data-testid={unavailable ? "search-unavailable" : "search-error"}>
        <div className="notice-card__icon" aria-hidden="true">
          <AlertIcon />
        </div>
        <div>
          <h2>{unavailable ? t("directory.unavailable.title") : t("directory.error.title")}</h2>
          {unavailable ? (
            <p className="muted">{t("directory.unavailable.body")}</p>
          ) : invalid.length ? (
            <ul className="muted">
              {invalid.map((error, index) => (
                <li key={index}>{errorText(error)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{apiErrorMessage(load.error, t)}</p>
          )}
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => void active.refetch()}>
              {t("common.retry")}
            </button>
            {invalid.length && (filtered || state.q) ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => setParams(new URLSearchParams(state.type === "suppliers" ? "type=suppliers" : ""))}
              >
                {t("directory.startOver")}
              </button>
            ) : null}
          </div>
        </div>
      </div>
    );
  } else if (!result) {
    body = <Loading label={t("directory.searching")} />;
  } else if (result.data.results.length === 0) {
    const nothingAtAll = !state.q && !filtered;
    body = (
      <div className="card" data-testid="no-results">
        <EmptyState
          icon={nothingAtAll ? <BuildingIcon /> : <SearchIcon />}
          title={nothingAtAll ? t("suppliers.empty.title") : t("directory.noResults.title")}
          body={nothingAtAll ? t("suppliers.empty.body") : t("directory.noResults.body")}
        />
        {filtered ? (
          <p className="center">
            <button type="button" className="button button--secondary" onClick={clearFilters}>
              {t("directory.clearFilters")}
            </button>
          </p>
        ) : null}
      </div>
    );
  } else {
    body = (
      <>
        {result.data.relaxed && state.q ? (
          <p className="notice notice--info" data-testid="relaxed">
            {t("directory.relaxed", { q: state.q })}
          </p>
        ) : null}
        <ol className="result-list" aria-busy={load.kind === "loading"} data-testid="results">
          {result.type === "products"
            ? result.data.results.map((hit) => (
                <li key={hit.id}>
                  <ProductCard hit={hit} categories={categories} />
                </li>
              ))
            : result.data.results.map((hit) => (
                <li key={hit.id}>
                  <SupplierCard hit={hit} categories={categories} />
                </li>
              ))}
        </ol>
        <Pagination page={state.page} pageCount={pageCount} onPage={(page) => update({ page }, { keepPage: true })} />
      </>
    );
  }

  const from = (state.page - 1) * PAGE_SIZE + 1;
  const to = from + (result?.data.results.length ?? 0) - 1;

  return (
    <section className="directory">
      <PageHeader title={t("suppliers.title")} intro={t("suppliers.intro")} />
      <form className="search-bar card" role="search" onSubmit={onSearch} data-testid="search-form">
        <div className="segmented" role="radiogroup" aria-label={t("directory.searchFor")}>
          {(["products", "suppliers"] as const).map((type) => (
            <button
              key={type}
              type="button"
              role="radio"
              aria-checked={state.type === type}
              className={`segmented__option${state.type === type ? " is-selected" : ""}`}
              onClick={() => switchType(type)}
              data-testid={`type-${type}`}
            >
              {t(`directory.type.${type}`)}
            </button>
          ))}
        </div>
        <SuggestBox
          value={draft}
          onChange={setDraft}
          onPick={onPick}
          label={t("directory.searchLabel")}
          placeholder={
            state.type === "products" ? t("directory.placeholder.products") : t("directory.placeholder.suppliers")
          }
        />
        <button type="submit" className="button button--primary" data-testid="search-submit">
          <SearchIcon />
          <span>{t("directory.search")}</span>
        </button>
      </form>

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
        <aside
          id="directory-facets"
          className={`directory__facets${filtersOpen ? " is-open" : ""}`}
          aria-label={t("directory.filters")}
        >
          <div className="facets-head">
            <h2>{t("directory.filters")}</h2>
            {filtered ? (
              <button type="button" className="link-button" onClick={clearFilters}>
                {t("directory.clearFilters")}
              </button>
            ) : null}
          </div>
          {LIST_FILTERS.map((name) => (
            <FacetGroup
              key={`${state.type}-${name}`}
              name={name}
              buckets={facets[name] ?? []}
              selected={state.filters[name]}
              label={facetLabeler(name, lang, categories, marketLabel)}
              onToggle={(value) => toggleFilter(name, value)}
            />
          ))}
          <RangeFilters
            state={state}
            currencies={currencies}
            onApply={(ranges, currency) => update({ ranges, currency })}
          />
        </aside>

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
          {body}
        </div>
      </div>
    </section>
  );
}
