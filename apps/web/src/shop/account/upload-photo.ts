// A review photo through the gateway's file route (not a proto route: the raw image bytes are the
// body, `POST /api/v1/files?purpose=review`); answers the file's id for CreateReview's photo_ids.
import { errorFrom } from "../../api/error.ts";
import { session } from "../../auth/tokens.ts";

export interface Uploaded {
  id: string;
  url: string;
  thumbnailUrl: string;
}

interface FileAnswer {
  file: { id: string; url: string; variants?: { size: number; url: string }[] };
}

export async function uploadReviewPhoto(file: File): Promise<Uploaded> {
  const send = async (token: string | undefined) =>
    fetch("/api/v1/files?purpose=review", {
      method: "POST",
      headers: { accept: "application/json", "content-type": file.type || "application/octet-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  let res = await send(await session.accessToken());
  if (res.status === 401) res = await send(await session.refresh());
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) throw errorFrom(res.status, body);
  const f = (body as FileAnswer).file;
  return { id: f.id, url: f.url, thumbnailUrl: f.variants?.find((v) => v.size === 160)?.url ?? f.url };
}
