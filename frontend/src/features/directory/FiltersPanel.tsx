// The directory's filter panel: one group of tick boxes per facet, with counts, and the range filters.
import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { formatNumber, countryName, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { Language, MessageKey } from "../../i18n";
import { categoryLabel } from "../../reference";
import type { Category } from "../../reference";
import { useMarketLabel } from "../../components/useMarketLabel";
import { LIST_FILTERS, RANGE_FILTERS, SUPPLIER_RANGES } from "./search";
import type { DirectoryState, FacetBucket, ListFilter, RangeFilter } from "./search";

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

export function facetLabeler(
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

/** The facets and range filters beside the results; on a narrow screen it folds away (`open`). */
export function FiltersPanel({
  state,
  facets,
  currencies,
  categories,
  open,
  filtered,
  onToggle,
  onClear,
  onApplyRanges,
}: {
  state: DirectoryState;
  facets: Record<string, FacetBucket[]>;
  currencies: string[];
  categories: Map<string, Category>;
  open: boolean;
  filtered: boolean;
  onToggle: (name: ListFilter, value: string) => void;
  onClear: () => void;
  onApplyRanges: (ranges: Record<RangeFilter, string>, currency: string) => void;
}) {
  const { t, lang } = useI18n();
  const marketLabel = useMarketLabel();
  return (
    <aside
      id="directory-facets"
      className={`directory__facets${open ? " is-open" : ""}`}
      aria-label={t("directory.filters")}
    >
      <div className="facets-head">
        <h2>{t("directory.filters")}</h2>
        {filtered ? (
          <button type="button" className="link-button" onClick={onClear}>
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
          onToggle={(value) => onToggle(name, value)}
        />
      ))}
      <RangeFilters state={state} currencies={currencies} onApply={onApplyRanges} />
    </aside>
  );
}
