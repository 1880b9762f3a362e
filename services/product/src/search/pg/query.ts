// Turning what a shopper typed into one tsquery. Each CJK run becomes a phrase of its bigrams. Each
// other word goes through to_tsquery('english') (stemmed: "phones" → 'phone'); a word whose stem
// the catalog does not contain is widened with the stems of search_terms within its allowed edit
// distance, so "phnoe" also asks for 'phone'. All parts must match.
import { sql } from "drizzle-orm";
import type { Executor } from "@shop/kit/db";
import { cjkRunQuery, quoteLexeme, type ParsedQuery } from "../analyze.ts";
import { allowedEdits, correctable, editDistance } from "../fuzzy.ts";

export interface CompiledQuery {
  /** A tsquery literal; "" when nothing searchable is left (only stop words, say). */
  tsquery: string;
  /** English lexemes asked for (stems and corrections), for highlighting. */
  latin: string[];
  cjk: string[];
}

/** Stems compared per misspelt word (twice: near the word, near its stem), before the edit distance. */
const candidates = 8;

type WordRow = {
  n: number;
  query: string;
  stem: string | null;
  near: string[];
};

const lexemesOf = (tsquery: string) => [...tsquery.matchAll(/'((?:[^']|'')+)'/g)].map((m) => m[1]!.replace(/''/g, "'"));

/**
 * `prefix`: the last word is still being typed and matches any word it starts (autocomplete).
 * `fuzzy`: misspelt words are corrected (search; not while typing, where every prefix looks misspelt).
 */
export async function compileQuery(ex: Executor, parsed: ParsedQuery, opts: { prefix: boolean; fuzzy: boolean }): Promise<CompiledQuery> {
  const parts = parsed.cjk.map(cjkRunQuery);
  const latin: string[] = [];
  if (parsed.words.length) {
    // Words hold only letters, digits and . - _ (analyze.ts), so quoting them needs no escaping.
    const quoted = parsed.words.map((w, i) => `'${w}'${opts.prefix && i === parsed.words.length - 1 ? ":*" : ""}`);
    // Neighbours of the typed word and of its stem: a typo can change the stem more than the word
    // ("wireles" stems to 'wirel', two letters from 'wireless').
    const { rows } = await ex.execute<WordRow>(sql`
      select w.n::int as n, to_tsquery('english', w.q)::text as query, s.stem,
        case when ${opts.fuzzy} and s.stem is not null
          then array(select term from search_terms order by term <-> w.word limit ${candidates})
            || array(select term from search_terms order by term <-> s.stem limit ${candidates})
          else '{}'::text[] end as near
      from unnest(${sql.param(quoted)}::text[], ${sql.param(parsed.words)}::text[]) with ordinality as w(q, word, n)
      cross join lateral (select (tsvector_to_array(to_tsvector('english', w.q)))[1] as stem) s
      order by w.n`);
    for (const row of rows) {
      if (!row.query) continue; // a stop word
      const word = parsed.words[row.n - 1]!;
      const stem = row.stem ?? "";
      const allowed = allowedEdits(word.length);
      const corrections =
        opts.fuzzy && correctable(word) && stem && !row.near.includes(stem)
          ? [...new Set(row.near)].filter((term) => Math.min(editDistance(word, term), editDistance(stem, term)) <= allowed)
          : [];
      parts.push(`(${[row.query, ...corrections.map(quoteLexeme)].join(" | ")})`);
      latin.push(...lexemesOf(row.query), ...corrections);
    }
  }
  return { tsquery: parts.join(" & "), latin: [...new Set(latin)], cjk: parsed.cjk };
}
