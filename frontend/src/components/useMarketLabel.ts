// Market codes (where a certificate is valid) as words, for the directory, product pages and documents.
import { countryName } from "../format";
import { useI18n } from "../i18n";

/** A market code as words: EU and China's export rule have names, single countries use theirs. */
export function useMarketLabel(): (code: string) => string {
  const { t, has, lang } = useI18n();
  return (code) => {
    const key = `market.${code}`;
    if (has(key)) return t(key);
    return /^[A-Z]{2}$/.test(code) ? countryName(code, lang) : code;
  };
}
