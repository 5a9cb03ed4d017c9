import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CATEGORIES, page, proposal } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

const staff = signedIn("staff");
const location = () => screen.getByTestId("location").textContent ?? "";
const unverifiedBuyer = (id: number, overrides: Record<string, unknown> = {}) => {
  const base = proposal(id);
  return {
    ...base,
    request: { ...base.request, buyer: { ...base.request.buyer, verification_status: "pending" } },
    ...overrides,
  };
};

/** Approval waits out its undo window: let the clock run past it. */
async function passTheUndoWindow() {
  await act(() => vi.advanceTimersByTimeAsync(5_100));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Proposals (staff review queue)", () => {
  it("is for staff only", () => {
    mockApi({});
    renderApp("/proposals", { auth: signedIn("buyer") });
    const denied = screen.getByTestId("role-denied");
    expect(within(denied).getByRole("heading").textContent).toBe("Staff only");
  });

  it("lists the queue by score and expands a row into its explanation", async () => {
    const calls = mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([proposal(1), proposal(2, { score: 41 })], 2),
    });
    renderApp("/proposals", { auth: staff });
    const rows = await screen.findAllByTestId("proposal-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByTestId("score").textContent).toContain("88");
    expect(within(rows[1] as HTMLElement).getByTestId("overdue")).toBeTruthy();
    expect(screen.getByTestId("proposal-count").textContent).toBe("Total: 2");
    // The default queue: proposed ones, best score first.
    expect(calls.find((c) => c.path === "proposals/")?.query.get("status")).toBe("proposed");

    fireEvent.click(within(rows[0] as HTMLElement).getByTestId("expand"));
    const explanation = await screen.findByTestId("explanation");
    const criteria = within(explanation)
      .getAllByRole("listitem")
      .filter((li) => li.classList.contains("criterion"));
    expect(criteria.map((c) => c.dataset.status)).toEqual(["met", "met", "partial", "not_met"]);
    expect(within(explanation).getByText("capacity 40% of quantity by the date")).toBeTruthy();
    expect(within(explanation).getByText("Verified supplier")).toBeTruthy();
    const parts = within(explanation).getByTestId("score-parts");
    expect(within(parts).getByText("Required standards")).toBeTruthy();
    expect(parts.querySelectorAll(".score-parts__bar span")).toHaveLength(7);
  });

  it("sends the filters to the API and keeps them in the URL", async () => {
    const calls = mockApi({ "GET taxonomy/categories/": CATEGORIES, "GET proposals/": page([]) });
    renderApp("/proposals", { auth: staff });
    expect(await screen.findByText("No proposals to review")).toBeTruthy();

    fireEvent.change(screen.getByTestId("proposal-status"), { target: { value: "all" } });
    fireEvent.click(screen.getByTestId("overdue-filter"));
    fireEvent.change(screen.getByLabelText("Destination"), { target: { value: "FR" } });
    await waitFor(() => expect(screen.getByLabelText("Category").querySelectorAll("option").length).toBeGreaterThan(1));
    fireEvent.change(screen.getByLabelText("Category"), { target: { value: "surgical-masks" } });
    fireEvent.change(screen.getByLabelText("Sort"), { target: { value: "proposed_at" } });

    await waitFor(() =>
      expect(location()).toBe(
        "/proposals?status=all&overdue=true&destination_country=FR&category=surgical-masks&ordering=proposed_at",
      ),
    );
    const last = calls.filter((c) => c.path === "proposals/").at(-1);
    expect(last?.query.get("status")).toBe(""); // every status
    expect(last?.query.get("overdue")).toBe("true");
    expect(last?.query.get("destination_country")).toBe("FR");
    expect(last?.query.get("category")).toBe("surgical-masks");
    expect(last?.query.get("ordering")).toBe("proposed_at");
    expect(await screen.findByText("No proposals match these filters")).toBeTruthy();
  });

  it("approves one after its undo window, and rejects one only with a reason", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    document.cookie = "csrftoken=c";
    const calls = mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([proposal(1), proposal(2)]),
      "POST proposals/1/approve/": proposal(1, { status: "approved" }),
      "POST proposals/2/reject/": proposal(2, { status: "rejected", decision_reason: "No CE certificate" }),
    });
    renderApp("/proposals", { auth: staff });
    const rows = await screen.findAllByTestId("proposal-row");

    fireEvent.click(within(rows[0] as HTMLElement).getByTestId("approve"));
    expect(within(rows[0] as HTMLElement).getByTestId("approving").textContent).toContain("Approving in 5 s");
    expect(calls.some((c) => c.path === "proposals/1/approve/")).toBe(false);
    await passTheUndoWindow();
    await waitFor(() =>
      expect(within(rows[0] as HTMLElement).getByTestId("item-result").textContent).toBe(
        "Approved: introduction created",
      ),
    );
    expect(calls.find((c) => c.path === "proposals/1/approve/")?.body).toEqual({ reason: "", verify_buyer: false });
    expect(within(rows[0] as HTMLElement).getByText("Approved")).toBeTruthy();
    expect(calls.find((c) => c.path === "proposals/1/approve/")?.headers["X-CSRFToken"]).toBe("c");

    fireEvent.click(within(rows[1] as HTMLElement).getByTestId("reject"));
    const form = await screen.findByTestId("reject-form");
    const confirm = within(form).getByTestId("confirm-reject") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(form).getByRole("textbox"), { target: { value: "No CE certificate" } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(calls.find((c) => c.path === "proposals/2/reject/")?.body).toEqual({ reason: "No CE certificate" }),
    );
    await waitFor(() =>
      expect(within(rows[1] as HTMLElement).getByText("Rejected", { selector: ".pill" })).toBeTruthy(),
    );
  });

  it("shows a conflict on the row it happened to", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([proposal(1)]),
      "POST proposals/1/approve/": () =>
        jsonResponse({ code: "proposal_not_proposed", message: "This proposal is already approved." }, 409),
    });
    renderApp("/proposals", { auth: staff });
    const row = await screen.findByTestId("proposal-row");
    fireEvent.click(within(row).getByTestId("approve"));
    await passTheUndoWindow();
    expect((await within(row).findByTestId("item-result")).textContent).toBe("This proposal is already approved.");
  });

  it("takes an approval back with Undo before it is sent", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([proposal(1)]),
      "POST proposals/1/approve/": proposal(1, { status: "approved" }),
    });
    renderApp("/proposals", { auth: staff });
    const row = await screen.findByTestId("proposal-row");
    fireEvent.click(within(row).getByTestId("approve"));
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    expect(within(row).getByTestId("approving").textContent).toContain("Approving in 3 s");
    fireEvent.click(within(row).getByTestId("undo"));
    await passTheUndoWindow();

    expect(calls.some((c) => c.path === "proposals/1/approve/")).toBe(false);
    expect(within(row).getByTestId("approve")).toBeTruthy();
    expect(within(row).getByText("To review", { selector: ".pill" })).toBeTruthy();
  });

  it("offers to verify an unverified buyer in the same step, and sends it", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([unverifiedBuyer(1), proposal(2)]),
      "POST proposals/1/approve/": unverifiedBuyer(1, { status: "approved" }),
    });
    renderApp("/proposals", { auth: staff });
    const rows = await screen.findAllByTestId("proposal-row");
    const [first, second] = rows as [HTMLElement, HTMLElement];
    // Only the row whose buyer is unverified says so and offers the checkbox.
    expect(within(first).getByTestId("buyer-unverified").textContent).toBe("Buyer not verified");
    expect(within(second).queryByTestId("verify-buyer")).toBeNull();
    const checkbox = within(first).getByLabelText("Verify the buyer in the same step") as HTMLInputElement;
    expect(checkbox.checked).toBe(false);

    fireEvent.click(checkbox);
    fireEvent.click(within(first).getByTestId("approve"));
    await passTheUndoWindow();
    await waitFor(() =>
      expect(calls.find((c) => c.path === "proposals/1/approve/")?.body).toEqual({ reason: "", verify_buyer: true }),
    );
  });

  it("links each proposal to its request, product and supplier", async () => {
    mockApi({ "GET taxonomy/categories/": CATEGORIES, "GET proposals/": page([proposal(1)]) });
    renderApp("/proposals", { auth: staff });
    const row = await screen.findByTestId("proposal-row");
    expect(within(row).getByTestId("request-link").getAttribute("href")).toBe("/staff/requests/11");
    fireEvent.click(within(row).getByTestId("expand"));
    const explanation = await screen.findByTestId("explanation");
    expect(within(explanation).getByTestId("open-request").getAttribute("href")).toBe("/staff/requests/11");
    expect(within(explanation).getByTestId("open-product").getAttribute("href")).toBe("/products/101");
    expect(within(explanation).getByTestId("open-vendor").getAttribute("href")).toBe("/staff/organizations/5");
  });

  it("shows cards instead of a table on a phone, with the actions in each card", async () => {
    vi.stubGlobal(
      "matchMedia",
      vi.fn((query: string) => ({
        matches: query.includes("max-width: 639"),
        media: query,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      })),
    );
    mockApi({ "GET taxonomy/categories/": CATEGORIES, "GET proposals/": page([proposal(1), proposal(2)]) });
    renderApp("/proposals", { auth: staff });
    const cards = await screen.findAllByTestId("proposal-row");
    expect(cards.map((card) => card.tagName)).toEqual(["LI", "LI"]);
    expect(screen.queryByTestId("proposals-table")).toBeNull();
    expect(within(cards[0] as HTMLElement).getByTestId("approve")).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByTestId("overdue")).toBeTruthy();
  });

  it("bulk-rejects the selected ones with a reason and shows each result", async () => {
    const calls = mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([proposal(1), proposal(2), proposal(3, { status: "approved" })]),
      "POST proposals/bulk/": {
        action: "reject",
        count: 2,
        results: [
          { id: 1, ok: true, code: "rejected", message: "" },
          { id: 2, ok: true, code: "rejected", message: "" },
        ],
      },
    });
    renderApp("/proposals", { auth: staff });
    await screen.findAllByTestId("proposal-row");
    fireEvent.click(screen.getByTestId("select-all")); // only the proposed ones can be selected
    const bar = screen.getByTestId("bulk-bar");
    expect(within(bar).getByText("2 selected")).toBeTruthy();

    fireEvent.click(within(bar).getByTestId("bulk-reject"));
    const confirm = within(bar).getByTestId("bulk-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(bar).getByTestId("bulk-reason"), { target: { value: "Duplicate supplier" } });
    fireEvent.click(confirm);

    expect((await screen.findByTestId("bulk-message")).textContent).toBe("2 rejected.");
    expect(calls.find((c) => c.path === "proposals/bulk/")?.body).toEqual({
      action: "reject",
      ids: [1, 2],
      reason: "Duplicate supplier",
      verify_buyer: false,
    });
    const results = screen.getAllByTestId("item-result").map((r) => r.textContent);
    expect(results).toEqual(["Rejected", "Rejected"]);
  });

  it("bulk-approves with the buyers verified in the same step when asked", async () => {
    const calls = mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([unverifiedBuyer(1), proposal(2)]),
      "POST proposals/bulk/": {
        action: "approve",
        count: 2,
        results: [
          { id: 1, ok: true, code: "approved", message: "" },
          { id: 2, ok: true, code: "approved", message: "" },
        ],
      },
    });
    renderApp("/proposals", { auth: staff });
    await screen.findAllByTestId("proposal-row");
    fireEvent.click(screen.getByTestId("select-all"));
    fireEvent.click(screen.getByTestId("bulk-approve"));
    fireEvent.click(screen.getByTestId("bulk-verify-buyer"));
    fireEvent.click(screen.getByTestId("bulk-confirm"));
    expect((await screen.findByTestId("bulk-message")).textContent).toBe("2 approved; introductions created.");
    expect(calls.find((c) => c.path === "proposals/bulk/")?.body).toEqual({
      action: "approve",
      ids: [1, 2],
      reason: "",
      verify_buyer: true,
    });
  });

  it("shows per-item failures when a bulk approval is refused as a whole", async () => {
    mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": page([proposal(1), proposal(2)]),
      "POST proposals/bulk/": () =>
        jsonResponse(
          {
            code: "conflict",
            message: "1 of 2 proposals cannot be approved; nothing was changed.",
            fields: {},
            results: [
              { id: 1, ok: true, code: "approved", message: "" },
              { id: 2, ok: false, code: "conflict", message: "The request is closed." },
            ],
          },
          409,
        ),
    });
    renderApp("/proposals", { auth: staff });
    const rows = await screen.findAllByTestId("proposal-row");
    fireEvent.click(screen.getByTestId("select-all"));
    fireEvent.click(screen.getByTestId("bulk-approve"));
    fireEvent.click(screen.getByTestId("bulk-confirm"));
    expect((await screen.findByTestId("bulk-message")).textContent).toBe(
      "Nothing was changed: 1 of the selected could not be decided (see each row).",
    );
    expect(within(rows[1] as HTMLElement).getByTestId("item-result").textContent).toBe("The request is closed.");
  });

  it("shows the empty state when the server has no review queue", async () => {
    mockApi({
      "GET taxonomy/categories/": CATEGORIES,
      "GET proposals/": () => new Response("<html>Not found</html>", { status: 404 }),
    });
    renderApp("/proposals", { auth: staff });
    expect(await screen.findByText("No proposals to review")).toBeTruthy();
  });
});
