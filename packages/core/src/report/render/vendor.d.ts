declare module "svg-to-pdfkit" {
  type Options = {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    fontCallback?: (family: string, bold: boolean, italic: boolean, options: Record<string, unknown>) => string;
    warningCallback?: (message: string) => void;
  };
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Options): void;
}

// ECharts' side-effect entries (each registers one chart or component with `echarts/core`).
declare module "echarts/lib/chart/bar";
declare module "echarts/lib/component/gridSimple";
declare module "echarts/lib/component/title";
declare module "echarts/lib/component/legendPlain";
