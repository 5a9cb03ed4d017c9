import { Link, useParams } from "react-router";
import { ErrorNotice, Loading } from "../../components/common";
import { countryName, pickLocalized } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { idFrom, useSupplier, useSupplierProducts } from "./hooks";
import { OtherProducts } from "./OtherProducts";

/** `/suppliers/:id`: a verified supplier's public profile and products (no contact details). */
export function SupplierPage() {
  const { t, lang } = useI18n();
  const id = idFrom(useParams().id);
  const supplier = useSupplier(id);
  const products = useSupplierProducts(id);
  const data = supplier.data;
  useDocumentTitle(data?.name ?? t("catalog.supplier.title"));

  if (id === 0 || supplier.error?.status === 404 || (data && data.kind !== "vendor")) {
    return (
      <div className="card gate" data-testid="not-found">
        <h1>{t("catalog.supplier.missing")}</h1>
        <Link to="/suppliers">{t("catalog.backToDirectory")}</Link>
      </div>
    );
  }
  if (supplier.error) return <ErrorNotice error={supplier.error} onRetry={() => void supplier.refetch()} />;
  if (!data) return <Loading />;
  const legal = pickLocalized(data.legal_names, lang);
  return (
    <article className="detail-page" data-testid="supplier-page">
      <nav className="breadcrumb" aria-label={t("catalog.breadcrumb")}>
        <Link to="/suppliers?type=suppliers">{t("nav.suppliers")}</Link>
      </nav>
      <header className="page-header">
        <h1 dir="auto" data-testid="supplier-name">
          {data.name}
        </h1>
        {legal && legal.text !== data.name ? (
          <p className="page-header__intro" lang={legal.lang || undefined} dir="auto">
            {legal.text}
          </p>
        ) : null}
        <p className="page-header__intro">
          {countryName(data.country, lang)}
          {data.city ? ` · ${data.city}` : ""}
          {data.verification_status === "verified" ? (
            <span className="pill pill--ok"> {t("catalog.supplier.verified")}</span>
          ) : null}
        </p>
      </header>
      {data.description ? (
        <section className="card">
          <p dir="auto" className="detail-text">
            {data.description}
          </p>
        </section>
      ) : null}
      <OtherProducts query={products} title={t("catalog.supplier.products")} />
    </article>
  );
}
