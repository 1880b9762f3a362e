// AuthService: registration, sessions and the JWKS.
import type { ServiceImpl } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import { login } from "../usecases/login.ts";
import { logout } from "../usecases/logout.ts";
import { refresh } from "../usecases/refresh.ts";
import { register } from "../usecases/register.ts";
import type { Deps } from "../usecases/deps.ts";
import { clientIpOf, toTokenPair, toUser } from "./mapping.ts";

export function authService(d: Deps): ServiceImpl<typeof userv1.AuthService> {
  return {
    async register(req, ctx) {
      const { user, tokens } = await register(d, { ...req, clientIp: clientIpOf(ctx) });
      return { user: toUser(user), tokens: toTokenPair(tokens) };
    },
    async login(req, ctx) {
      return toTokenPair(await login(d, { login: req.login, password: req.password, clientIp: clientIpOf(ctx) }));
    },
    async refresh(req) {
      return toTokenPair(await refresh(d, req.refreshToken));
    },
    async logout(req) {
      await logout(d, req.refreshToken);
      return {};
    },
    getJwks() {
      return { keys: d.accessTokens.jwks().keys.map((k) => ({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use })) };
    },
  };
}
