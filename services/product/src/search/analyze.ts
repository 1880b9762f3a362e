// Text analysis for search, shared by indexing and querying so both sides cut text the same way.
// Chinese, Japanese and Korean are written without spaces between words, so no word parser can
// find "西红柿" inside "新鲜西红柿". Their runs are cut into overlapping character bigrams (新鲜 鲜西
// 西红 红柿) plus single characters; a query's bigrams must then appear next to each other (a
// phrase), which finds any substring of two or more characters and, with the unigrams, of one.
// Everything else is left to PostgreSQL's 'english' configuration: words, stop words, stemming.

const cjkClass = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc";
const cjkRunPattern = new RegExp(`[${cjkClass}]+`, "gu");
/** A word of the non-CJK text (run after CJK runs were blanked out): letters and digits, joined by . - _ */
const wordPattern = /[\p{L}\p{N}]+(?:[.\-_][\p{L}\p{N}]+)*/gu;

/** Width and compatibility forms folded (ＭＡＴＥ → MATE, ｶ → カ), lowercased. */
export const normalize = (text: string) => text.normalize("NFKC").toLowerCase();

/** The CJK runs of `text`, in order. */
const cjkRuns = (text: string): string[] => text.match(cjkRunPattern) ?? [];

/** `text` with every CJK character replaced by as many spaces (offsets are kept). */
export const withoutCjk = (text: string) => text.replace(cjkRunPattern, (run) => " ".repeat(run.length));

/** The non-CJK words of `text` with their offsets. */
export function words(text: string): { word: string; index: number }[] {
  return [...withoutCjk(text).matchAll(wordPattern)].map((m) => ({ word: m[0], index: m.index }));
}

const chars = (run: string) => [...run]; // code points: a rare Han character is two UTF-16 units

/** Quotes a lexeme for a tsvector or tsquery literal. */
export const quoteLexeme = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

export type Weight = "A" | "B" | "C" | "D";

/**
 * A tsvector literal of the CJK runs of some weighted fields: each character and each bigram at
 * its position, with a gap between runs so that no phrase spans two of them.
 */
export function cjkVector(fields: { text: string; weight: Weight }[]): string {
  const positions = new Map<string, string[]>();
  const add = (lexeme: string, position: number, weight: Weight) => {
    const list = positions.get(lexeme) ?? [];
    // PostgreSQL keeps at most 256 positions per lexeme and 16383 as the highest position.
    if (list.length < 256 && position <= 16_383) positions.set(lexeme, [...list, `${position}${weight}`]);
  };
  let position = 1;
  for (const field of fields) {
    for (const run of cjkRuns(normalize(field.text))) {
      const cs = chars(run);
      cs.forEach((c, i) => {
        add(c, position + i, field.weight);
        if (i + 1 < cs.length) add(c + cs[i + 1]!, position + i, field.weight);
      });
      position += cs.length + 1;
    }
  }
  return [...positions].map(([lexeme, ps]) => `${quoteLexeme(lexeme)}:${ps.join(",")}`).join(" ");
}

/** A tsquery literal for one CJK run: its bigrams as a phrase, or the character alone. */
export function cjkRunQuery(run: string): string {
  const cs = chars(run);
  if (cs.length === 1) return quoteLexeme(cs[0]!);
  const bigrams = cs.slice(0, -1).map((c, i) => quoteLexeme(c + cs[i + 1]!));
  return bigrams.length === 1 ? bigrams[0]! : `(${bigrams.join(" <-> ")})`;
}

export interface ParsedQuery {
  /** CJK runs, each matched as a phrase of its bigrams. */
  cjk: string[];
  /** Other words, each matched through the 'english' configuration. */
  words: string[];
}

/** At most this many runs and words count: a query is a few words, not a document. */
const maxTerms = 10;

export function parseQuery(q: string): ParsedQuery {
  const n = normalize(q);
  const unique = (list: string[]) => [...new Set(list)].slice(0, maxTerms);
  return { cjk: unique(cjkRuns(n)), words: unique(words(n).map((w) => w.word)) };
}
