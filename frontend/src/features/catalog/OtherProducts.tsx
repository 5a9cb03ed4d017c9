import { Link } from "react-router";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ApiData, ApiError } from "../../api";
import { formatPriceRange, pickLocalized } from "../../format";
import { useI18n } from "../../i18n";
import { useMarketLabel } from "../../components/useMarketLabel";

/** A supplier's products as small linked cards (from the search index). */
export function OtherProducts({
  query,
  exclude,
  title,
}: {
  query: UseQueryResult<ApiData<"/api/v1/search/products/">, ApiError>;
  exclude?: number;
  title: string;
}) {
  const { t, lang } = useI18n();
  const marketLabel = useMarketLabel();
  const items = (query.data?.results ?? []).filter((hit) => hit.id !== exclude);
  return (
    <section className="detail-section" aria-labelledby="other-products" data-testid="supplier-products">
      <h2 id="other-products">{title}</h2>
      {query.isLoading ? <p className="muted">{t("catalog.loading")}</p> : null}
      {!query.isLoading && items.length === 0 ? <p className="muted">{t("catalog.noProducts")}</p> : null}
      <ul className="mini-cards">
        {items.map((hit) => {
          const name = pickLocalized(hit.names, lang);
          return (
            <li key={hit.id} className="card mini-card">
              <Link to={`/products/${hit.id}`} lang={name?.lang || undefined} dir="auto">
                {name?.text ?? hit.model_number}
              </Link>
              <span className="muted small" dir="ltr">
                {formatPriceRange(hit.price_min, hit.price_max, hit.currency, lang)}
              </span>
              {hit.certificate_markets.length ? (
                <span className="small">{hit.certificate_markets.map(marketLabel).join(" · ")}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
