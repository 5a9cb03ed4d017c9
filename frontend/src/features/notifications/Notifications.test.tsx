import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { NotificationOutput } from "../../api";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

function notification(id: number, read: boolean): NotificationOutput {
  return {
    id,
    kind: "introduction.created",
    title: `Introduction ${id}`,
    body: "You have been introduced.",
    details: {},
    introduction: id,
    read_at: read ? "2026-11-02T08:00:00Z" : null,
    created_at: "2026-11-01T08:00:00Z",
  };
}

describe("Notifications", () => {
  it("shows the unread count in the header and clears it with mark all read", async () => {
    document.cookie = "csrftoken=k";
    let unread = [notification(1, false), notification(2, false)];
    const calls = mockApi({
      "GET notifications/": (call) => {
        const items = call.query.get("unread") === "true" ? unread : [...unread, notification(3, true)];
        return jsonResponse({ count: items.length, next: null, previous: null, results: items });
      },
      "POST notifications/read-all/": () => {
        const marked = unread.length;
        unread = [];
        return jsonResponse({ marked });
      },
    });
    renderApp("/notifications", { auth: signedIn("buyer") });
    expect((await screen.findByTestId("unread-count")).textContent).toBe("2");
    expect(await screen.findAllByTestId("notification")).toHaveLength(3);
    expect(screen.getAllByTestId("mark-read")).toHaveLength(2);

    fireEvent.click(screen.getByTestId("mark-all-read"));
    await waitFor(() => expect(screen.queryByTestId("unread-count")).toBeNull());
    await waitFor(() => expect(screen.queryAllByTestId("mark-read")).toHaveLength(0));
    expect(calls.some((c) => c.method === "POST" && c.path === "notifications/read-all/")).toBe(true);
  });

  it("marks one read", async () => {
    document.cookie = "csrftoken=k";
    let read = false;
    const calls = mockApi({
      "GET notifications/": (call) => {
        const items = call.query.get("unread") === "true" && read ? [] : [notification(1, read)];
        return jsonResponse({ count: items.length, next: null, previous: null, results: items });
      },
      "POST notifications/1/read/": () => {
        read = true;
        return jsonResponse(notification(1, true));
      },
    });
    renderApp("/notifications", { auth: signedIn("vendor") });
    fireEvent.click(await screen.findByTestId("mark-read"));
    await waitFor(() => expect(screen.queryByTestId("mark-read")).toBeNull());
    expect(screen.getByTestId("notification").getAttribute("data-unread")).toBe("false");
    expect(calls.some((c) => c.path === "notifications/1/read/")).toBe(true);
  });

  it("shows no bell to anonymous visitors", async () => {
    mockApi({ "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 403) });
    renderApp("/notifications");
    expect(await screen.findByTestId("sign-in-prompt")).toBeTruthy();
    expect(screen.queryByTestId("notification-bell")).toBeNull();
  });
});
