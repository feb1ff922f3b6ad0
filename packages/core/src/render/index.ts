import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Paths of the TrueType fonts every generated PDF embeds (certificates, reports, partnership
 * reports). DejaVu Sans covers ğüşıöçİĞÜŞÖÇ; PDF standard fonts (Helvetica) do not.
 * Resolved through the package so tests, the local runtime and job bundles agree; a job bundle
 * that inlines code must copy `dejavu-fonts-ttf/ttf/*.ttf` beside itself (infra does).
 */
export const fonts = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  mono: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf"),
} as const;
