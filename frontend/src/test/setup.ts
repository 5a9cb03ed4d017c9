import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.localStorage.clear();
  delete window.__MEDMATCH_CONFIG__;
  document.documentElement.lang = "en";
  document.documentElement.dir = "ltr";
});
