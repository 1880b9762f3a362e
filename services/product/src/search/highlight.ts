// Highlighting: the text HTML-escaped, its matches wrapped in <em>...</em>. Matches are found on
// the raw text and every piece is escaped on its own, so a mark never lands inside an entity and
// nothing in a title can open a tag.
import { normalize, words } from "./analyze.ts";

export interface HighlightTerms {
  /** CJK runs of the query, marked wherever they occur. */
  cjk: string[];
  /** English stems (or typed prefixes) of the query. */
  latin: string[];
  /**
   * "word": mark a whole word that starts with a stem and is at most a few letters longer
   * (phone → "Phones"); "prefix": mark only the typed part of a word (hea → "<em>Hea</em>dphones").
   */
  mode: "word" | "prefix";
}

/** How much longer than its stem a marked word may be (batteri → "batteries"). */
const maxSuffix = 4;

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);

type Range = [start: number, end: number];

function ranges(text: string, terms: HighlightTerms): Range[] {
  const found: Range[] = [];
  for (const run of terms.cjk) {
    for (let at = text.indexOf(run); at >= 0; at = text.indexOf(run, at + run.length)) found.push([at, at + run.length]);
  }
  for (const { word, index } of words(text)) {
    const w = normalize(word);
    for (const stem of terms.latin) {
      if (!w.startsWith(stem)) continue;
      // Normalizing keeps the length of the letters this compares, but not of every character.
      if (terms.mode === "prefix") found.push([index, index + Math.min(stem.length, word.length)]);
      else if (w.length - stem.length <= maxSuffix) found.push([index, index + word.length]);
      break;
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [start, end] of found) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function highlight(text: string, terms: HighlightTerms): string {
  let out = "";
  let at = 0;
  for (const [start, end] of ranges(text, terms)) {
    out += `${escapeHtml(text.slice(at, start))}<em>${escapeHtml(text.slice(start, end))}</em>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}
