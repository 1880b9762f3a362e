// Which photos a review may carry: only files its author uploaded for a review. What is kept with
// the review is each photo's URL and its smallest variant's, so reading a review needs no file service.
import { photoNotOwned } from "./errors.ts";

export interface StoredFile {
  id: string;
  url: string;
  variants: { size: number; url: string }[];
  uploads: { userId: string; forReview: boolean }[];
}

export interface ReviewPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
}

/**
 * The photos of `photoIds`, in that order, or REVIEW_PHOTO_NOT_OWNED for the first that `userId`
 * did not upload for a review. A file unknown and a file of someone else's answer the same, so the
 * answer does not tell whether others uploaded an image.
 */
export function ownPhotos(userId: string, photoIds: string[], files: StoredFile[]): ReviewPhoto[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  return photoIds.map((id) => {
    const file = byId.get(id);
    if (!file?.uploads.some((u) => u.userId === userId && u.forReview)) throw photoNotOwned(id);
    const smallest = [...file.variants].sort((a, b) => a.size - b.size)[0];
    return { id, url: file.url, thumbnailUrl: smallest?.url ?? file.url };
  });
}
