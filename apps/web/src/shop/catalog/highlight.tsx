// The search API's highlights are HTML: the text escaped, the matches in <em>. They are turned into
// text and <mark> elements here, never set as HTML, so nothing the server echoes can run.
import { Fragment, type ReactNode } from "react";

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'", "#x2F": "/" };

const unescape = (s: string) =>
  s.replace(/&(#?[a-zA-Z0-9]+);/g, (m, name: string) => {
    if (name in entities) return entities[name]!;
    const code = name.startsWith("#x") ? parseInt(name.slice(2), 16) : name.startsWith("#") ? parseInt(name.slice(1), 10) : NaN;
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });

export function Highlighted({ html }: { html: string }): ReactNode {
  if (!html) return null;
  const parts = html.split(/<em>(.*?)<\/em>/);
  // split with a capture group: even indexes are plain text, odd ones the matches.
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{unescape(part)}</mark> : <Fragment key={i}>{unescape(part)}</Fragment>));
}
