import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { App } from "../App";
import { I18nProvider } from "../i18n";
import type { Language } from "../i18n";

/** Renders the whole app at `path`, as main.tsx does but with an in-memory router. */
export function renderApp(path = "/", { lang = "en" as Language, onReady }: { lang?: Language; onReady?: () => void } = {}) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <I18nProvider initialLanguage={lang}>
        <App onReady={onReady} />
      </I18nProvider>
    </MemoryRouter>,
  );
}

/** A fetch stub answering every call with `body` as JSON and the given HTTP status. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
