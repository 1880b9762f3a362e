// Pages of a signed-in shopper: a guest is sent to sign in, and brought back here afterwards.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSignedIn } from "../../auth/session.tsx";

export function SignedIn({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?needed=1&next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
