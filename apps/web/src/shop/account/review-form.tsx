// Writing a review of one order line: a rating, words, and up to 9 photos uploaded first.
import { useId, useState, type FormEvent } from "react";
import { ReviewService } from "@shop/contracts/shop/review/v1/service_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { uploadReviewPhoto, type Uploaded } from "./upload-photo.ts";

export function ReviewForm({ orderId, skuId, onDone }: { orderId: string; skuId: string; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [rating, setRating] = useState(5);
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<Uploaded[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>();
  const create = useRpcMutation(ReviewService.method.createReview, { idempotent: true, onSuccess: onDone });
  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    setUploading(true);
    setUploadError(undefined);
    try {
      for (const file of Array.from(files).slice(0, 9 - photos.length)) {
        const up = await uploadReviewPhoto(file);
        setPhotos((p) => (p.some((x) => x.id === up.id) ? p : [...p, up]));
      }
    } catch (err) {
      setUploadError(err);
    } finally {
      setUploading(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ orderId, skuId, rating, text, photoIds: photos.map((p) => p.id) });
  };
  return (
    <form className="review-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-rating`}>{t("writeReview.rating")}</label>
        <select id={`${id}-rating`} value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {"★".repeat(n)} ({n})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("writeReview.text")}</label>
        <textarea id={`${id}-text`} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-photos`}>{t("writeReview.photos")}</label>
        <input
          id={`${id}-photos`}
          type="file"
          accept="image/*"
          multiple
          disabled={uploading || photos.length >= 9}
          onChange={(e) => void addPhotos(e.target.files)}
        />
      </div>
      {photos.length > 0 && (
        <ul className="thumbs">
          {photos.map((p) => (
            <li key={p.id}>
              <img src={p.thumbnailUrl} alt={t("writeReview.photo")} width={64} height={64} />
              <button type="button" aria-label={t("writeReview.removePhoto")} onClick={() => setPhotos((ps) => ps.filter((x) => x.id !== p.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {uploadError != null && <ErrorBox error={uploadError} />}
      {create.error && <ErrorBox error={create.error} />}
      <button type="submit" className="primary" disabled={create.isPending || uploading}>
        {t("writeReview.submit")}
      </button>
    </form>
  );
}
