import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { page } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";
import { application, certificate, verification } from "./fixtures";

describe("Certificate verification (public)", () => {
  it("shows a valid certificate's holder, counterparty country and hash without signing in", async () => {
    const calls = mockApi({ "GET certificates/verify/FM-2026-000001/": verification() });
    renderApp("/verify/FM-2026-000001");
    const card = await screen.findByTestId("verification");
    expect(card.getAttribute("data-status")).toBe("valid");
    expect(within(card).getByText("Valid")).toBeTruthy();
    expect(within(card).getByTestId("holder").textContent).toContain("Wuhan Medical Export Co.");
    expect(within(card).getByTestId("counterparty-country").textContent).toBe("France");
    expect(within(card).getByTestId("pdf-sha256").textContent).toBe("ab".repeat(32));
    // No session is needed: the page never asked who is signed in before answering.
    expect(calls.some((c) => c.path === "certificates/verify/FM-2026-000001/")).toBe(true);
  });

  it("says when a certificate was revoked, and why", async () => {
    mockApi({
      "GET certificates/verify/FM-2026-000001/": verification({
        status: "revoked",
        revoked_at: "2026-12-02T09:00:00Z",
        revocation_reason: "Facts misstated.",
      }),
    });
    renderApp("/verify/FM-2026-000001");
    const card = await screen.findByTestId("verification");
    expect(within(card).getByText("Revoked")).toBeTruthy();
    expect(within(card).getByTestId("revocation").textContent).toContain("Facts misstated.");
  });

  it("looks a number up from the form and reports an unknown one", async () => {
    mockApi({ "GET certificates/verify/NOPE-1/": () => jsonResponse({ code: "not_found", message: "" }, 404) });
    renderApp("/verify");
    fireEvent.change(screen.getByLabelText("Certificate number"), { target: { value: " NOPE-1 " } });
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    expect((await screen.findByTestId("verify-not-found")).textContent).toContain("NOPE-1");
    expect(screen.getByTestId("location").textContent).toBe("/verify/NOPE-1");
  });

  it("is right to left and translated in Arabic", async () => {
    mockApi({ "GET certificates/verify/FM-2026-000001/": verification() });
    renderApp("/verify/FM-2026-000001", { lang: "ar" });
    expect(await screen.findByText("سارية")).toBeTruthy();
    await waitFor(() => expect(document.documentElement.dir).toBe("rtl"));
  });
});

describe("Member applications", () => {
  it("lists my applications with status and time left", async () => {
    mockApi({
      "GET certificates/applications/": page([
        application(1, {
          status: "submitted",
          review_seconds_left: 5 * 3600 + 20 * 60,
          submitted_at: "2026-12-01T09:00:00Z",
        }),
        application(2, { status: "info_requested", review_seconds_left: 3600, clock_paused: true }),
      ]),
    });
    renderApp("/certificates", { auth: signedIn("vendor") });
    const rows = await screen.findAllByTestId("application-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("Submitted")).toBeTruthy();
    expect(within(rows[0]!).getByTestId("time-left").textContent).toBe("5 h 20 min left");
    expect(within(rows[1]!).getByTestId("time-left").textContent).toBe("1 h 0 min left (clock paused)");
  });

  it("starts a draft: empty dates go as null, the API's field errors land on the fields", async () => {
    document.cookie = "csrftoken=k";
    let attempt = 0;
    const calls = mockApi({
      "POST certificates/applications/": () =>
        ++attempt === 1
          ? jsonResponse(
              {
                code: "invalid",
                message: "Invalid input.",
                fields: { counterparty_country: [{ code: "invalid_country", message: "Not a country." }] },
              },
              400,
            )
          : jsonResponse(application(9), 201),
      "GET certificates/applications/9/": application(9),
    });
    renderApp("/certificates/new", { auth: signedIn("vendor") });
    fireEvent.change(await screen.findByLabelText("Counterparty"), { target: { value: "  Hôpital Central " } });
    fireEvent.click(screen.getByTestId("application-save"));
    expect(await screen.findByText("Not a country.")).toBeTruthy();
    const body = calls.find((c) => c.method === "POST")?.body as Record<string, unknown>;
    expect(body.counterparty_name).toBe("Hôpital Central");
    expect(body.contract_date).toBeNull();
    expect(body.contract_value).toBeNull();
    fireEvent.click(screen.getByTestId("application-save"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/certificates/9"));
  });

  it("answers a request for more information and resubmits with the note", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET certificates/applications/4/": application(4, {
        status: "info_requested",
        info_request: "Send the port notice.",
      }),
      "POST certificates/applications/4/submit/": application(4, { status: "resubmitted" }),
    });
    renderApp("/certificates/4", { auth: signedIn("vendor") });
    expect((await screen.findByTestId("info-request")).textContent).toContain("Send the port notice.");
    const form = screen.getByTestId("submit-form");
    fireEvent.change(within(form).getByRole("textbox"), { target: { value: "Attached." } });
    fireEvent.click(within(form).getByTestId("application-submit"));
    await waitFor(() =>
      expect(calls.find((c) => c.path === "certificates/applications/4/submit/")?.body).toEqual({ note: "Attached." }),
    );
  });

  it("offers the signed PDF and the verification page of an issued certificate", async () => {
    mockApi({
      "GET certificates/applications/1/": application(1, {
        status: "approved",
        certificate: { id: 1, number: "FM-2026-000001", status: "issued", issued_at: "2026-12-01T10:00:00Z" },
      }),
      "GET certificates/1/": certificate(1),
    });
    renderApp("/certificates/1", { auth: signedIn("vendor") });
    const pdf = await screen.findByTestId("certificate-pdf");
    expect(pdf.getAttribute("href")).toBe("/api/v1/certificates/1/pdf/");
    expect(screen.getByTestId("certificate-verify-link").getAttribute("href")).toBe("/verify/FM-2026-000001");
    // Submitted facts are shown, not editable.
    expect(screen.queryByTestId("application-form")).toBeNull();
    expect(screen.queryByTestId("staff-actions")).toBeNull();
  });
});

describe("Staff review", () => {
  it("shows the queue in the server's order (least time left first), overdue marked", async () => {
    mockApi({
      "GET certificates/queue/": page([
        application(5, { status: "submitted", review_seconds_left: -1800 }),
        application(6, { status: "resubmitted", review_seconds_left: 7200 }),
      ]),
    });
    renderApp("/certificates/queue", { auth: signedIn("staff") });
    const rows = await screen.findAllByTestId("queue-row");
    expect(rows.map((r) => within(r).getByTestId("time-left").textContent)).toEqual([
      "0 h 30 min overdue",
      "2 h 0 min left",
    ]);
  });

  it("keeps the queue from members", async () => {
    mockApi({});
    renderApp("/certificates/queue", { auth: signedIn("vendor") });
    expect(await screen.findByTestId("role-denied")).toBeTruthy();
  });

  it("views evidence inline, rejects only with a reason, and approves", async () => {
    document.cookie = "csrftoken=k";
    const submitted = application(5, {
      status: "submitted",
      review_seconds_left: 3600,
      evidence: [
        {
          id: 11,
          kind: "government_notice",
          description: "",
          original_name: "lockdown.pdf",
          content_type: "application/pdf",
          size: 2048,
          sha256: "cd".repeat(32),
          created_at: "2026-12-01T08:00:00Z",
          file_url: "/api/v1/certificates/applications/5/evidence/11/file/",
        },
      ],
    });
    const calls = mockApi({
      "GET certificates/applications/5/": submitted,
      "POST certificates/applications/5/approve/": application(5, { status: "approved" }),
      "POST certificates/applications/5/reject/": application(5, { status: "rejected" }),
    });
    renderApp("/certificates/5", { auth: signedIn("staff") });
    const frame = (await screen.findByTitle("lockdown.pdf")) as HTMLIFrameElement;
    expect(frame.getAttribute("src")).toBe("/api/v1/certificates/applications/5/evidence/11/file/");
    const actions = screen.getByTestId("staff-actions");
    expect((within(actions).getByTestId("review-reject") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(actions).getByTestId("review-text"), { target: { value: "Forged notice." } });
    fireEvent.click(within(actions).getByTestId("review-reject"));
    await waitFor(() =>
      expect(calls.find((c) => c.path === "certificates/applications/5/reject/")?.body).toEqual({
        reason: "Forged notice.",
      }),
    );
  });
});
