// The header's messages link. (Account area: the unread count badge.)
import { NavLink } from "react-router";
import { useSignedIn } from "../../auth/session.tsx";
import { useT } from "../../i18n/i18n.tsx";

export function InboxBadge() {
  const t = useT();
  if (!useSignedIn()) return null;
  return <NavLink to="/account/inbox">{t("nav.inbox")}</NavLink>;
}
