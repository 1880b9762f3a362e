// Follow an upcoming sale: the shopper is told in their messages shortly before it starts.
import { useState } from "react";
import { Link } from "react-router";
import { FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useSession } from "../../auth/session.tsx";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { remembered } from "./remember.ts";

export function Follow({ saleId }: { saleId: string }) {
  const t = useT();
  const { signedIn, user } = useSession();
  const userId = user?.id ?? "";
  const [following, setFollowing] = useState(() => userId !== "" && remembered.following(userId, saleId));
  const done = (on: boolean) => {
    remembered.setFollowing(userId, saleId, on);
    setFollowing(on);
  };
  const follow = useRpcMutation(FlashSaleService.method.followFlashSale, { onSuccess: (r) => done(r.following) });
  const unfollow = useRpcMutation(FlashSaleService.method.unfollowFlashSale, { onSuccess: (r) => done(r.following) });
  if (!signedIn) return <Link to={`/signin?needed=1&next=${encodeURIComponent(`/flash-sales/${saleId}`)}`}>{t("sale.signInToFollow")}</Link>;
  if (!user) return null;
  return (
    <div>
      {following ? (
        <>
          <p className="muted" role="status">
            {t("sale.following")}
          </p>
          <button type="button" disabled={unfollow.isPending} onClick={() => unfollow.mutate({ saleId })}>
            {t("sale.unfollow")}
          </button>
        </>
      ) : (
        <button type="button" disabled={follow.isPending} onClick={() => follow.mutate({ saleId })}>
          {t("sale.follow")}
        </button>
      )}
      {(follow.error ?? unfollow.error) && <ErrorBox error={follow.error ?? unfollow.error} />}
    </div>
  );
}
