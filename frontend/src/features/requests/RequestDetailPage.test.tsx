import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PurchaseRequestDetailOutput, RequestAuditEvent, RequestDuplicate } from "../../api";
import { CATEGORIES, introduction, page, purchaseRequest, STANDARDS } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

const reference = {
  "GET taxonomy/categories/": CATEGORIES,
  "GET reference/standards/": STANDARDS,
  "GET taxonomy/categories/infer/": { query: "", categories: [] },
};

const duplicate: RequestDuplicate = {
  id: 4,
  status: "open",
  kind: "same_buyer",
  reason: "同一采购方、同一类别、日期重叠。",
  end_user: "",
  newer: true,
  other_request: 9,
  other_title: "Masks for March",
  other_status: "open",
};

function detail(overrides: Partial<PurchaseRequestDetailOutput> = {}): PurchaseRequestDetailOutput {
  return {
    ...(purchaseRequest({ status: "open", has_duplicates: true }) as unknown as PurchaseRequestDetailOutput),
    suggested_category: null,
    duplicates: [duplicate],
    ...overrides,
  };
}

const history: RequestAuditEvent[] = [
  {
    id: 3,
    action: "requests.transitioned",
    actor_role: "staff",
    from_state: "open",
    to_state: "matched",
    reason: "proposal 41 approved",
    details: {},
    created_at: "2026-11-22T10:00:00Z",
  },
  {
    id: 2,
    action: "requests.updated",
    actor_role: "buyer",
    from_state: "open",
    to_state: "open",
    reason: "",
    details: { fields: ["quantity"] },
    created_at: "2026-11-21T10:00:00Z",
  },
  {
    id: 1,
    action: "requests.created",
    actor_role: "buyer",
    from_state: "",
    to_state: "open",
    reason: "",
    details: {},
    created_at: "2026-11-20T10:00:00Z",
  },
];

describe("Request detail page", () => {
  it("shows every field, the duplicate explained, the introductions and the status history", async () => {
    const calls = mockApi({
      ...reference,
      "GET requests/11/": detail({ status: "matched", end_user: "CHU de Lyon", incoterm: "CIF" }),
      "GET requests/11/audit/": page(history),
      "GET introductions/": page([introduction(5)]),
    });
    renderApp("/requests/11", { auth: signedIn("buyer"), lang: "zh" });

    expect(await screen.findByRole("heading", { level: 1, name: "Surgical masks for clinics" })).toBeTruthy();
    const facts = screen.getByTestId("request-facts");
    expect(within(facts).getByText("医用外科口罩 (6307.90)")).toBeTruthy();
    expect(within(facts).getByText("100,000 件")).toBeTruthy();
    expect(within(facts).getByText("CHU de Lyon")).toBeTruthy();
    expect(within(facts).getByText("CIF")).toBeTruthy();
    expect(within(facts).getByText("EN 14683")).toBeTruthy();

    const flag = screen.getByTestId("duplicate-flag");
    expect(flag.textContent).toContain("同一采购方、同一类别、日期重叠。");
    expect(within(flag).getByRole("link", { name: "Masks for March" }).getAttribute("href")).toBe("/requests/9");

    const intro = await screen.findByTestId("request-introduction");
    expect(intro.textContent).toContain("Wuhan Vendor Co.");
    expect(intro.textContent).toContain("医用外科口罩");
    expect(calls.find((c) => c.path === "introductions/")?.query.get("request")).toBe("11");

    const events = await screen.findAllByTestId("history-event");
    expect(events.map((e) => e.getAttribute("data-action"))).toEqual([
      "requests.transitioned",
      "requests.updated",
      "requests.created",
    ]);
    expect(events[0]?.textContent).toContain("开放 → 已匹配");
    expect(events[0]?.textContent).toContain("由 MedMatch 工作人员操作");
    expect(events[1]?.textContent).toContain("已编辑（数量）");
    // A matched request is history: no editing.
    expect(screen.queryByTestId("edit-request")).toBeNull();
  });

  it("edits an open request with the server's per-field errors, then saves it", async () => {
    let attempt = 0;
    const calls = mockApi({
      ...reference,
      "GET requests/11/": detail({ duplicates: [] }),
      "GET requests/11/audit/": page([]),
      "GET introductions/": page([]),
      "PATCH requests/11/": () => {
        attempt += 1;
        return attempt === 1
          ? jsonResponse(
              {
                code: "invalid",
                message: "Запрос содержит неверные поля.",
                fields: { quantity: [{ code: "min_value", message: "Количество должно быть не меньше 1." }] },
              },
              400,
            )
          : jsonResponse(detail({ quantity: 5000, duplicates: [] }));
      },
    });
    renderApp("/requests/11", { auth: signedIn("buyer"), lang: "ru" });
    expect(await screen.findByTestId("no-introductions")).toBeTruthy();
    fireEvent.click(await screen.findByTestId("edit-request"));
    const form = screen.getByTestId("request-form");
    expect((within(form).getByLabelText(/Количество/) as HTMLInputElement).value).toBe("100000");
    fireEvent.change(within(form).getByLabelText(/Количество/), { target: { value: "0" } });
    fireEvent.click(within(form).getByRole("button", { name: "Сохранить изменения" }));

    await waitFor(() =>
      expect(document.getElementById("request-quantity-error")?.textContent).toBe(
        "Количество должно быть не меньше 1.",
      ),
    );
    fireEvent.change(within(form).getByLabelText(/Количество/), { target: { value: "5000" } });
    fireEvent.click(within(form).getByRole("button", { name: "Сохранить изменения" }));

    expect(await screen.findByTestId("request-saved")).toBeTruthy();
    const patch = calls.filter((c) => c.method === "PATCH").at(-1);
    // Only what changed: the history then says what was edited.
    expect(patch?.body).toEqual({ quantity: 5000 });
    expect(patch?.headers["Accept-Language"]).toBe("ru, en;q=0.5");
  });

  it("says when the request is not there (another organisation's, or deleted)", async () => {
    mockApi({
      ...reference,
      "GET requests/99/": () => jsonResponse({ code: "not_found", message: "Not found." }, 404),
      "GET requests/99/audit/": () => jsonResponse({ code: "not_found", message: "Not found." }, 404),
      "GET introductions/": page([]),
    });
    renderApp("/requests/99", { auth: signedIn("buyer") });
    expect((await screen.findByTestId("request-not-found")).textContent).toBe(
      "This request does not exist or is not yours.",
    );
  });
});
