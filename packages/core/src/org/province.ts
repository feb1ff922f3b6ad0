import * as z from "zod";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import type { Page } from "../util/page";
import { provinces } from "./provinces";

/** Plate code, two digits "01".."81"; it is also the province's scope id. */
export const Code = z.string().regex(/^(0[1-9]|[1-7]\d|8[01])$/, { message: "İl kodu 01–81 arası iki haneli olmalı." });

export const Info = z.object({ code: Code, name: z.string() }).meta({ id: "Province" });
export type Info = z.infer<typeof Info>;

const byCode = new Map(provinces.map((p) => [p.code, p]));

/** All 81 provinces in plate order. Static reference data; public. */
export function list(): Page<Info> {
  return { items: [...provinces], cursor: null };
}

/** Province by plate code, or a 404. */
export const get = fn(Code, (code): Info => {
  const province = byCode.get(code);
  if (!province) throw new VisibleError("not_found", "province_not_found", "İl bulunamadı.");
  return province;
});
