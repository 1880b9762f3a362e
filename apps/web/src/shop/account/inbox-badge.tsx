// The header's messages link with the unread count, asked again every 30 s.
import { NavLink } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { NotificationService } from "@shop/contracts/shop/notification/v1/notification_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useSignedIn } from "../../auth/session.tsx";
import { useT } from "../../i18n/i18n.tsx";

export function InboxBadge() {
  const t = useT();
  const signedIn = useSignedIn();
  const unread = useQuery({ ...rpcQuery(NotificationService.method.getUnreadCount, {}), enabled: signedIn, refetchInterval: 30_000 });
  if (!signedIn) return null;
  const n = unread.data?.unread ?? 0;
  return (
    <NavLink to="/account/inbox" aria-label={n > 0 ? t("inbox.linkUnread", { n }) : t("nav.inbox")}>
      {t("nav.inbox")}
      {n > 0 && (
        <span className="badge count" data-testid="unread">
          {n > 99 ? "99+" : n}
        </span>
      )}
    </NavLink>
  );
}
