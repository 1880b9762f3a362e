// Typo tolerance: how far a misspelt word may be from a word of the catalog, and the distance.

/** Edits allowed for a term of this length, as Elasticsearch's "AUTO": none up to 2 characters, 1 up to 5, then 2. */
export const allowedEdits = (length: number) => (length <= 2 ? 0 : length <= 5 ? 1 : 2);

/** Only words of letters are corrected: a model number ("x200") must match exactly. */
export const correctable = (word: string) => /^\p{L}{3,}$/u.test(word);

/**
 * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each count one (so "iphnoe" is one edit from "iphone").
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // Three rows are enough: a swap looks two rows back.
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length]!;
}
