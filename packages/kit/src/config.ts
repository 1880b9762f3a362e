// Typed configuration: defaults (in the schema) < file (YAML or JSON) < environment.
// The file is watched; `onChange` subscribers get the new value (used for log level and rate limits).
// A reload that finds the file empty, deleted or invalid keeps the last good value and warns: a
// half-saved edit or a stray `rm` must not reset limits to their defaults.
import { existsSync, readFileSync, statSync, watchFile, unwatchFile } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";

/** Maps an environment variable to a dotted path in the config object. */
export type EnvMap = Record<string, string>;

export interface Config<T> {
  readonly value: T;
  readonly file: string | undefined;
  onChange(listener: (next: T) => void): void;
  close(): void;
}

function setPath(target: Record<string, unknown>, path: string, raw: string): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node = (typeof child === "object" && child !== null ? child : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = raw;
}

/** The file's mapping; a missing or empty file is {} at start, and an error on reload (`required`). */
function readFile(file: string | undefined, required: boolean): Record<string, unknown> {
  if (!file) return {};
  if (!existsSync(file)) {
    if (required) throw new Error(`config file ${file} is gone`);
    return {};
  }
  const parsed: unknown = parseYaml(readFileSync(file, "utf8"));
  if (parsed === null || parsed === undefined) {
    if (required) throw new Error(`config file ${file} is empty`);
    return {};
  }
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`config file ${file}: expected a mapping at the top`);
  return parsed as Record<string, unknown>;
}

function build<S extends z.ZodType>(schema: S, envMap: EnvMap, env: NodeJS.ProcessEnv, file: string | undefined, reloading = false): z.output<S> {
  const merged = readFile(file, reloading);
  for (const [name, path] of Object.entries(envMap)) {
    const raw = env[name];
    if (raw !== undefined && raw !== "") setPath(merged, path, raw);
  }
  const result = schema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new Error(`invalid configuration${file ? ` (file ${file})` : ""}:\n${problems}`);
  }
  return result.data;
}

/** What tells one version of the file from another, as watchFile compares them. */
function fileState(file: string): string {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : "gone";
}

/** The config file: $SHOP_CONFIG_FILE, else ./shop.config.yaml when it exists. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SHOP_CONFIG_FILE) return resolve(env.SHOP_CONFIG_FILE);
  const fallback = resolve("shop.config.yaml");
  return existsSync(fallback) ? fallback : undefined;
}

export function loadConfig<S extends z.ZodType>(schema: S, envMap: EnvMap, env: NodeJS.ProcessEnv = process.env): Config<z.output<S>> {
  const file = configFilePath(env);
  let value = build(schema, envMap, env, file);
  const listeners: ((next: z.output<S>) => void)[] = [];
  const reload = () => {
    try {
      value = build(schema, envMap, env, file, true);
      for (const l of listeners) l(value);
    } catch (err) {
      // A broken edit must not take a running service down: keep the last good value.
      process.emitWarning(`config reload ignored, the last good values stay: ${(err as Error).message}`);
    }
  };
  let firstLook: NodeJS.Timeout | undefined;
  if (file) {
    const loaded = fileState(file);
    watchFile(file, { interval: 500 }, reload);
    // watchFile takes its first look asynchronously: an edit made before that would go unseen.
    firstLook = setTimeout(() => fileState(file) !== loaded && reload(), 1000).unref();
  }
  return {
    get value() {
      return value;
    },
    file,
    onChange: (l) => listeners.push(l),
    close: () => {
      clearTimeout(firstLook);
      if (file) unwatchFile(file, reload);
    },
  };
}
