/**
 * English messages of the whole app, merged from each feature's `locales/en.ts`.
 *
 * A new feature adds its own `src/features/<area>/locales/{en,zh,fr,es,ru,ar}.ts` and one
 * import line here (English is the reference that types every key). The other languages
 * are found by file name (see `loadMessages`), so they need no line here.
 */
import auth from "../features/auth/locales/en";
import catalog from "../features/catalog/locales/en";
import directory from "../features/directory/locales/en";
import home from "../features/home/locales/en";
import introductions from "../features/introductions/locales/en";
import proposals from "../features/proposals/locales/en";
import certificates from "../features/certificates/locales/en";
import consultations from "../features/consultations/locales/en";
import requests from "../features/requests/locales/en";
import account from "../features/account/locales/en";
import notifications from "../features/notifications/locales/en";
import staff from "../features/staff/locales/en";
import vendor from "../features/vendor/locales/en";
import supplierLists from "../features/supplierlists/locales/en";
import common from "./locales/en";

export const en = {
  ...common,
  ...home,
  ...auth,
  ...directory,
  ...catalog,
  ...requests,
  ...proposals,
  ...introductions,
  ...staff,
  ...notifications,
  ...account,
  ...certificates,
  ...consultations,
  ...vendor,
  ...supplierLists,
};

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

// Every non-English dictionary of every feature, each its own chunk, loaded on demand.
const modules = import.meta.glob<{ default: Partial<Dictionary> }>([
  "./locales/*.ts",
  "../features/*/locales/*.ts",
  "!./locales/en.ts",
  "!../features/*/locales/en.ts",
]);

/** All of `lang`'s messages (every feature's file for that language), merged. */
export async function loadMessages(lang: string): Promise<Partial<Dictionary>> {
  const files = Object.entries(modules).filter(([path]) => path.endsWith(`/locales/${lang}.ts`));
  const loaded = await Promise.all(files.map(([, load]) => load()));
  return Object.assign({}, ...loaded.map((module) => module.default)) as Partial<Dictionary>;
}
