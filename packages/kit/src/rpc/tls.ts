// Mutual TLS between services, when certificates are configured (tls.caFile/certFile/keyFile):
// servers accept only clients with a certificate from the cluster's CA, and clients accept only a
// server whose CA-signed certificate names the service they meant to call. An instance that
// someone registered in etcd without such a certificate gets no request: no internal token, no
// password. Without certificates (the embedded profile) calls stay h2c.
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkServerIdentity, type ConnectionOptions, type TlsOptions } from "node:tls";

/** The PEM bytes of the cluster's CA bundle and of this process's certificate and key. */
export interface TlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** Reads a PEM file, naming the config key when it cannot. */
export function readPem(key: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${key}: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * This process's TLS material for `service`, or undefined when no file is configured. A partial
 * setting, or a certificate that does not name the service (its callers would refuse every call),
 * stops the start.
 */
export function loadTls(files: TlsFiles, service: string): TlsMaterial | undefined {
  const given = [files.caFile, files.certFile, files.keyFile].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 3) throw new Error("tls: set caFile, certFile and keyFile together (SHOP_TLS_CA_FILE, SHOP_TLS_CERT_FILE, SHOP_TLS_KEY_FILE)");
  const material = { ca: readPem("tls.caFile", files.caFile), cert: readPem("tls.certFile", files.certFile), key: readPem("tls.keyFile", files.keyFile) };
  const cert = new X509Certificate(material.cert);
  if (!cert.checkHost(service)) throw new Error(`tls.certFile: the certificate (${cert.subject.replace(/\n/g, ", ")}) does not name the service "${service}"`);
  return material;
}

/** A server's side: only clients whose certificate the cluster's CA signed get past the handshake. */
export function serverTlsOptions(material: TlsMaterial): TlsOptions {
  return { ca: material.ca, cert: material.cert, key: material.key, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2" };
}

/** A client's side, calling `service`: the server's certificate must come from the CA and name that service. */
export function clientTlsOptions(material: TlsMaterial, service: string): ConnectionOptions {
  return {
    ca: material.ca,
    cert: material.cert,
    key: material.key,
    minVersion: "TLSv1.2",
    // The registry says where an instance is; only its certificate says what it is. So the name
    // checked is the service's, whatever address the instance was listed at.
    checkServerIdentity: (_host, cert) => checkServerIdentity(service, cert),
  };
}
