// `npm run deploy:generate [folder]`: writes every generated deployment file under the folder (the
// repository by default). test/deploy.test.ts generates into a temporary folder and compares.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { composeFile, prometheusConfig } from "./compose.ts";
import { header } from "./description.ts";
import { dockerfile, dockerignore } from "./dockerfile.ts";
import { base, dev, prod, type Files } from "./k8s-kustomize.ts";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const yaml = (docs: object[], source: string) => `# ${header(source)}\n` + docs.map((d) => stringify(d, { lineWidth: 0, sortMapEntries: false })).join("---\n");

/** Path (relative to the repository) → content. */
export function generate(repo = repoRoot): Record<string, string> {
  const out: Record<string, string> = {
    "deploy/compose.yaml": yaml([composeFile()], "compose.ts"),
    "deploy/compose/prometheus.yml": yaml([prometheusConfig()], "compose.ts"),
    Dockerfile: dockerfile(repo),
    ".dockerignore": dockerignore(),
  };
  const tree = (dir: string, files: Files) => {
    for (const [name, docs] of Object.entries(files)) out[`${dir}/${name}`] = yaml(docs, "k8s-kustomize.ts");
  };
  tree("deploy/k8s/base", base());
  tree("deploy/k8s/overlays/dev", dev());
  tree("deploy/k8s/overlays/prod", prod());
  return out;
}

export function writeGenerated(into: string, repo = repoRoot): string[] {
  const files = generate(repo);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(into, path)), { recursive: true });
    writeFileSync(join(into, path), text);
  }
  return Object.keys(files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const into = resolve(process.argv[2] ?? repoRoot);
  const written = writeGenerated(into);
  console.log(`deploy: ${written.length} file(s) written under ${into}`);
}
