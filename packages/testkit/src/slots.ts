// A cross-process semaphore for test files: at most `slots` holders at once on this machine. The
// whole-shop test files (seven processes, their pools and bus connections each) take one, so the
// parallel test run never has more of them up than PostgreSQL's connections and two cores carry.
// A slot is a file created exclusively (O_EXCL) holding the holder's pid; a holder that died
// without releasing leaves a file whose pid is gone, which the next taker removes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleep } from "./wait.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

function tryTake(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    let holder: number;
    try {
      holder = Number(readFileSync(file, "utf8")) || 0;
    } catch {
      return false; // released meanwhile: the next look takes it
    }
    if (holder && !alive(holder)) rmSync(file, { force: true }); // its holder is gone: free it for the next look
    return false;
  }
}

/** Waits for one of `slots` slots named `name`; resolves with its release. */
export async function takeSlot(name: string, slots: number): Promise<() => void> {
  const dir = join(tmpdir(), `shop-test-slots-${name}`);
  mkdirSync(dir, { recursive: true });
  for (;;) {
    for (let i = 0; i < slots; i++) {
      const file = join(dir, `slot-${i}`);
      if (tryTake(file)) return () => rmSync(file, { force: true });
    }
    await sleep(500);
  }
}
