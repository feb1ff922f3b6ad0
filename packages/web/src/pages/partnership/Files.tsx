/**
 * Files of a meeting or a material: the list with download links (a short presigned GET the API
 * hands out per click) and, when the server allows it, an upload form (presigned POST straight
 * to the bucket, as activity evidence does; the bucket event verifies the file).
 */
import { type FormEvent, useState } from "react";
import { type ContentType, contentTypes, mb, types, uploadToS3 } from "../../activity";
import { messageOf } from "../../api";
import { formatDate } from "../../format";
import { FileInput } from "../../inputs";
import { Alert } from "../../ui";

/** A file as the API lists it on a meeting or material. */
export type PartnershipFile = {
  id: string;
  fileName: string;
  size: number;
  status: "pending" | "ready" | "rejected";
  rejectReason?: string;
  uploadedByName: string;
  createdAt: string;
};

export type FileMeta = {
  fileName: string;
  contentType: ContentType;
  size: number;
  identifiableStudents: boolean;
  consent?: { confirmed: true };
};

const fileStatus = { pending: "Doğrulanıyor…", ready: "", rejected: "Reddedildi" } as const;
const accept = contentTypes.join(",");

export function FileList({
  files,
  download,
}: {
  files: readonly PartnershipFile[] | undefined;
  download(fileId: string): Promise<{ url: string }>;
}) {
  const [error, setError] = useState<string | null>(null);
  if (!files?.length) return null;
  const open = async (fileId: string) => {
    setError(null);
    try {
      window.location.assign((await download(fileId)).url);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <>
      <ul className="file-list">
        {files.map((f) => (
          <li key={f.id}>
            {f.status === "ready" ? (
              <button type="button" className="link" onClick={() => void open(f.id)}>
                {f.fileName}
              </button>
            ) : (
              <span>{f.fileName}</span>
            )}{" "}
            <span className="muted">
              ({mb(f.size)}, {f.uploadedByName}, {formatDate(f.createdAt)}) {fileStatus[f.status]}
              {f.rejectReason ? `: ${f.rejectReason}` : ""}
            </span>
          </li>
        ))}
      </ul>
      <Alert text={error} />
    </>
  );
}

/** Picks a file, checks type and size, asks the API for a presigned POST and sends the file there. */
export function FileUpload({
  id,
  presign,
  onUploaded,
}: {
  id: string;
  presign(meta: FileMeta): Promise<{ upload: { url: string; fields: Record<string, string> } }>;
  onUploaded(): Promise<void>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [identifiable, setIdentifiable] = useState(false);
  const [consent, setConsent] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!file) return setError("Bir dosya seçin.");
    const type = types[file.type as ContentType];
    if (!type) return setError("Yalnızca JPEG, PNG, WebP, HEIC fotoğraf, PDF belge ve MP4 video yüklenebilir.");
    if (file.size > type.maxBytes) return setError(`${type.label} dosyaları en çok ${mb(type.maxBytes)} olabilir.`);
    if (identifiable && !consent) return setError("Velilerin yazılı izninin alındığını onaylayın.");
    const form = event.target as HTMLFormElement;
    try {
      setProgress(0);
      const { upload } = await presign({
        fileName: file.name,
        contentType: file.type as ContentType,
        size: file.size,
        identifiableStudents: identifiable,
        ...(identifiable ? { consent: { confirmed: true as const } } : {}),
      });
      await uploadToS3(upload, file, setProgress);
      setFile(null);
      setIdentifiable(false);
      setConsent(false);
      setProgress(null);
      form.reset();
      await onUploaded();
    } catch (failure) {
      setProgress(null);
      setError(failure instanceof Error && !("status" in failure) ? failure.message : messageOf(failure));
    }
  };

  return (
    <form className="form upload" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-file`}>
          Dosya ekle <span className="hint">(fotoğraf, PDF ya da MP4)</span>
        </label>
        <FileInput id={`${id}-file`} accept={accept} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <label className="check">
        <input type="checkbox" checked={identifiable} onChange={(e) => setIdentifiable(e.target.checked)} />
        Görselde öğrenciler tanınabiliyor
      </label>
      {identifiable && (
        <label className="check">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          Velilerin yazılı izni alındı (onayınız kaydedilir)
        </label>
      )}
      {progress !== null && (
        <div className="progress">
          <progress max={100} value={progress} aria-label="Yükleme ilerlemesi" />
          <span>%{progress}</span>
        </div>
      )}
      <Alert text={error} />
      <button type="submit" className="secondary" disabled={progress !== null}>
        Yükle
      </button>
    </form>
  );
}
