// The signed-in session's tokens, kept in localStorage so a reload or a new tab stays signed in.
// The access token lives minutes; the refresh token (rotated on every use by the user service) gets
// a new one shortly before it expires, or when a call is answered 401. Refreshes are single-flight:
// two tabs or ten parallel queries never spend the same refresh token twice from this tab.
// Trade-off, said in docs/web.md: a script injected into the page could read them; the app's CSP
// allows only its own scripts.
const key = "shop.session";
const refreshPath = "/api/v1/auth/refresh";

/** What Register, Login and Refresh answer (a TokenPair), as the session needs it. */
export interface Pair {
  accessToken: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn: number;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  accessExpiresAt: number;
}

type Listener = () => void;

function load(): Tokens | undefined {
  try {
    const raw = localStorage.getItem(key);
    const t = raw ? (JSON.parse(raw) as Tokens) : undefined;
    return t && typeof t.accessToken === "string" && typeof t.refreshToken === "string" ? t : undefined;
  } catch {
    return undefined;
  }
}

function createSession() {
  let tokens = load();
  let refreshing: Promise<string | undefined> | undefined;
  const listeners = new Set<Listener>();
  const expiredListeners = new Set<Listener>();
  const emit = () => listeners.forEach((l) => l());
  const save = (t: Tokens | undefined) => {
    tokens = t;
    if (t) localStorage.setItem(key, JSON.stringify(t));
    else localStorage.removeItem(key);
    emit();
  };
  // Another tab signed in, refreshed or signed out.
  if (typeof window !== "undefined") {
    window.addEventListener("storage", (e) => {
      if (e.key !== key) return;
      tokens = load();
      emit();
    });
  }

  async function refresh(): Promise<string | undefined> {
    const current = tokens;
    if (!current) return undefined;
    refreshing ??= (async () => {
      try {
        const res = await fetch(refreshPath, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        });
        if (!res.ok) {
          // Another tab may have rotated it first: take what it stored.
          const stored = load();
          if (stored && stored.refreshToken !== current.refreshToken) {
            tokens = stored;
            return stored.accessToken;
          }
          if (res.status === 401 || res.status === 400) save(undefined);
          return undefined;
        }
        const pair = (await res.json()) as Pair;
        return setFromPair(pair).accessToken;
      } catch {
        return undefined; // offline: keep the session; the next call tries again
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  function setFromPair(pair: Pair): Tokens {
    const t: Tokens = { accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: Date.now() + pair.expiresIn * 1000 };
    save(t);
    return t;
  }

  return {
    get: () => tokens,
    signedIn: (): boolean => tokens !== undefined,
    /** The access token, refreshed first when it ends within 30 s; undefined for a guest. */
    async accessToken(): Promise<string | undefined> {
      if (!tokens) return undefined;
      if (tokens.accessExpiresAt - Date.now() < 30_000) return (await refresh()) ?? tokens?.accessToken;
      return tokens.accessToken;
    },
    refresh,
    /** Stores the TokenPair of Register, Login or Refresh. */
    setFromPair,
    clear: () => save(undefined),
    /** The session could not be refreshed: forget it and tell the app to ask for a sign-in. */
    expire() {
      save(undefined);
      expiredListeners.forEach((l) => l());
    },
    subscribe: (l: Listener) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    onExpired(l: Listener) {
      expiredListeners.add(l);
      return () => void expiredListeners.delete(l);
    },
  };
}

export const session = createSession();
