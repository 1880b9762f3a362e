// My messages, newest first, page by page: mark one read (opening what it is about) or all read.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { NotificationService, NotificationType, type Notification } from "@shop/contracts/shop/notification/v1/notification_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <Inbox />
    </SignedIn>
  );
}

/** Where a message's subject lives in the app. */
function subjectPath(n: Notification): string | undefined {
  if (!n.subjectId) return undefined;
  switch (n.type) {
    case NotificationType.ORDER_PAID:
    case NotificationType.ORDER_SHIPPED:
    case NotificationType.ORDER_DELIVERED:
    case NotificationType.ORDER_REFUNDED:
    case NotificationType.ORDER_PAYMENT_TIMEOUT:
      return `/account/orders/${n.subjectId}`;
    case NotificationType.COUPON_EXPIRING:
      return "/account/coupons";
    case NotificationType.FLASH_SALE_STARTING:
      return `/flash-sales/${n.subjectId}`;
    case NotificationType.UNSPECIFIED:
      return undefined;
  }
}

function Inbox() {
  const t = useT();
  const f = useFormat();
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(NotificationService.method.listNotifications, { pageSize: 20, pageToken: pages.token }));
  const markOne = useRpcMutation(NotificationService.method.markNotificationRead);
  const markAll = useRpcMutation(NotificationService.method.markAllNotificationsRead);
  return (
    <section>
      <div className="row">
        <h1>{t("nav.inbox")}</h1>
        <button type="button" disabled={markAll.isPending} onClick={() => markAll.mutate({})}>
          {t("inbox.markAll")}
        </button>
      </div>
      {(markOne.error ?? markAll.error) && <ErrorBox error={markOne.error ?? markAll.error} />}
      <Async query={list}>
        {(data) =>
          data.notifications.length === 0 ? (
            <p className="muted">{t("inbox.none")}</p>
          ) : (
            <>
              <ul className="inbox">
                {data.notifications.map((n) => {
                  const to = subjectPath(n);
                  return (
                    <li key={n.id} className={n.read ? "card" : "card unread"}>
                      <h2>
                        {!n.read && <span className="badge">{t("inbox.new")}</span>} {n.title}
                      </h2>
                      <p>{n.body}</p>
                      <div className="row">
                        <time className="muted">{f.dateTime(n.createdAt)}</time>
                        {to && (
                          <Link to={to} onClick={() => !n.read && markOne.mutate({ notificationId: n.id })}>
                            {t("inbox.open")}
                          </Link>
                        )}
                        {!n.read && (
                          <button
                            type="button"
                            className="link"
                            aria-label={t("inbox.markReadNamed", { title: n.title })}
                            onClick={() => markOne.mutate({ notificationId: n.id })}
                          >
                            {t("inbox.markRead")}
                          </button>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
              <Pager pages={pages} nextToken={data.nextPageToken} />
            </>
          )
        }
      </Async>
    </section>
  );
}
