/**
 * Demo evidence for the local runtime: a small generated photo uploaded the way a browser does
 * (presigned POST to the bucket) and checked by the same `verify` the bucket event runs, so demo
 * activities show real thumbnails and the pipeline is exercised on every fresh start.
 */
import sharp from "sharp";
import { bucket } from "../storage";
import { presign } from "./evidence";
import type { Outcome } from "./internal";
import { verify } from "./system";

/** A 480×320 JPEG of two colour bands; `seed` picks the colours, so each photo has its own hash. */
export async function demoPhoto(seed: number): Promise<Buffer> {
  const hue = (seed * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
    <rect width="480" height="320" fill="hsl(${hue},55%,70%)"/>
    <rect y="200" width="480" height="120" fill="hsl(${(hue + 150) % 360},45%,45%)"/>
    <circle cx="${80 + ((seed * 37) % 320)}" cy="110" r="48" fill="hsl(${(hue + 60) % 360},80%,60%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}

/**
 * Uploads a demo photo to an editable activity as the current (signed-in) user and verifies it.
 * Returns the verification outcome (`ready` when the pipeline accepted it).
 */
export async function attachDemoPhoto(activityId: string, seed: number): Promise<Outcome> {
  const bytes = await demoPhoto(seed);
  const fileName = `ornek-fotograf-${seed}.jpg`;
  const { upload } = await presign({ activityId, fileName, contentType: "image/jpeg", size: bytes.length });
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), fileName);
  const res = await fetch(upload.url, { method: "POST", body: form });
  if (!res.ok) throw new Error(`demo upload failed: ${res.status} ${await res.text()}`);
  const key = upload.fields.key;
  if (!key) throw new Error("demo upload: presigned POST without a key");
  return verify(bucket(), key);
}
