import { Link, useSearchParams } from "react-router";
import type { PatchedProductInputRequest, ProductOutput } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { BuildingIcon } from "../../components/Icons";
import { ErrorNotice, Loading, PageHeader, Pagination, StatusPill } from "../../components/common";
import { formatPriceRange, pickLocalized } from "../../format";
import { useI18n } from "../../i18n";
import { categoryLabel } from "../../reference";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useMyProducts, useOrganizationId, useProductActions } from "./hooks";

const PAGE_SIZE = 20;

/** The status a product moves to with each action of the list. */
export function nextStatuses(status: ProductOutput["status"]): ("published" | "draft" | "archived")[] {
  if (status === "published") return ["draft", "archived"];
  if (status === "draft") return ["published", "archived"];
  return ["draft"];
}

function ProductRow({ product }: { product: ProductOutput }) {
  const { t, lang } = useI18n();
  const { update } = useProductActions();
  const name = pickLocalized(product.names, lang);
  const price = formatPriceRange(Number(product.price_min), Number(product.price_max), product.currency, lang);
  return (
    <li className="card product-row" data-testid="my-product" data-status={product.status}>
      <div className="product-row__main">
        <Link
          to={`/vendor/products/${product.id}`}
          className="product-row__name"
          lang={name?.lang || undefined}
          dir="auto"
        >
          {name?.text ?? `#${product.id}`}
        </Link>
        <StatusPill
          status={product.status === "published" ? "open" : product.status}
          label={t(`vendor.productStatus.${product.status}`)}
        />
      </div>
      <p className="muted small">
        {categoryLabel(product.category, lang)} · <bdi dir="ltr">{product.category.hs_code}</bdi> · {price}
        {product.standards.length ? (
          <>
            {" · "}
            <bdi dir="ltr">{product.standards.join(", ")}</bdi>
          </>
        ) : null}
      </p>
      {update.error ? <ErrorNotice error={update.error} /> : null}
      <div className="contact-item__actions">
        <Link className="button button--ghost" to={`/vendor/products/${product.id}`}>
          {t("vendor.edit")}
        </Link>
        {product.status === "published" && product.vendor.verification_status === "verified" ? (
          <Link className="button button--ghost" to={`/products/${product.id}`}>
            {t("vendor.products.view")}
          </Link>
        ) : null}
        {nextStatuses(product.status).map((status) => (
          <button
            key={status}
            type="button"
            className="button button--ghost"
            disabled={update.isPending}
            data-testid={`product-${status}`}
            onClick={() =>
              update.mutate({
                params: { path: { product_id: product.id } },
                // A PATCH of one field: the schema marks the fields with defaults as required in
                // the patched body too, but a partial update applies no defaults.
                body: { status } as PatchedProductInputRequest,
              })
            }
          >
            {t(`vendor.products.action.${status}`)}
          </button>
        ))}
      </div>
    </li>
  );
}

export function ProductsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("vendor.products.title"));
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const organizationId = useOrganizationId();
  const products = useMyProducts(organizationId, page);
  const rows = products.data?.results ?? [];
  const pageCount = Math.max(1, Math.ceil((products.data?.count ?? 0) / PAGE_SIZE));
  return (
    <div className="stack" data-testid="vendor-products">
      <PageHeader
        title={t("vendor.products.title")}
        intro={t("vendor.products.intro")}
        actions={
          <Link className="button button--primary" to="/vendor/products/new" data-testid="product-new">
            {t("vendor.products.new")}
          </Link>
        }
      />
      {params.get("saved") ? (
        <p className="notice notice--ok" role="status" data-testid="product-saved">
          {t("vendor.products.saved")}
        </p>
      ) : null}
      {products.isLoading ? <Loading /> : null}
      {products.error ? <ErrorNotice error={products.error} onRetry={() => void products.refetch()} /> : null}
      {products.data && rows.length === 0 ? (
        <EmptyState icon={<BuildingIcon />} title={t("vendor.products.empty")} body={t("vendor.products.empty.body")} />
      ) : null}
      <ul className="product-rows">
        {rows.map((product) => (
          <ProductRow key={product.id} product={product} />
        ))}
      </ul>
      <Pagination
        page={page}
        pageCount={pageCount}
        onPage={(next) => setParams((current) => ({ ...Object.fromEntries(current), page: String(next) }))}
      />
    </div>
  );
}
