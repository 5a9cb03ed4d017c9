// The directory's result cards: a product or a supplier, with the search engine's highlights.
import type { ReactNode } from "react";
import { Link } from "react-router";
import { BuildingIcon } from "../../components/Icons";
import { useMarketLabel } from "../../components/useMarketLabel";
import { countryName, formatNumber, formatPriceRange, pickLocalized } from "../../format";
import { useI18n } from "../../i18n";
import { categoryLabel } from "../../reference";
import type { Category } from "../../reference";
import { Highlighted, stripMarks } from "./Highlighted";
import type { Highlight, ProductHit, SupplierHit } from "./search";

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

export function ProductCard({ hit, categories }: { hit: ProductHit; categories: Map<string, Category> }) {
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

export function SupplierCard({ hit, categories }: { hit: SupplierHit; categories: Map<string, Category> }) {
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
