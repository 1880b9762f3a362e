// What the use cases need, built once in app.ts (or cli.ts) and passed in.
import type { Config } from "@shop/kit/config";
import type { Db } from "@shop/kit/db";
import type { UserConfig } from "../config.ts";
import type { Passwords } from "../passwords.ts";
import type { AccessTokens } from "../tokens.ts";

export interface Deps {
  db: Db;
  /** Read `.value` at each use: throttle limits follow config-file edits without a restart. */
  config: Config<UserConfig>;
  passwords: Passwords;
  accessTokens: AccessTokens;
}
