// argon2id hashing. Logins for unknown users verify against a dummy hash made with the same
// parameters, so the response time does not tell whether an account exists.
import { randomBytes } from "node:crypto";
import { argon2id, hash, needsRehash, verify, type HashOptions } from "argon2";

export interface Argon2Params {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

export interface Passwords {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the time of one verify and fails; for logins naming no account. */
  verifyDummy(password: string): Promise<false>;
  needsRehash(passwordHash: string): boolean;
}

export async function createPasswords(params: Argon2Params): Promise<Passwords> {
  const options: HashOptions = { type: argon2id, memoryCost: params.memoryKib, timeCost: params.timeCost, parallelism: params.parallelism };
  const hashPassword = (password: string) => hash(password, options);
  const dummy = await hashPassword(randomBytes(16).toString("hex"));
  return {
    hash: hashPassword,
    verify: (passwordHash, password) => verify(passwordHash, password),
    verifyDummy: async (password) => {
      await verify(dummy, password);
      return false;
    },
    needsRehash: (passwordHash) => needsRehash(passwordHash, options),
  };
}
