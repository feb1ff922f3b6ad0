/**
 * Jobs in the web: a job's state as people read it (Turkish status, progress bar, error), and a
 * hook that polls a job until it ends.
 */
import { useEffect, useState } from "react";
import { api, messageOf, request } from "./api";

export type JobView = Awaited<ReturnType<typeof fetchJob>>;

export const fetchJob = (id: string) => request(api.api.jobs[":id"].$get({ param: { id } }));

export const statusNames: Record<JobView["status"], string> = {
  queued: "Sırada",
  running: "Çalışıyor",
  succeeded: "Tamamlandı",
  failed: "Başarısız",
  canceled: "İptal edildi",
};

/** True while the job may still change. */
export const isActive = (job: Pick<JobView, "status">) => job.status === "queued" || job.status === "running";

/** Polls the job every second until it ends; `job` is null until the first answer. */
export function useJob(id: string | null, initial?: JobView | null): { job: JobView | null; error: string | null } {
  const [job, setJob] = useState<JobView | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await fetchJob(id);
        if (!live) return;
        setJob(next);
        if (isActive(next)) timer = setTimeout(() => void poll(), 1000);
      } catch (failure) {
        if (live) setError(messageOf(failure));
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [id]);
  return { job, error };
}

/** Status, progress bar and, for a failed job, its error (announced to screen readers). */
export function JobState({ job }: { job: JobView }) {
  return (
    <div className={`job-state job-${job.status}`}>
      <div className="job-line">
        <span className="job-status">{statusNames[job.status]}</span>
        <progress max={100} value={job.progress} aria-label={`${job.title}: %${job.progress}`} />
        <span className="mono">%{job.progress}</span>
      </div>
      {job.status === "failed" && job.error && (
        <p className="error" role="alert">
          {job.error}
        </p>
      )}
      {isActive(job) && job.error && <p className="hint">Son deneme başarısız oldu, yeniden denenecek: {job.error}</p>}
    </div>
  );
}
