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
  const { create, update, updateDocument } = useProductActions();
  const name = product.data ? localizedText(product.data.names, lang) : "";
  useDocumentTitle(creating ? t("vendor.products.new") : name || t("vendor.products.edit"));

  if (!creating && productId === 0) return <ErrorNotice error={new Error("not found")} />;
  const error = organization.error ?? product.error;
  if (error) return <ErrorNotice error={error} />;
  if (!organization.data || (!creating && !product.data)) return <Loading />;

  const certificates = (documents.data?.results ?? []).filter((document) => document.document_type === "certificate");
  const save = async (body: ProductCreateInputRequest) => {
    if (creating) {
      await create.mutateAsync({ body });
    } else {
      const { certificates: wanted = [], ...changes } = body;
      await update.mutateAsync({ params: { path: { product_id: productId } }, body: changes });
      // A product's certificates are linked from the certificate's side once the product exists.
      for (const document of certificates) {
        const linked = document.products.includes(productId);
        if (linked === wanted.includes(document.id)) continue;
        await updateDocument.mutateAsync({
          params: { path: { organization_id: organizationId, document_id: document.id } },
          body: {
            products: linked ? document.products.filter((id) => id !== productId) : [...document.products, productId],
          },
        });
      }
    }
    navigate("/vendor/products?saved=1");
  };
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
