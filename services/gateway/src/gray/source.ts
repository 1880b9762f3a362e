// Where the gray rules live: a file (SHOP_GATEWAY_GRAY_RULES_FILE), watched, so an edit (or a
// ConfigMap update) applies without a restart. A file that does not parse or validate is refused
// with an error in the log and the rules in force stay; at start it fails the start, as a bad
// config does. The admin API writes the same file (atomically, by rename), so an edit and an API
// call end in the same place, and the rules survive a restart. Without a file: no rules.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, statSync, unwatchFile, watchFile, writeFileSync } from "node:fs";
import type { Logger } from "@shop/kit/log";
import { parseRules, type GrayRules } from "./rules.ts";

export interface LoadedRules {
  rules: GrayRules;
  loadedAt: Date;
}

export interface RulesSource {
  readonly file: string | undefined;
  current(): LoadedRules;
  /** The last refused version of the file, until a good one loads. */
  refused(): { at: Date; error: string } | undefined;
  onChange(listener: (loaded: LoadedRules) => void): void;
  /** Writes `rules` to the file and applies them; throws when there is no file. */
  write(rules: GrayRules): void;
  close(): void;
}

const fileState = (file: string) => {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : "gone";
};

export function createRulesSource(file: string | undefined, deployables: readonly string[], logger: Logger): RulesSource {
  const read = (path: string) => parseRules(readFileSync(path, "utf8"), deployables);
  let loaded: LoadedRules = { rules: file && existsSync(file) ? read(file) : {}, loadedAt: new Date() };
  let refusal: { at: Date; error: string } | undefined;
  const listeners: ((l: LoadedRules) => void)[] = [];
  const apply = (rules: GrayRules) => {
    // An unchanged document (a touch, our own write seen by the watch) keeps its counters.
    if (JSON.stringify(rules) === JSON.stringify(loaded.rules)) return;
    loaded = { rules, loadedAt: new Date() };
    logger.info({ file, services: Object.keys(rules) }, "gray rules loaded");
    for (const l of listeners) l(loaded);
  };
  const reload = () => {
    if (!file) return;
    try {
      if (!existsSync(file)) throw new Error("the file is gone (write `services: {}` to remove every rule)");
      apply(read(file));
      refusal = undefined;
    } catch (err) {
      refusal = { at: new Date(), error: (err as Error).message };
      logger.error({ file, problem: refusal.error }, "gray rules file refused; the rules in force stay");
    }
  };
  let firstLook: NodeJS.Timeout | undefined;
  if (file) {
    const seen = fileState(file);
    watchFile(file, { interval: 250 }, reload);
    // watchFile takes its first look asynchronously: an edit made before that would go unseen.
    firstLook = setTimeout(() => fileState(file) !== seen && reload(), 1000).unref();
  }
  logger.info({ file, services: Object.keys(loaded.rules) }, file ? "gray rules from file" : "gray rules: no file (SHOP_GATEWAY_GRAY_RULES_FILE)");
  return {
    file,
    current: () => loaded,
    refused: () => refusal,
    onChange: (l) => listeners.push(l),
    write(rules) {
      if (!file) throw new Error("no rules file");
      const temp = `${file}.${randomUUID()}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ services: rules }, null, 2)}\n`, { mode: 0o644 });
      renameSync(temp, file);
      refusal = undefined;
      apply(rules);
    },
    close() {
      clearTimeout(firstLook);
      if (file) unwatchFile(file, reload);
    },
  };
}
