// `shop certs --out <dir> [--services a,b] [--host h ...]`: a local CA for a cluster and one
// certificate per service, for mutual TLS between services (SHOP_TLS_*). Each certificate names its
// service (SAN DNS), plus localhost, 127.0.0.1 and every --host, and serves as server and client
// certificate. A CA already in the folder is reused, so certificates issued later join the same
// cluster. Keys are ECDSA P-256, written 0600. Made with @peculiar/x509 on Node's WebCrypto: no
// openssl binary needed, runs wherever Node does.
import { randomBytes, webcrypto } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import "reflect-metadata"; // @peculiar/x509's dependency injection (tsyringe) needs it loaded first
import * as x509 from "@peculiar/x509";
import { deployables } from "@shop/kit/platform";

type CryptoKey = webcrypto.CryptoKey;
x509.cryptoProvider.set("default", webcrypto as Parameters<typeof x509.cryptoProvider.set>[1]);

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const day = 86_400_000;

export interface IssuedFiles {
  ca: string;
  /** Per service: its certificate and key files. */
  services: Record<string, { cert: string; key: string }>;
}

/** A positive serial of 16 random bytes (RFC 5280: at most 20 octets, unpredictable). */
const serial = () => {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f;
  return bytes.toString("hex");
};

const pemKey = async (key: CryptoKey) => x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
const newKeys = () => webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);

async function loadOrCreateCa(dir: string, name: string): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const certFile = join(dir, "ca.pem");
  const keyFile = join(dir, "ca-key.pem");
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = new x509.X509Certificate(readFileSync(certFile, "utf8"));
    const der = x509.PemConverter.decodeFirst(readFileSync(keyFile, "utf8"));
    const key = await webcrypto.subtle.importKey("pkcs8", der, algorithm, true, ["sign"]);
    return { cert, key };
  }
  const keys = await newKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}`,
    notBefore: new Date(now - day),
    notAfter: new Date(now + 3650 * day),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeFileSync(keyFile, await pemKey(keys.privateKey), { mode: 0o600 });
  writeFileSync(certFile, cert.toString("pem"));
  return { cert, key: keys.privateKey };
}

/** Issues (or reissues) the certificates of `services` into `dir`, under the CA found there or a new one. */
export async function issueCertificates(opts: { dir: string; services: string[]; hosts?: string[]; caName?: string }): Promise<IssuedFiles> {
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(dir, opts.caName ?? "Shop local CA");
  const hosts = [...new Set(["localhost", "127.0.0.1", ...(opts.hosts ?? [])])];
  const issued: IssuedFiles = { ca: join(dir, "ca.pem"), services: {} };
  for (const service of opts.services) {
    const keys = await newKeys();
    const now = Date.now();
    const names = [service, ...hosts.filter((h) => h !== service)].map((value) => ({ type: isIP(value) ? ("ip" as const) : ("dns" as const), value }));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${service}`,
      issuer: ca.cert.subject,
      notBefore: new Date(now - day),
      notAfter: new Date(now + 825 * day),
      signingAlgorithm: algorithm,
      publicKey: keys.publicKey,
      signingKey: ca.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension(names),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const files = { cert: join(dir, `${service}.pem`), key: join(dir, `${service}-key.pem`) };
    writeFileSync(files.key, await pemKey(keys.privateKey), { mode: 0o600 });
    writeFileSync(files.cert, cert.toString("pem"));
    issued.services[service] = files;
  }
  return issued;
}

export async function certsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, services: { type: "string" }, host: { type: "string", multiple: true } },
  });
  if (!values.out) {
    process.stderr.write("usage: npm run shop -- certs --out <dir> [--services user,product,...] [--host <name or IP> ...]\n");
    return 2;
  }
  const services = values.services
    ? values.services
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : deployables;
  const invalid = services.filter((s) => !/^[a-z][a-z0-9-]{0,62}$/.test(s));
  if (invalid.length) {
    process.stderr.write(`not a service name: ${invalid.join(", ")}\n`);
    return 2;
  }
  const issued = await issueCertificates({ dir: values.out, services, hosts: values.host });
  process.stdout.write(`CA: ${issued.ca}\n`);
  for (const [service, files] of Object.entries(issued.services)) process.stdout.write(`${service}: ${files.cert} ${files.key}\n`);
  process.stdout.write(`\nFor each process: SHOP_TLS_CA_FILE=${issued.ca} SHOP_TLS_CERT_FILE=<dir>/<service>.pem SHOP_TLS_KEY_FILE=<dir>/<service>-key.pem\n`);
  return 0;
}
