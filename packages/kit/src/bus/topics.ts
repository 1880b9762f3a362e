// Topics are dotted words (`product.changed`); subscriptions match them with AMQP topic patterns:
// `*` is exactly one word, `#` zero or more. Both adapters accept exactly the same syntax.

const word = /^[A-Za-z0-9_-]+$/;

export function assertTopic(topic: string): void {
  if (!topic.split(".").every((w) => word.test(w))) throw new Error(`bad topic ${JSON.stringify(topic)}: dotted words of [A-Za-z0-9_-]`);
}

export function assertPattern(pattern: string): void {
  if (!pattern.split(".").every((w) => w === "*" || w === "#" || word.test(w))) {
    throw new Error(`bad topic pattern ${JSON.stringify(pattern)}: dotted words, * or #`);
  }
}

/**
 * A POSIX regular expression (PostgreSQL `~`) for `pattern`, to be matched against `'.' || topic`:
 * prefixing every word with its dot lets `#` swallow the dots along with the words. Words hold no
 * regex metacharacters (assertPattern), so they need no escaping.
 */
export function patternRegex(pattern: string): string {
  assertPattern(pattern);
  const parts = pattern.split(".").map((w) => (w === "#" ? "(\\.[^.]+)*" : w === "*" ? "\\.[^.]+" : `\\.${w}`));
  return `^${parts.join("")}$`;
}

/** Group names become queue names: dotted words, no patterns. */
export function assertGroup(group: string): void {
  if (group.length > 200 || !group.split(".").every((w) => word.test(w))) throw new Error(`bad group name ${JSON.stringify(group)}`);
}
