import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ProductOutput, ProductSearchApiOutput } from "../../api";
import { CATEGORIES } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/render";

// Fixtures typed from the generated schema: a change of the API's shape fails tsc here.
const PRODUCT: ProductOutput = {
  id: 41,
  names: { zh: "医用外科口罩", en: "Surgical mask" },
  descriptions: { zh: "三层", es: "Mascarilla de tres capas" },
  model_number: "SM-3",
  vendor: { id: 9, name: "苏州广毅医疗", country: "CN", verification_status: "verified" },
  category: { id: 2, slug: "surgical-masks", hs_code: "6307.90", names: { en: "Surgical masks" } },
  standards: ["EN 14683"],
  certificates: [
    {
      id: 1,
      number: "CE-2020-001",
      issuer: "TÜV SÜD",
      markets: ["EU"],
      standards: ["EN 14683"],
      valid_from: "2020-01-01",
      valid_until: "2099-12-31",
      is_valid_today: true,
    },
    {
      id: 2,
      number: "FDA-OLD",
      issuer: "FDA",
      markets: ["US"],
      standards: [],
      valid_from: "2019-01-01",
      valid_until: "2020-06-30",
      is_valid_today: false,
    },
  ],
  min_order_quantity: 10000,
  capacity_per_day: 200000,
  stock: 0,
  lead_time_days: 7,
  price_min: "0.05",
  price_max: "0.08",
  currency: "USD",
  incoterms: ["FOB"],
  origin_country: "CN",
  ports: [],
  status: "published",
  unit: "piece",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

const OTHERS = {
  count: 2,
  relaxed: false,
  next_cursor: null,
  facets: {} as ProductSearchApiOutput["facets"],
  results: (
    [
      { id: 41, names: { zh: "医用外科口罩" } },
      { id: 42, names: { es: "Guantes de nitrilo", en: "Nitrile gloves" } },
    ] as { id: number; names: Record<string, string> }[]
  ).map((hit) => ({
    ...hit,
    descriptions: {},
    model_number: "",
    vendor: { id: 9, name: "苏州广毅医疗", country: "CN", city: "" },
    category: { id: 8, slug: "nitrile-examination-gloves", hs_code: "4015.19" },
    standards: [],
    certificate_markets: ["EU"],
    min_order_quantity: 1,
    capacity_per_day: 1,
    stock: 0,
    lead_time_days: 1,
    price_min: 1,
    price_max: 2,
    currency: "USD",
    incoterms: [],
    origin_country: "CN",
    highlight: {},
    score: null,
  })),
} satisfies ProductSearchApiOutput;

describe("product page", () => {
  it("shows the product in the reader's language with its certificates, expired ones marked", async () => {
    const calls = mockApi({
      "GET products/41/": PRODUCT,
      "GET search/products/": OTHERS,
      "GET taxonomy/categories/": CATEGORIES,
      "GET auth/me/": { code: "not_authenticated", message: "" },
    });
    renderApp("/products/41", { lang: "es", auth: { status: "anonymous" } });
    expect(await screen.findByTestId("product-page")).toBeTruthy();
    // No Spanish name: the first name the vendor gave, tagged with its language.
    const name = screen.getByTestId("product-name");
    expect(name.textContent).toBe("Surgical mask");
    expect(document.title).toBe("Surgical mask · MedMatch");
    expect(screen.getByText("Mascarilla de tres capas")).toBeTruthy();
    expect(screen.getByTestId("product-vendor").getAttribute("href")).toBe("/suppliers/9");

    const certificates = within(screen.getByTestId("certificates")).getAllByRole("listitem");
    expect(certificates).toHaveLength(2);
    expect(within(certificates[0]!).getByTestId("certificate-state").textContent).toBe("Vigente");
    expect(within(certificates[0]!).getByText("TÜV SÜD")).toBeTruthy();
    expect(within(certificates[1]!).getByTestId("certificate-state").textContent).toBe("Vencido");
    expect(certificates[1]!.className).toContain("certificate--expired");

    // Other products of the supplier: the page's own product is left out.
    const others = await screen.findByRole("link", { name: "Guantes de nitrilo" });
    expect(others.getAttribute("href")).toBe("/products/42");
    expect(within(screen.getByTestId("supplier-products")).queryByText("医用外科口罩")).toBeNull();
    expect(calls.find((c) => c.path === "search/products/")?.query.get("vendor")).toBe("9");
    // Public page: nothing that looks like a contact.
    expect(document.body.textContent).not.toMatch(/@|WeChat|WhatsApp/);
  });

  it("says the product is not in the directory for a 404 and for a bad id", async () => {
    mockApi({ "GET taxonomy/categories/": CATEGORIES });
    renderApp("/products/77", { auth: { status: "anonymous" } });
    expect((await screen.findByTestId("not-found")).textContent).toContain("This product is not in the directory");
  });
});
