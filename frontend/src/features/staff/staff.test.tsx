import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AuditEventOutput, DocumentOutput, DuplicateFlagOutput, OrganizationDetailOutput } from "../../api";
import { I18nProvider } from "../../i18n";
import { page, proposal, purchaseRequest } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";
import { DocumentViewer } from "./DocumentViewer";
import { DuplicateComparison } from "./DuplicateComparison";

function organization(id: number, overrides: Partial<OrganizationDetailOutput> = {}): OrganizationDetailOutput {
  return {
    id,
    kind: "vendor",
    name: `Vendor ${id}`,
    legal_names: { zh: "武汉医疗器械有限公司" },
    country: "CN",
    city: "Wuhan",
    description: "",
    website: "",
    verification_status: "pending",
    verification_note: "",
    verified_at: null,
    created_at: "2026-11-01T08:00:00Z",
    registration_id: "91420100MA4KXYZ12Q",
    contacts: [],
    ...overrides,
  };
}

function doc(id: number, overrides: Partial<DocumentOutput> = {}): DocumentOutput {
  return {
    id,
    organization_id: 5,
    document_type: "business_licence",
    original_name: `doc-${id}.pdf`,
    content_type: "application/pdf",
    size: 1234,
    sha256: "ab",
    number: "",
    issuer: "",
    valid_from: null,
    valid_until: null,
    markets: [],
    standards: [],
    products: [],
    review_status: "approved",
    review_note: "",
    download_url: `/api/v1/organizations/5/documents/${id}/file/`,
    created_at: "2026-11-01T08:00:00Z",
    updated_at: "2026-11-01T08:00:00Z",
    ...overrides,
  };
}

const AUDIT: AuditEventOutput[] = [
  {
    id: 1,
    action: "organization.verification_requested",
    actor_email: "li@vendor.example",
    created_at: "2026-11-02T08:00:00Z",
    from_state: "unverified",
    to_state: "pending",
    reason: "",
    details: {},
  },
];

describe("Verification queue", () => {
  it("lists pending organisations oldest first and links each to its review page", async () => {
    const calls = mockApi({ "GET organizations/": page([organization(5), organization(6)]) });
    renderApp("/staff/verification", { auth: signedIn("staff") });
    const items = await screen.findAllByTestId("verification-item");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole("link", { name: "Vendor 5" }).getAttribute("href")).toBe(
      "/staff/organizations/5",
    );
    const call = calls.find((c) => c.path === "organizations/");
    expect(call?.query.get("verification_status")).toBe("pending");
    expect(call?.query.get("ordering")).toBe("created_at");
  });

  it("keeps the status filter in the URL", async () => {
    const calls = mockApi({ "GET organizations/": page([]) });
    renderApp("/staff/verification", { auth: signedIn("staff") });
    fireEvent.change(await screen.findByTestId("verification-status"), { target: { value: "rejected" } });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/staff/verification?status=rejected"));
    await waitFor(() => expect(calls.some((c) => c.query.get("verification_status") === "rejected")).toBe(true));
    expect(await screen.findByTestId("empty-state")).toBeTruthy();
  });

  it("is for staff only", async () => {
    mockApi({});
    renderApp("/staff/verification", { auth: signedIn("vendor") });
    expect(await screen.findByTestId("role-denied")).toBeTruthy();
  });
});

describe("Organisation review", () => {
  it("shows documents inline, verifies, and rejects with a reason (server errors on the field)", async () => {
    document.cookie = "csrftoken=k";
    let rejectCalls = 0;
    const calls = mockApi({
      "GET organizations/5/": organization(5),
      "GET organizations/5/documents/": page([
        doc(1),
        doc(2, { content_type: "image/png", original_name: "cert.png", document_type: "certificate" }),
      ]),
      "GET organizations/5/audit/": page(AUDIT),
      "POST organizations/5/verify/": organization(5, { verification_status: "verified" }),
      "POST organizations/5/reject/": () => {
        rejectCalls += 1;
        return rejectCalls === 1
          ? jsonResponse(
              {
                code: "invalid",
                message: "Invalid input.",
                fields: { reason: [{ code: "blank", message: "Say why." }] },
              },
              400,
            )
          : jsonResponse(organization(5, { verification_status: "rejected", verification_note: "Licence expired" }));
      },
    });
    renderApp("/staff/organizations/5", { auth: signedIn("staff") });
    expect(await screen.findByRole("heading", { level: 1, name: "Vendor 5" })).toBeTruthy();
    expect((await screen.findByTestId("document-pdf")).getAttribute("src")).toBe(
      "/api/v1/organizations/5/documents/1/file/?inline=true",
    );
    expect(screen.getByTestId("document-image").getAttribute("src")).toBe(
      "/api/v1/organizations/5/documents/2/file/?inline=true",
    );
    expect(
      within(await screen.findByTestId("audit-trail")).getByText("organization.verification_requested"),
    ).toBeTruthy();

    fireEvent.click(screen.getByTestId("reject-organization"));
    expect(await screen.findByText("Say why.")).toBeTruthy();
    fireEvent.change(screen.getByTestId("reject-reason"), { target: { value: "Licence expired" } });
    fireEvent.click(screen.getByTestId("reject-organization"));
    expect((await screen.findByTestId("decision-done")).textContent).toContain("Rejected");
    expect(calls.filter((c) => c.path === "organizations/5/reject/").map((c) => c.body)).toEqual([
      { reason: "" },
      { reason: "Licence expired" },
    ]);

    fireEvent.click(screen.getByTestId("verify-organization"));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "POST" && c.path === "organizations/5/verify/")).toBe(true),
    );
    expect((await screen.findByTestId("decision-done")).textContent).toContain("Verified");
  });
});

describe("DocumentViewer", () => {
  const wrap = (ui: React.ReactNode) => render(<I18nProvider initialLanguage="en">{ui}</I18nProvider>);

  it("frames a PDF, shows an image, and offers only a link for other types", () => {
    const { rerender } = wrap(<DocumentViewer document={doc(1)} />);
    expect(screen.getByTestId("document").getAttribute("data-kind")).toBe("pdf");
    expect(screen.getByTitle("Preview of doc-1.pdf").tagName).toBe("IFRAME");
    rerender(
      <I18nProvider initialLanguage="en">
        <DocumentViewer document={doc(2, { content_type: "image/jpeg", original_name: "a.jpg" })} />
      </I18nProvider>,
    );
    expect(screen.getByAltText("Preview of a.jpg").tagName).toBe("IMG");
    rerender(
      <I18nProvider initialLanguage="en">
        <DocumentViewer document={doc(3, { content_type: "application/zip" })} />
      </I18nProvider>,
    );
    expect(screen.getByTestId("document").getAttribute("data-kind")).toBe("none");
    expect(screen.queryByTestId("document-pdf")).toBeNull();
    expect(screen.getByRole("link", { name: "Open in a new tab" }).getAttribute("href")).toBe(
      "/api/v1/organizations/5/documents/3/file/?inline=true",
    );
  });

  it("shows a certificate's number, issuer, markets and marks it expired", () => {
    wrap(
      <DocumentViewer
        document={doc(4, {
          document_type: "certificate",
          number: "CE-2020-001",
          issuer: "TÜV",
          valid_from: "2020-01-01",
          valid_until: "2021-01-01",
          markets: ["EU"],
          standards: ["EN 14683"],
        })}
        today={new Date("2026-01-01")}
      />,
    );
    expect(screen.getByText("CE-2020-001")).toBeTruthy();
    expect(screen.getByText("TÜV")).toBeTruthy();
    expect(screen.getByText("EU")).toBeTruthy();
    expect(screen.getByText("EN 14683")).toBeTruthy();
    expect(screen.getByText("Expired")).toBeTruthy();
  });
});

function flag(): DuplicateFlagOutput {
  const request = (id: number, overrides: Record<string, unknown>) => ({
    id,
    title: `Request ${id}`,
    buyer: { id: 9, name: "CHU Lyon", country: "FR", buyer_type: "hospital" },
    category: {
      id: 1,
      slug: "surgical-masks",
      hs_code: "6307.90",
      hs_version: "HS2017",
      names: { en: "Surgical masks" },
    },
    created_at: "2026-11-01T08:00:00Z",
    destination_country: "FR",
    end_user: "Hôpital Nord",
    needed_by: "2026-12-01",
    quantity: 100000,
    status: "open" as const,
    unit: "piece",
    ...overrides,
  });
  return {
    id: 3,
    reason: "Same buyer, same category, overlapping dates",
    status: "open",
    created_at: "2026-11-02T08:00:00Z",
    updated_at: "2026-11-02T08:00:00Z",
    request: request(12, { quantity: 120000, created_at: "2026-11-02T08:00:00Z" }),
    duplicate_of: request(11, {}),
  };
}

describe("Duplicates", () => {
  it("puts the two requests side by side and marks what differs", () => {
    render(
      <I18nProvider initialLanguage="en">
        <DuplicateComparison flag={flag()} />
      </I18nProvider>,
    );
    const rows = screen.getAllByRole("row").slice(1);
    const byLabel = Object.fromEntries(
      rows.map((row) => [
        within(row)
          .getByRole("rowheader")
          .textContent?.replace(/(same|differs)$/, "")
          .trim(),
        row,
      ]),
    );
    expect(byLabel["Buyer"]!.getAttribute("data-same")).toBe("true");
    expect(byLabel["Quantity"]!.getAttribute("data-same")).toBe("false");
    expect(within(byLabel["Quantity"]!).getByText("120,000 piece")).toBeTruthy();
    expect(within(byLabel["Quantity"]!).getByText("100,000 piece")).toBeTruthy();
  });

  it("merges a pair and refetches the list", async () => {
    document.cookie = "csrftoken=k";
    let merged = false;
    const calls = mockApi({
      "GET requests/duplicates/": () => jsonResponse(page(merged ? [] : [flag()])),
      "POST requests/duplicates/3/merge/": () => {
        merged = true;
        return jsonResponse({ ...flag(), status: "merged" });
      },
    });
    renderApp("/staff/duplicates", { auth: signedIn("staff") });
    fireEvent.click(await screen.findByTestId("duplicate-merge"));
    expect(await screen.findByTestId("duplicate-done")).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId("duplicate-pair")).toBeNull());
    expect(calls.filter((c) => c.path === "requests/duplicates/").length).toBeGreaterThanOrEqual(2);
    expect(calls.find((c) => c.path === "requests/duplicates/")?.query.get("status")).toBe("open");
  });
});

describe("Staff request page", () => {
  it("shows a request read-only with its buyer and every proposal made for it", async () => {
    const calls = mockApi({
      "GET requests/11/": purchaseRequest({ id: 11, status: "open", description: "Pour les cliniques de Lyon" }),
      "GET proposals/": page([proposal(1), proposal(2, { status: "rejected" })]),
    });
    renderApp("/staff/requests/11", { auth: signedIn("staff") });

    expect((await screen.findByRole("heading", { level: 1 })).textContent).toContain("Surgical masks");
    const facts = await screen.findByTestId("request-facts");
    expect(within(facts).getByTestId("request-buyer").getAttribute("href")).toMatch(/^\/staff\/organizations\/\d+$/);
    expect(within(facts).getByText("EN 14683")).toBeTruthy();
    expect(screen.getByText("Pour les cliniques de Lyon").getAttribute("dir")).toBe("auto");
    const proposals = await screen.findByTestId("request-proposals");
    expect(within(proposals).getAllByRole("row")).toHaveLength(3);
    expect(within(proposals).getByText("Rejected", { selector: ".pill" })).toBeTruthy();
    const query = calls.find((c) => c.path === "proposals/")?.query;
    expect(query?.get("request")).toBe("11");
    expect(query?.get("status")).toBe(""); // every status
    // Read-only: no form, no decision buttons.
    expect(screen.queryByRole("button", { name: /approve|reject/i })).toBeNull();
  });
});
