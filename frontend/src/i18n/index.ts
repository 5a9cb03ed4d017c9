/**
 * A tiny i18n module: messages per feature and language (`src/features/<area>/locales/` and
 * the shared `src/i18n/locales/`, merged by messages.ts), `t(key, vars)` with `{name}`
 * interpolation, and a React context for the current language. English and Chinese are
 * complete (enforced by their types); the others fall back to English key by key.
 *
 * English is in the main bundle; every other language is loaded before the first render
 * (main.tsx) or when the reader switches to it, so nobody downloads six.
 */
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import type { ReactNode } from "react";
import { en, loadMessages } from "./messages";
import type { Dictionary, MessageKey } from "./messages";

export type { Dictionary, MessageKey };

export const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "zh", name: "中文", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "ru", name: "Русский", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
] as const;

export type Language = (typeof LANGUAGES)[number]["code"];
export const DEFAULT_LANGUAGE: Language = "en";
const STORAGE_KEY = "medmatch.lang";

const loaded: Partial<Record<Language, Partial<Dictionary>>> = { en };

export function isLanguageLoaded(lang: Language): boolean {
  return loaded[lang] !== undefined;
}

/** Fetches `lang`'s dictionary once; until it arrives (or if it cannot), English is shown. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (lang === "en" || loaded[lang]) return;
  loaded[lang] = await loadMessages(lang);
}

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((lang) => lang.code === value);
}

export function directionOf(lang: Language): "ltr" | "rtl" {
  return LANGUAGES.find((l) => l.code === lang)?.dir ?? "ltr";
}

/** Whether `key` is a message (for keys built from API values, e.g. `requestStatus.${status}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Translates `key` into `lang`, falling back to English, and fills `{name}` placeholders. */
export function translate(lang: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = loaded[lang]?.[key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

/**
 * Like `translate`, for a sentence about `count` things: uses `${key}.one` when the language's
 * plural rules call `count` "one" and the language has that form, else `key` (worded to suit
 * every other count). Fills `{count}` as well as `vars`.
 */
export function translateCount(
  lang: Language,
  key: MessageKey,
  count: number,
  vars: Record<string, string | number> = {},
): string {
  const one = `${key}.one`;
  const useOne =
    new Intl.PluralRules(lang).select(count) === "one" && isMessageKey(one) && loaded[lang]?.[one] !== undefined;
  return translate(lang, useOne && isMessageKey(one) ? one : key, { count, ...vars });
}

/** Sets `lang` and `dir` on <html>, so the whole document (including native controls) flips for RTL. */
export function applyDocumentLanguage(lang: Language): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = directionOf(lang);
}

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe): not worth failing over
  }
}

function queryLanguage(): Language | null {
  if (typeof window === "undefined") return null;
  const value = new URLSearchParams(window.location.search).get("lang");
  return isLanguage(value) ? value : null;
}

function saveLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/**
 * `?lang=xx` in the URL (links in e-mails), else the saved choice, else the browser's
 * preferred language if supported, else English. A language asked for in the URL is saved,
 * so the next page opened without `?lang=` (a reload, a link typed by hand) keeps it.
 */
export function detectLanguage(): Language {
  const fromQuery = queryLanguage();
  if (fromQuery) {
    saveLanguage(fromQuery);
    return fromQuery;
  }
  const saved = storedLanguage();
  if (saved) return saved;
  const preferred = typeof navigator !== "undefined" ? (navigator.languages ?? [navigator.language]) : [];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

interface I18nValue {
  lang: Language;
  dir: "ltr" | "rtl";
  setLang: (lang: Language) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A sentence about `count` things (see translateCount); `{count}` is filled with `vars.count` or the number. */
  tn: (key: MessageKey, count: number, vars?: Record<string, string | number>) => string;
  has: (key: string) => key is MessageKey;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ initialLanguage, children }: { initialLanguage?: Language; children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => initialLanguage ?? detectLanguage());
  // Bumped when a dictionary arrives, so `t` is recreated and the texts re-render.
  const [revision, setRevision] = useState(0);

  // Layout effect: flip `dir` before the browser paints, so RTL never flashes as LTR.
  useLayoutEffect(() => {
    applyDocumentLanguage(lang);
  }, [lang]);

  useEffect(() => {
    if (isLanguageLoaded(lang)) return;
    let live = true;
    loadLanguage(lang).then(
      () => live && setRevision((n) => n + 1),
      () => undefined, // the chunk did not load (offline): English stays
    );
    return () => {
      live = false;
    };
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    saveLanguage(next);
    // Switch once the words are there, so the page never flashes half-translated.
    if (isLanguageLoaded(next)) setLangState(next);
    else loadLanguage(next).finally(() => setLangState(next));
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      lang,
      dir: directionOf(lang),
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tn: (key, count, vars) => translateCount(lang, key, count, vars),
      has: isMessageKey,
    }),
    // `revision` is not read inside: it marks that a dictionary arrived after `lang` was set.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, setLang, revision],
  );

  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
