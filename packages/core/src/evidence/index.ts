export { attachDemoPhoto, demoPhoto } from "./demo";
export * as Evidence from "./evidence";
