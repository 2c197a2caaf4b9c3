export { loadCatalog, makeCatalog, parseEntryFile, entryFiles, crossCheck, CatalogError, BUILT_IN_DIR } from './load.ts';
export type { Catalog } from './load.ts';
export * from './schema.ts';
