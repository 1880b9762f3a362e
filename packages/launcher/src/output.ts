// What the launcher prints: its own messages and every line its children write. On a terminal,
// one readable line per entry, tagged with the service; otherwise JSON lines only (children's
// lines pass through unchanged), so a log collector reads one stream of JSON.
export type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";
type Entry = Record<string, unknown>;

export interface Output {
  readonly pretty: boolean;
  log(level: Level, msg: string, fields?: Entry): void;
  /** A line a child wrote: a JSON log entry (pino) or plain text such as a stack trace. */
  child(service: string, line: string, stream: "stdout" | "stderr"): void;
  /** A child's line as one readable line, for error messages. */
  format(service: string, line: string): string;
  /** Text for people (the URL block); JSON consumers get `fields` as one entry instead. */
  banner(text: string, msg: string, fields: Entry): void;
  /**
   * Where long work is: on a terminal one line that rewrites itself (ended by `done`); otherwise
   * an entry each time, so the caller calls it sparingly.
   */
  progress(msg: string, done?: boolean): void;
}

const levelColor: Record<string, string> = { trace: "90", debug: "90", info: "32", warn: "33", error: "31", fatal: "35" };
const serviceColors = ["36", "35", "34", "33", "32"];
const hidden = new Set(["level", "time", "service", "msg", "pid", "hostname", "trace_id", "span_id"]);

function parse(line: string): Entry | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? (value as Entry) : undefined;
  } catch {
    return undefined;
  }
}

function fieldText(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  if (typeof value === "object" && value !== null && "message" in value) return JSON.stringify(value.message);
  return JSON.stringify(value);
}

export function createOutput(stream: NodeJS.WriteStream = process.stdout): Output {
  const pretty = stream.isTTY === true;
  // A reader that went away (`npm start | head`) must not crash the launcher with everything up.
  stream.on("error", () => undefined);
  const color = pretty && !process.env.NO_COLOR;
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const colorOf = new Map<string, string>();
  const tag = (service: string) => {
    if (!colorOf.has(service)) colorOf.set(service, service === "launcher" ? "1" : serviceColors[colorOf.size % serviceColors.length]!);
    return paint(colorOf.get(service)!, service.padEnd(9));
  };
  const line = (service: string, entry: Entry) => {
    const level = typeof entry.level === "string" ? entry.level : "info";
    const time = new Date(typeof entry.time === "string" ? entry.time : Date.now()).toTimeString().slice(0, 8); // local time
    const fields = Object.entries(entry)
      .filter(([k]) => !hidden.has(k))
      .map(([k, v]) => `${paint("90", `${k}=`)}${fieldText(v)}`);
    const stack = (entry.err as { stack?: unknown } | undefined)?.stack;
    const text = [
      paint("90", time),
      tag(service),
      paint(levelColor[level] ?? "0", level.toUpperCase().padEnd(5)),
      typeof entry.msg === "string" ? entry.msg : JSON.stringify(entry.msg ?? ""),
      ...fields,
    ].join(" ");
    return typeof stack === "string" && (level === "error" || level === "fatal") ? `${text}\n${stack}` : text;
  };
  // A progress line on a terminal has no newline yet: anything else printed first ends it.
  let progressShown = false;
  const write = (text: string) => {
    if (progressShown) stream.write("\n");
    progressShown = false;
    stream.write(`${text}\n`);
  };
  const own = (level: Level, msg: string, fields: Entry = {}): Entry => ({ level, time: new Date().toISOString(), service: "launcher", msg, ...fields });
  const asEntry = (service: string, raw: string, from: "stdout" | "stderr"): Entry =>
    parse(raw) ?? { level: from === "stderr" ? "error" : "info", time: new Date().toISOString(), service, msg: raw };
  return {
    pretty,
    log: (level, msg, fields) => write(pretty ? line("launcher", own(level, msg, fields)) : JSON.stringify(own(level, msg, fields))),
    child(service, raw, from) {
      if (raw.trim() === "") return;
      if (pretty) write(line(service, asEntry(service, raw, from)));
      else write(parse(raw) ? raw : JSON.stringify(asEntry(service, raw, from)));
    },
    format: (service, raw) => line(service, asEntry(service, raw, "stdout")),
    banner: (text, msg, fields) => write(pretty ? text : JSON.stringify(own("info", msg, fields))),
    progress(msg, done = false) {
      if (!pretty) return write(JSON.stringify(own("info", msg)));
      stream.write(`\r\x1b[K${line("launcher", own("info", msg))}${done ? "\n" : ""}`);
      progressShown = !done;
    },
  };
}
