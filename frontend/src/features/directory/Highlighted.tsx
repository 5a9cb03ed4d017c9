import type { ReactNode } from "react";

const MARK = /<mark>([\s\S]*?)<\/mark>/g;

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
    if (index > last) segments.push({ text: fragment.slice(last, index), marked: false });
    if (match[1]) segments.push({ text: match[1], marked: true });
    last = index + match[0].length;
  }
  if (last < fragment.length) segments.push({ text: fragment.slice(last), marked: false });
  return segments;
}

export function stripMarks(fragment: string): string {
  return fragment.replace(MARK, "$1");
}

/** Renders a highlighted fragment safely (never as HTML). */
export function Highlighted({ fragment }: { fragment: string }): ReactNode {
  return highlightSegments(fragment).map((segment, index) =>
    segment.marked ? <mark key={index}>{segment.text}</mark> : segment.text,
  );
}
