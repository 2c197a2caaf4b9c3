export {
  loadCatalog,
  operatorDirsFrom,
  inspectCatalog,
  makeCatalog,
  parseEntryFile,
  entryFiles,
  crossCheck,
  CatalogError,
  BUILT_IN_DIR,
} from './load.ts';
export type { Catalog } from './load.ts';
export { overlaySchema, applyOverlay } from './overlay.ts';
export type { Overlay } from './overlay.ts';
export * from './schema.ts';
