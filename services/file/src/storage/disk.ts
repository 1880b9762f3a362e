// Blobs as files under one folder, sharded by the name's first two characters so no folder grows
// huge. A write goes to a temporary file renamed into place, so a reader never sees half a file.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BlobStore } from "./port.ts";

// Names come from the service itself, but a path is built from them: nothing that can leave the folder.
const safeName = /^[0-9a-z][0-9a-z.-]{1,126}$/;

export function createDiskStore(dir: string): BlobStore {
  const pathOf = (name: string) => {
    if (!safeName.test(name) || name.includes("..")) throw new Error(`disk store: bad name ${JSON.stringify(name)}`);
    return join(dir, name.slice(0, 2), name);
  };
  return {
    async put(name, bytes) {
      const path = pathOf(name);
      await mkdir(join(dir, name.slice(0, 2)), { recursive: true });
      const temp = `${path}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    },
    async get(name) {
      try {
        return await readFile(pathOf(name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw err;
      }
    },
    async delete(name) {
      await rm(pathOf(name), { force: true });
    },
    async ping() {
      await mkdir(dir, { recursive: true });
      await stat(dir);
    },
    close() {},
  };
}
