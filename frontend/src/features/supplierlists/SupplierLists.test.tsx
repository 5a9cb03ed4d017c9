import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ApiData, CandidateOutput } from "../../api";
import { page } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

type SupplierList = ApiData<"/api/v1/supplier-lists/{supplier_list_id}/">;

const FIGURES = {
  rows: 60,
  created: 44,
  merged_automatically: 9,
  sent_to_review: 3,
  review_open: 3,
  review_merged: 0,
  review_kept_apart: 0,
  rejected: 4,
  unresolved: 0,
  review_share: 0.0536,
  pending_share: 0.05,
};

function supplierList(overrides: Partial<SupplierList> = {}): SupplierList {
  return {
    id: 5,
    filename: "embassy.csv",
    sender_name: "Embassy of France",
    sender_organization: null,
    received_on: "2026-11-28",
    allow_matching: false,
    status: "mapping",
    rows_total: 60,
    rows_done: 0,
    header: ["Company", "Pays", "E-mail", "truth"],
    proposed_mapping: { "0": "name", "1": "country", "2": "email" },
    mapping: {},
    file_errors: [],
    figures: FIGURES,
    created_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}

function candidate(id: number, score: number): CandidateOutput {
  return {
    id,
    status: "open",
    score,
    reasons: [
      { code: "name_similar", params: { score: 0.93, suffix_removed: true } },
      { code: "same_city", params: { city: "wuhan" } },
      { code: "different_phone", params: {} },
    ],
    supplier_list: 5,
    row: {
      number: 12,
      status: "review",
      values: { name: "Wuhan Huaxin Co", legal_names: { en: "Wuhan Huaxin Co" }, country: "CN", city: "Wuhan" },
      field_errors: {},
      organization: null,
      score,
      reasons: [],
    },
    organization: {
      id: 40 + id,
      name: "Wuhan Huaxin Protective Products Co., Ltd.",
      legal_names: { zh: "武汉华鑫防护用品有限公司" },
      country: "CN",
      city: "Wuhan",
      address: "",
      registration_id: "",
      website: "",
      verification_status: "unverified",
      listed: true,
      contacts: [],
    },
  };
}

describe("Supplier lists", () => {
  it("proposes the mapping from the header, refuses a field chosen twice and sends the confirmed one", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET supplier-lists/5/": supplierList(),
      "POST supplier-lists/5/mapping/": () => jsonResponse(supplierList({ status: "resolving" }), 202),
    });
    renderApp("/staff/supplier-lists/5", { auth: signedIn("staff") });
    const form = await screen.findByTestId("mapping-form");
    const select = (column: string) =>
      within(form).getByLabelText(`Field for the column ${column}`) as HTMLSelectElement;
    expect(select("Company").value).toBe("name");
    expect(select("E-mail").value).toBe("email");
    expect(select("truth").value).toBe("");

    fireEvent.change(select("truth"), { target: { value: "email" } });
    expect(await within(form).findAllByText("This field is chosen for another column too.")).toHaveLength(2);
    expect((within(form).getByTestId("mapping-confirm") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(select("truth"), { target: { value: "" } });
    fireEvent.change(select("Pays"), { target: { value: "city" } });
    fireEvent.click(within(form).getByTestId("mapping-confirm"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      mapping: { "0": "name", "1": "city", "2": "email", "3": "" },
    });
  });

  it("shows the worker's progress, then the figures with the pending share", async () => {
    mockApi({ "GET supplier-lists/5/": supplierList({ status: "resolving", rows_done: 20 }) });
    const view = renderApp("/staff/supplier-lists/5", { auth: signedIn("staff") });
    const progress = await screen.findByTestId("import-progress");
    expect(progress.textContent).toContain("Resolving rows: 20 of 60");
    expect(within(progress).getByRole("progressbar").getAttribute("value")).toBe("20");
    view.unmount();

    mockApi({
      "GET supplier-lists/5/": supplierList({ status: "done", rows_done: 60 }),
      "GET supplier-lists/5/rows/": page([
        {
          number: 36,
          status: "rejected",
          values: {},
          field_errors: { country: [{ code: "invalid_country", message: "“Atlantis” is not a country." }] },
          organization: null,
          score: null,
          reasons: [],
        },
      ]),
    });
    renderApp("/staff/supplier-lists/5", { auth: signedIn("staff") });
    const figures = await screen.findByTestId("import-figures");
    const figure = (name: string) => figures.querySelector(`[data-figure=${name}] dd`)?.textContent;
    expect(figure("created")).toBe("44");
    expect(figure("merged_automatically")).toBe("9");
    expect(figure("sent_to_review")).toBe("3");
    expect(figure("rejected")).toBe("4");
    expect(figure("pending_share")).toContain("5%");
    const errors = await screen.findByTestId("row-errors");
    expect(errors.textContent).toContain("36");
    expect(errors.textContent).toContain("Country");
    expect(errors.textContent).toContain("Atlantis");
    expect(screen.getByTestId("to-review").getAttribute("href")).toBe("/staff/supplier-lists/review?list=5");
  });

  it("words the reasons in the reader's language and decides selected pairs in bulk", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET supplier-lists/review/": page([candidate(1, 0.89), candidate(2, 0.8)]),
      "POST supplier-lists/review/bulk/": () => jsonResponse({ action: "keep_apart", count: 2, ids: [1, 2] }),
    });
    renderApp("/staff/supplier-lists/review?list=5", { auth: signedIn("staff") });
    const pairs = await screen.findAllByTestId("review-pair");
    expect(pairs).toHaveLength(2);
    const reasons = within(pairs[0]!).getByTestId("reasons");
    expect(reasons.textContent).toContain("names 93% alike after removing the legal suffix");
    expect(reasons.textContent).toContain("same city");
    expect(within(reasons).getByText("different phone").className).toBe("reason--against");
    expect(within(pairs[0]!).getByTestId("review-score").textContent).toBe("Score 89%");
    const comparison = within(pairs[0]!).getByTestId("candidate-comparison");
    expect(comparison.querySelector("[data-same=true] th")?.textContent).toBe("Country");
    expect(calls.find((c) => c.path === "supplier-lists/review/")?.query.get("supplier_list")).toBe("5");

    fireEvent.click(screen.getByTestId("review-select-all"));
    fireEvent.click(screen.getByTestId("review-bulk-keep"));
    expect(await screen.findByTestId("review-done")).toBeTruthy();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ action: "keep_apart", ids: [1, 2] });
  });

  it("shows reasons and figures in Chinese", async () => {
    mockApi({ "GET supplier-lists/review/": page([candidate(1, 0.89)]) });
    renderApp("/staff/supplier-lists/review", { auth: signedIn("staff"), lang: "zh" });
    const reasons = await screen.findByTestId("reasons");
    await waitFor(() => expect(reasons.textContent).toContain("去除公司后缀后名称相似度"));
    expect(reasons.textContent).toContain("城市相同");
  });

  it("the claim page sets the password, signs in and asks for verification with the licence", async () => {
    document.cookie = "csrftoken=k";
    const organization = {
      id: 3,
      kind: "vendor",
      name: "Zhejiang Meilun Gloves Co., Ltd.",
      legal_names: { en: "Zhejiang Meilun Gloves Co., Ltd." },
      country: "CN",
      city: "Hangzhou",
      address: "",
      registration_id: "",
      website: "http://meilun-gloves.com",
      description: "",
      verification_status: "unverified",
      verified_at: null,
      created_at: "2026-12-01T08:00:00Z",
    };
    let status = "unverified";
    const calls = mockApi({
      "GET supplier-lists/claim/": {
        organization: "Zhejiang Meilun Gloves Co., Ltd.",
        country: "CN",
        email: "export@meilun-gloves.com",
        expires_at: "2026-12-15T08:00:00Z",
      },
      "POST supplier-lists/claim/": () => jsonResponse({ id: 9 }, 201),
      "POST auth/login/": () =>
        jsonResponse({
          id: 9,
          email: "export@meilun-gloves.com",
          full_name: "Chen Jie",
          role: "vendor",
          organization_id: 3,
          language: "zh",
        }),
      "GET organizations/3/": () => jsonResponse({ ...organization, verification_status: status }),
      "POST organizations/3/documents/": () => jsonResponse({ id: 1 }, 201),
      "POST organizations/3/request-verification/": () => {
        status = "pending";
        return jsonResponse({ ...organization, verification_status: "pending" });
      },
    });
    renderApp("/claim?token=abc", { auth: { status: "anonymous" } });
    const form = await screen.findByTestId("claim-form");
    expect(form.textContent).toContain("Zhejiang Meilun Gloves Co., Ltd.");
    fireEvent.change(within(form).getByLabelText(/Your full name/), { target: { value: "Chen Jie" } });
    fireEvent.change(within(form).getByLabelText(/Password/), { target: { value: "gloves since 1998" } });
    fireEvent.click(within(form).getByTestId("claim-submit"));
    const check = await screen.findByTestId("claim-check");
    expect((within(check).getByLabelText("City") as HTMLInputElement).value).toBe("Hangzhou");
    expect(calls.find((c) => c.path === "supplier-lists/claim/" && c.method === "POST")?.body).toEqual({
      token: "abc",
      full_name: "Chen Jie",
      password: "gloves since 1998",
    });
    const button = screen.getByTestId("claim-request-verification") as HTMLButtonElement;
    expect(button.disabled).toBe(true); // the licence first
    const licence = new File(["%PDF-1.4"], "licence.pdf", { type: "application/pdf" });
    fireEvent.change(screen.getByTestId("claim-licence"), { target: { files: [licence] } });
    fireEvent.click(button);
    expect(await screen.findByTestId("claim-pending")).toBeTruthy();
    const order = calls.filter((c) => c.method === "POST").map((c) => c.path);
    expect(order).toEqual([
      "supplier-lists/claim/",
      "auth/login/",
      "organizations/3/documents/",
      "organizations/3/request-verification/",
    ]);
  });
});
