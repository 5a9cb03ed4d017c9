import type { ReactNode } from "react";

const MARK = /<mark>([\s\S]*?)<\/mark>/g;
const ENTITY = /&(?:#x([0-9a-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The engine HTML-escapes the text around its `<mark>`s (`IgG&#x2F;IgM`); React escapes text
 * itself, so the entities are turned back into characters first (else they show twice escaped).
 */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Splits a search-engine fragment into text and `<mark>` runs. Only the exact `<mark>` and
 * `</mark>` tags the API inserts become elements; everything else (including any other
 * markup in the indexed text) stays text, which React escapes.
 */
export function highlightSegments(fragment: string): { text: string; marked: boolean }[] {
  const segments: { text: string; marked: boolean }[] = [];
  let last = 0;
  for (const match of fragment.matchAll(MARK)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ text: decodeEntities(fragment.slice(last, index)), marked: false });
    if (match[1]) segments.push({ text: decodeEntities(match[1]), marked: true });
    last = index + match[0].length;
  }
  if (last < fragment.length) segments.push({ text: decodeEntities(fragment.slice(last)), marked: false });
  return segments;
}

export function stripMarks(fragment: string): string {
  return decodeEntities(fragment.replace(MARK, "$1"));
}

/** Renders a highlighted fragment safely (never as HTML). */
export function Highlighted({ fragment }: { fragment: string }): ReactNode {
  return highlightSegments(fragment).map((segment, index) =>
    segment.marked ? <mark key={index}>{segment.text}</mark> : segment.text,
  );
}
