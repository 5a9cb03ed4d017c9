/**
 * Locale-aware formatting with the browser's Intl (no library): numbers, money, dates,
 * country names, and picking the best text from a `{lang: text}` map.
 */
import type { Language } from "./i18n";

const FALLBACK_ORDER: readonly string[] = ["en", "zh", "fr", "es", "ru", "ar", "other"];

/**
 * The text in `lang` if there is one, else English, else any. Returns the language the text
 * is in too, so the element can carry `lang` (fonts, hyphenation, screen readers).
 */
export function pickLocalized(
  texts: Record<string, string> | undefined,
  lang: Language,
): { text: string; lang: string } | null {
  if (!texts) return null;
  const order = [lang, ...FALLBACK_ORDER.filter((code) => code !== lang), ...Object.keys(texts)];
  for (const code of order) {
    const text = texts[code];
    if (text && text.trim()) return { text, lang: code === "other" ? "" : code };
  }
  return null;
}

export function localizedText(texts: Record<string, string> | undefined, lang: Language, fallback = ""): string {
  return pickLocalized(texts, lang)?.text ?? fallback;
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

function regionNames(lang: Language): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    try {
      displayNames.set(lang, new Intl.DisplayNames([lang], { type: "region", fallback: "code" }));
    } catch {
      displayNames.set(lang, null);
    }
  }
  return displayNames.get(lang) ?? null;
}

/** "FR" → "France" / "法国" / "فرنسا"; unknown codes come back as they are. */
export function countryName(code: string, lang: Language): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return regionNames(lang)?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function formatNumber(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

export function formatMoney(value: number | null | undefined, currency: string, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const digits = Math.abs(value) < 1 ? 4 : 2;
  try {
    return new Intl.NumberFormat(lang, {
      style: "currency",
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${formatNumber(value, lang)} ${currency}`; // not an ISO 4217 code
  }
}

export function formatPriceRange(min: number | null, max: number | null, currency: string, lang: Language): string {
  if (min === null && max === null) return "—";
  if (min === null || max === null || min === max) return formatMoney(min ?? max, currency, lang);
  return `${formatMoney(min, currency, lang)} – ${formatMoney(max, currency, lang)}`;
}

/** A date (YYYY-MM-DD or an ISO timestamp) in the reader's language. */
export function formatDate(value: string | null | undefined, lang: Language): string {
  if (!value) return "—";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" }).format(date);
}

/** ISO 3166-1 alpha-2 codes (officially assigned), for country pickers. */
export const COUNTRY_CODES: readonly string[] = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO " +
  "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE " +
  "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO " +
  "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW " +
  "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM " +
  "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

/** Countries sorted by their name in `lang`. */
export function countryOptions(lang: Language): { code: string; name: string }[] {
  const collator = new Intl.Collator(lang);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}

/** The units the unit box offers (labelled in the reader's language by `requests.unit.*`); a unit
 * stored otherwise (imported, or typed before) is kept as one more choice, shown as stored. */
export const UNITS = ["piece", "box", "pair", "set", "unit", "kg", "litre"];

export function unitChoices(current: string): string[] {
  return current && !UNITS.includes(current) ? [...UNITS, current] : UNITS;
}

export const COMMON_CURRENCIES: readonly string[] = [
  "USD",
  "EUR",
  "CNY",
  "GBP",
  "JPY",
  "CHF",
  "RUB",
  "SAR",
  "AED",
  "INR",
  "BRL",
  "CAD",
  "AUD",
];
export const INCOTERMS: readonly string[] = [
  "EXW",
  "FCA",
  "CPT",
  "CIP",
  "DAP",
  "DPU",
  "DDP",
  "FAS",
  "FOB",
  "CFR",
  "CIF",
];

/** ``text`` as a bidi isolate (FSI…PDI), for a name typed in one script inside a sentence in another. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
