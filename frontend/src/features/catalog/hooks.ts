import { useApiQuery } from "../../api";

/** A published product (public: no contact details). */
export function useProduct(id: number) {
  return useApiQuery("/api/v1/products/{product_id}/", { params: { path: { product_id: id } } }, { enabled: id > 0 });
}

/** A supplier's public profile. */
export function useSupplier(id: number) {
  return useApiQuery(
    "/api/v1/organizations/{organization_id}/",
    { params: { path: { organization_id: id } } },
    { enabled: id > 0 },
  );
}

/** The supplier's published products, from the search index (what the directory shows). */
export function useSupplierProducts(vendorId: number) {
  return useApiQuery(
    "/api/v1/search/products/",
    { params: { query: { vendor: vendorId, page_size: 50, sort: "newest" } } },
    { enabled: vendorId > 0 },
  );
}

/** A path id as a number; 0 when it is not one (the page then shows "not found"). */
export function idFrom(value: string | undefined): number {
  return value && /^\d{1,12}$/.test(value) ? Number(value) : 0;
}
