// The filter bar above the review queue; every control writes to the URL through useQueueFilters.
import { useMemo } from "react";
import { useEnumLabel } from "../../components/common";
import { countryOptions, formatNumber, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import { categoryTree, useCategories } from "../../reference";
import { ORDERINGS, PROPOSAL_STATUSES } from "./useQueueFilters";
import type { QueueFilterState } from "./useQueueFilters";

export function QueueFilters({ filters, total }: { filters: QueueFilterState; total: number | undefined }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const { status, destination, vendorCountry, category, overdue, ordering, setFilter } = filters;
  const categories = useCategories();
  const tree = useMemo(() => categoryTree(categories, lang), [categories, lang]);
  const countries = useMemo(() => countryOptions(lang), [lang]);

  return (
    <form className="card filters" onSubmit={(e) => e.preventDefault()} data-testid="proposal-filters">
      <label className="inline-field">
        <span>{t("proposals.filter.status")}</span>
        <select
          value={status}
          onChange={(e) => setFilter("status", e.target.value === "proposed" ? "" : e.target.value)}
          data-testid="proposal-status"
        >
          {PROPOSAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel("proposalStatus", s)}
            </option>
          ))}
          <option value="all">{t("proposals.filter.all")}</option>
        </select>
      </label>
      <label className="inline-field">
        <span>{t("proposals.filter.destination")}</span>
        <select value={destination} onChange={(e) => setFilter("destination_country", e.target.value)}>
          <option value="">{t("proposals.filter.any")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t("proposals.filter.vendorCountry")}</span>
        <select value={vendorCountry} onChange={(e) => setFilter("vendor_country", e.target.value)}>
          <option value="">{t("proposals.filter.any")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t("proposals.filter.category")}</span>
        <select value={category} onChange={(e) => setFilter("category", e.target.value)}>
          <option value="">{t("proposals.filter.any")}</option>
          {tree.map(({ category: c, depth }) => (
            <option key={c.id} value={c.slug}>
              {"\u00a0\u00a0\u00a0".repeat(depth)}
              {localizedText(c.names, lang, c.slug)}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={overdue}
          onChange={(e) => setFilter("overdue", e.target.checked ? "true" : "")}
          data-testid="overdue-filter"
        />
        <span>{t("proposals.filter.overdue")}</span>
      </label>
      <label className="inline-field">
        <span>{t("proposals.filter.sort")}</span>
        <select
          value={ordering}
          onChange={(e) => setFilter("ordering", e.target.value === "-score" ? "" : e.target.value)}
        >
          {ORDERINGS.map((o) => (
            <option key={o} value={o}>
              {t(`proposals.sort.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {total !== undefined ? (
        <span className="muted filters__total" data-testid="proposal-count">
          {t("common.total", { count: formatNumber(total, lang) })}
        </span>
      ) : null}
    </form>
  );
}
