import { Link, useParams } from "react-router";
import { ErrorNotice, Loading } from "../../components/common";
import { countryName, formatNumber, formatPriceRange, localizedText, pickLocalized } from "../../format";
import { useI18n } from "../../i18n";
import { categoryLabel, useCategories } from "../../reference";
import { useDocumentTitle } from "../../useDocumentTitle";
import { CertificateList } from "./CertificateList";
import { idFrom, useProduct, useSupplierProducts } from "./hooks";
import { OtherProducts } from "./OtherProducts";

/** `/products/:id`: a published product, public (no contact details). */
export function ProductPage() {
  const { t, lang } = useI18n();
  const id = idFrom(useParams().id);
  const product = useProduct(id);
  const categories = useCategories();
  const data = product.data;
  const name = data
    ? (pickLocalized(data.names, lang) ?? { text: data.model_number ?? `#${data.id}`, lang: "" })
    : null;
  const others = useSupplierProducts(data?.vendor.id ?? 0);
  useDocumentTitle(name?.text ?? t("catalog.product.title"));

  if (id === 0 || product.error?.status === 404) {
    return (
      <div className="card gate" data-testid="not-found">
        <h1>{t("catalog.product.missing")}</h1>
        <Link to="/suppliers">{t("catalog.backToDirectory")}</Link>
      </div>
    );
  }
  if (product.error) return <ErrorNotice error={product.error} onRetry={() => void product.refetch()} />;
  if (!data || !name) return <Loading />;

  const category = categories.find((c) => c.id === data.category.id);
  const description = pickLocalized(data.descriptions, lang);
  const unit = data.unit || "piece";
  const unitLabel = t(unit === "piece" ? "unit.pieces" : "catalog.unit.other", { unit });
  return (
    <article className="detail-page" data-testid="product-page">
      <nav className="breadcrumb" aria-label={t("catalog.breadcrumb")}>
        <Link to="/suppliers">{t("nav.suppliers")}</Link>
      </nav>
      <header className="page-header">
        <h1 lang={name.lang || undefined} dir="auto" data-testid="product-name">
          {name.text}
        </h1>
        <p className="page-header__intro">
          <Link to={`/suppliers/${data.vendor.id}`} dir="auto" data-testid="product-vendor">
            {data.vendor.name}
          </Link>{" "}
          · {countryName(data.vendor.country, lang)}
        </p>
      </header>
      <div className="detail-grid">
        <section className="card" aria-labelledby="product-facts">
          <h2 id="product-facts">{t("catalog.product.facts")}</h2>
          <dl className="facts">
            <dt>{t("catalog.category")}</dt>
            <dd>
              {category ? categoryLabel(category, lang) : localizedText(data.category.names, lang, data.category.slug)}
            </dd>
            <dt>{t("catalog.hsCode")}</dt>
            <dd dir="ltr">{data.category.hs_code}</dd>
            {data.model_number ? (
              <>
                <dt>{t("catalog.model")}</dt>
                <dd dir="ltr">{data.model_number}</dd>
              </>
            ) : null}
            <dt>{t("catalog.price")}</dt>
            <dd dir="ltr" data-testid="product-price">
              {formatPriceRange(Number(data.price_min), Number(data.price_max), data.currency, lang)}
            </dd>
            <dt>{t("catalog.moq")}</dt>
            <dd>
              {formatNumber(data.min_order_quantity, lang)} {unitLabel}
            </dd>
            <dt>{t("catalog.capacity")}</dt>
            <dd>{t("catalog.perDay", { count: formatNumber(data.capacity_per_day, lang), unit: unitLabel })}</dd>
            <dt>{t("catalog.leadTime")}</dt>
            <dd>{t("catalog.days", { count: formatNumber(data.lead_time_days, lang) })}</dd>
            {data.incoterms.length ? (
              <>
                <dt>{t("catalog.incoterms")}</dt>
                <dd dir="ltr">{data.incoterms.join(", ")}</dd>
              </>
            ) : null}
            <dt>{t("catalog.origin")}</dt>
            <dd>{data.origin_country ? countryName(data.origin_country, lang) : "—"}</dd>
            {data.standards.length ? (
              <>
                <dt>{t("catalog.standards")}</dt>
                <dd dir="ltr">{data.standards.join(", ")}</dd>
              </>
            ) : null}
          </dl>
          {description ? (
            <p lang={description.lang || undefined} dir="auto" className="detail-text">
              {description.text}
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="product-certificates">
          <h2 id="product-certificates">{t("catalog.certificates.title")}</h2>
          <CertificateList certificates={data.certificates} />
        </section>
      </div>
      <OtherProducts query={others} exclude={data.id} title={t("catalog.product.others")} />
    </article>
  );
}
