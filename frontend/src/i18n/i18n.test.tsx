import { fireEvent, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { detectLanguage, LANGUAGES, translate, translateCount } from ".";
import { en, loadMessages } from "./messages";
import type { MessageKey } from ".";
import { jsonResponse, renderApp, signedIn } from "../test/render";

const HEALTHY = {
  status: "ok",
  components: { database: { status: "ok" }, search: { status: "ok" }, broker: { status: "ok" } },
};

describe("language switcher", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse(HEALTHY)),
    );
  });

  it("changes visible strings and sets lang/dir on <html>", async () => {
    renderApp("/", { auth: signedIn("staff") });
    const nav = screen.getByRole("navigation");
    expect(nav.textContent).toContain("Suppliers directory");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("MedMatch");
    expect(document.documentElement.lang).toBe("en");
    expect(document.documentElement.dir).toBe("ltr");

    fireEvent.change(screen.getByTestId("language-switcher"), { target: { value: "zh" } });
    expect(nav.textContent).toContain("供应商名录");
    expect(nav.textContent).not.toContain("Suppliers directory");
    expect(await screen.findByText("系统状态")).toBeTruthy();
    expect(document.documentElement.lang).toBe("zh");
    expect(document.documentElement.dir).toBe("ltr");
    // The brand heading is not translated.
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("MedMatch");
  });

  it("sets dir=rtl for Arabic and back to ltr for French", () => {
    renderApp("/suppliers");
    const switcher = screen.getByTestId("language-switcher");

    fireEvent.change(switcher, { target: { value: "ar" } });
    expect(document.documentElement.dir).toBe("rtl");
    expect(document.documentElement.lang).toBe("ar");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("دليل الموردين");
    expect(screen.getByTestId("type-suppliers").textContent).toBe("الموردين");

    fireEvent.change(switcher, { target: { value: "fr" } });
    expect(document.documentElement.dir).toBe("ltr");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Annuaire des fournisseurs");
    expect(screen.getByTestId("search-submit").textContent).toBe("Rechercher");
  });

  it("remembers the choice across reloads", () => {
    const { unmount } = renderApp("/");
    fireEvent.change(screen.getByTestId("language-switcher"), { target: { value: "ru" } });
    unmount();
    expect(detectLanguage()).toBe("ru");
  });
});

// Every locale file, by folder and language: `{ "features/certificates": { en: {...}, fr: {...} } }`.
const LOCALE_FILES: Record<string, Record<string, Record<string, string>>> = {};
for (const [path, module] of Object.entries(
  import.meta.glob<{ default: Record<string, string> }>(["./locales/*.ts", "../features/*/locales/*.ts"], {
    eager: true,
  }),
)) {
  const [, folder = "", lang = ""] = /^(?:\.\.\/)?(.*)\/locales\/(\w+)\.ts$/.exec(path) ?? [];
  (LOCALE_FILES[folder] ??= {})[lang] = module.default;
}
// Locale files that still let English fill some keys; each entry leaves once its file is complete.
const STILL_PARTIAL = new Set([
  "features/account:fr",
  "features/account:es",
  "features/account:ru",
  "features/requests:ru",
  "features/requests:ar",
]);

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();
}

const DICTIONARIES = {
  en,
  zh: await loadMessages("zh"),
  fr: await loadMessages("fr"),
  es: await loadMessages("es"),
  ru: await loadMessages("ru"),
  ar: await loadMessages("ar"),
};

describe("dictionaries", () => {
  it("merges every feature's messages for a language", () => {
    // A key from the shared dictionary and keys from three features, all in the Chinese merge.
    expect(DICTIONARIES.zh["nav.suppliers"]).toBe("供应商名录");
    expect(DICTIONARIES.zh["home.lead"]).toBeTruthy();
    expect(DICTIONARIES.zh["directory.search"]).toBeTruthy();
    expect(DICTIONARIES.zh["requests.new"]).toBeTruthy();
  });

  const enKeys = Object.keys(DICTIONARIES.en) as MessageKey[];

  it("has a dictionary for each of the six languages", () => {
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
  });

  it("is complete in Chinese", () => {
    const zh = DICTIONARIES.zh;
    for (const key of enKeys) expect(zh[key], key).toBeTruthy();
  });

  it("has every English key, with the same placeholders, in every locale file of every feature", () => {
    const missing: string[] = [];
    for (const [folder, byLang] of Object.entries(LOCALE_FILES)) {
      const english = byLang.en ?? {};
      for (const lang of ["zh", "fr", "es", "ru", "ar"]) {
        const gaps = Object.keys(english).filter((key) => !byLang[lang]?.[key]);
        const known = STILL_PARTIAL.has(`${folder}:${lang}`);
        // A known gap that has been filled must leave the list, so the list only shrinks.
        expect(gaps.length > 0, `${folder}:${lang} is ${gaps.length ? "partial" : "complete"}`).toBe(known);
        if (!known) missing.push(...gaps.map((key) => `${lang} ${key}`));
        for (const [key, value] of Object.entries(byLang[lang] ?? {})) {
          // A singular (".one") may name the count where English spells it out.
          const used = placeholders(value).filter((name) => !(key.endsWith(".one") && name === "count"));
          expect(used, `${lang} ${key}`).toEqual(placeholders(english[key] ?? ""));
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(["fr", "es", "ru", "ar"] as const)("translates every visible nav and status string in %s", (lang) => {
    const visible: MessageKey[] = [
      "nav.suppliers",
      "nav.requests",
      "nav.proposals",
      "nav.introductions",
      "lang.label",
      "home.lead",
      "status.title",
      "status.unavailable",
      "status.state.down",
      "suppliers.empty.title",
      "notFound.title",
      "auth.signIn",
      "auth.signOut",
      "directory.search",
      "directory.filters",
      "directory.unavailable.title",
      "directory.noResults.title",
      "requests.new",
      "requests.import.button",
      "proposals.approve",
      "proposals.reject",
      "proposals.bulk.approve",
      "introductions.outcome.title",
      "gate.signIn.title",
    ];
    for (const key of visible) {
      const value = DICTIONARIES[lang][key];
      expect(value, `${lang} ${key}`).toBeTruthy();
      expect(value).not.toBe(DICTIONARIES.en[key]);
    }
  });

  it("interpolates placeholders and falls back to English", () => {
    expect(translate("en", "footer.version", { version: "1.2.3" })).toBe("Version 1.2.3");
    expect(translate("zh", "footer.version", { version: "1.2.3" })).toBe("版本 1.2.3");
    expect(translate("en", "footer.version")).toBe("Version {version}");
  });

  it("picks the singular where the language has one, and the neutral form elsewhere", () => {
    expect(translateCount("en", "requests.import.rejected", 1)).toBe("Nothing was imported: 1 row needs fixing.");
    expect(translateCount("en", "requests.import.rejected", 3)).toBe("Nothing was imported: 3 rows need fixing.");
    expect(translateCount("fr", "requests.import.done", 1)).toBe("1 demande importée.");
    // Russian has no ".one" form: its wording suits every count, and English never leaks in.
    expect(translateCount("ru", "requests.import.done", 1)).toBe("Импортировано заявок: 1.");
    expect(translateCount("ru", "requests.import.done", 21)).toBe("Импортировано заявок: 21.");
  });

  it("prefers ?lang= in the URL over the saved choice, and keeps it for the next page", () => {
    window.localStorage.setItem("medmatch.lang", "fr");
    window.history.replaceState(null, "", "/?lang=ar");
    try {
      expect(detectLanguage()).toBe("ar");
    } finally {
      window.history.replaceState(null, "", "/");
    }
    // A page opened next without ?lang= (after signing in, a reload) stays in Arabic.
    expect(detectLanguage()).toBe("ar");
    expect(window.localStorage.getItem("medmatch.lang")).toBe("ar");
  });

  it("detects the browser language when nothing is saved", () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["es-MX", "en"]);
    expect(detectLanguage()).toBe("es");
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["de-DE"]);
    expect(detectLanguage()).toBe("en");
  });
});
