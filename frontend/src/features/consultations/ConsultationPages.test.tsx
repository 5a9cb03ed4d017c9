import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ApiData } from "../../api";
import { page } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

type Consultation = ApiData<"/api/v1/consultations/{consultation_id}/">;

function consultation(id: number, overrides: Partial<Consultation> = {}): Consultation {
  return {
    id,
    organization: 3,
    organization_name: "Wuhan Medical Export Co.",
    topic: "trade_remedies",
    subject: "Anti-dumping duty on gloves",
    description: "We received a questionnaire.",
    status: "open",
    adviser: null,
    assigned_at: null,
    first_response_at: null,
    closed_at: null,
    outcome: "",
    attachments: [],
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}

const message = (id: number, fromAdviser: boolean, body: string) => ({
  id,
  from_adviser: fromAdviser,
  author_name: fromAdviser ? "Adviser Zhang" : "Test vendor",
  body,
  created_at: "2026-12-01T09:00:00Z",
});

describe("Consultations", () => {
  it("a member asks a question with a topic and an attachment", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET consultations/": page([]),
      "POST consultations/": () => jsonResponse(consultation(8), 201),
      "POST consultations/8/attachments/": () => jsonResponse({ id: 1 }, 201),
      "GET consultations/8/": consultation(8),
      "GET consultations/8/messages/": page([]),
    });
    renderApp("/consultations", { auth: signedIn("vendor") });
    const form = await screen.findByTestId("ask-form");
    fireEvent.change(within(form).getByLabelText("Topic"), { target: { value: "trade_remedies" } });
    fireEvent.change(within(form).getByLabelText(/Subject/), { target: { value: "Anti-dumping duty on gloves" } });
    fireEvent.change(within(form).getByLabelText(/Your question/), {
      target: { value: "We received a questionnaire." },
    });
    const file = new File(["%PDF-1.4"], "questionnaire.pdf", { type: "application/pdf" });
    fireEvent.change(within(form).getByLabelText(/Attachments/), { target: { files: [file] } });
    fireEvent.click(within(form).getByTestId("ask-submit"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/consultations/8"));
    expect(calls.find((c) => c.method === "POST" && c.path === "consultations/")?.body).toEqual({
      topic: "trade_remedies",
      subject: "Anti-dumping duty on gloves",
      description: "We received a questionnaire.",
    });
    const upload = calls.find((c) => c.path === "consultations/8/attachments/");
    // (Node's FormData after jsdom: the name is not kept, the bytes are.)
    expect(((upload?.body as FormData).get("file") as File).size).toBeGreaterThan(0);
  });

  it("shows the thread; a member can reply but neither assign nor close", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET consultations/8/": consultation(8, { status: "assigned", adviser: { id: 50, name: "Adviser Zhang" } }),
      "GET consultations/8/messages/": page([message(1, true, "Please send the questionnaire.")]),
      "POST consultations/8/messages/": () => jsonResponse(message(2, false, "Attached."), 201),
    });
    renderApp("/consultations/8", { auth: signedIn("vendor") });
    const thread = await screen.findByTestId("thread");
    expect(within(thread).getByText("Please send the questionnaire.")).toBeTruthy();
    expect(screen.queryByTestId("assign-form")).toBeNull();
    expect(screen.queryByTestId("close-form")).toBeNull();
    fireEvent.change(screen.getByTestId("reply-body"), { target: { value: " Attached. " } });
    fireEvent.click(screen.getByTestId("reply-submit"));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "POST" && c.path === "consultations/8/messages/")?.body).toEqual({
        body: "Attached.",
      }),
    );
  });

  it("staff assign an adviser and close with an outcome", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET consultations/8/": consultation(8),
      "GET consultations/8/messages/": page([]),
      "GET consultations/advisers/": [{ id: 50, name: "Adviser Zhang" }],
      "POST consultations/8/assign/": consultation(8, {
        status: "assigned",
        adviser: { id: 50, name: "Adviser Zhang" },
      }),
      "POST consultations/8/close/": consultation(8, { status: "closed", outcome: "Answered." }),
    });
    renderApp("/consultations/8", { auth: signedIn("staff") });
    const assign = await screen.findByTestId("assign-form");
    await within(assign).findByRole("option", { name: "Adviser Zhang" });
    fireEvent.change(within(assign).getByLabelText("Assign to adviser"), { target: { value: "50" } });
    fireEvent.click(within(assign).getByTestId("assign-submit"));
    await waitFor(() => expect(calls.find((c) => c.path === "consultations/8/assign/")?.body).toEqual({ adviser: 50 }));
    fireEvent.change(screen.getByTestId("close-outcome"), { target: { value: "Answered." } });
    fireEvent.click(screen.getByTestId("close-submit"));
    await waitFor(() =>
      expect(calls.find((c) => c.path === "consultations/8/close/")?.body).toEqual({ outcome: "Answered." }),
    );
  });

  it("is in Chinese", async () => {
    mockApi({ "GET consultations/": page([consultation(8)]) });
    renderApp("/consultations", { auth: signedIn("buyer"), lang: "zh" });
    const row = await screen.findByTestId("consultation-row");
    expect(within(row).getByText("贸易救济（反倾销等）")).toBeTruthy();
    expect(within(row).getByText("等待分配顾问")).toBeTruthy();
  });
});
