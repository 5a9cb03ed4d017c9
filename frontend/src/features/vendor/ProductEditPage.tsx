import { Link, useNavigate, useParams } from "react-router";
import type { ProductCreateInputRequest } from "../../api";
import { ErrorNotice, Loading, PageHeader } from "../../components/common";
import { localizedText } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { idFrom } from "../catalog/hooks";
import { useDocuments, useMyProduct, useOrganization, useOrganizationId, useProductActions } from "./hooks";
import { ProductForm } from "./ProductForm";

/** /vendor/products/new and /vendor/products/:id: the product form, then back to the list. */
export function ProductEditPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const productId = idFrom(id);
  const creating = id === undefined;
  const navigate = useNavigate();
  const organizationId = useOrganizationId();
  const organization = useOrganization(organizationId);
  const documents = useDocuments(organizationId);
  const product = useMyProduct(productId);
  const { create, update } = useProductActions();
  const name = product.data ? localizedText(product.data.names, lang) : "";
  useDocumentTitle(creating ? t("vendor.products.new") : name || t("vendor.products.edit"));

  if (!creating && productId === 0) return <ErrorNotice error={new Error("not found")} />;
  const error = organization.error ?? product.error;
  if (error) return <ErrorNotice error={error} />;
  if (!organization.data || (!creating && !product.data)) return <Loading />;

  const save = async (body: ProductCreateInputRequest) => {
    if (creating) {
      await create.mutateAsync({ body });
    } else {
      const { certificates: _ignored, ...changes } = body;
      await update.mutateAsync({ params: { path: { product_id: productId } }, body: changes });
    }
    navigate("/vendor/products?saved=1");
  };
  const certificates = (documents.data?.results ?? []).filter((document) => document.document_type === "certificate");
  return (
    <div className="stack" data-testid="vendor-product-edit">
      <p>
        <Link to="/vendor/products">{t("vendor.products.back")}</Link>
      </p>
      <PageHeader
        title={creating ? t("vendor.products.new") : name || t("vendor.products.edit")}
        userContent={!creating}
      />
      <ProductForm
        product={product.data}
        originCountry={organization.data.country}
        certificates={certificates}
        onSave={save}
      />
    </div>
  );
}
