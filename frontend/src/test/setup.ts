import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeAll, vi } from "vitest";
import { LANGUAGES, loadLanguage } from "../i18n";

// The suite shares 2 cores with builds and browsers: give async queries room before failing.
configure({ asyncUtilTimeout: 4000 });

// Every dictionary up front, so tests can switch languages synchronously, as a warm browser does.
beforeAll(async () => {
  await Promise.all(LANGUAGES.map((language) => loadLanguage(language.code)));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.localStorage.clear();
  delete window.__MEDMATCH_CONFIG__;
  document.documentElement.lang = "en";
  document.documentElement.dir = "ltr";
  document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
});
