export { loadCatalog, operatorDirsFrom, inspectCatalog, CatalogError, BUILT_IN_DIR } from './load.ts';
export type { Catalog } from './load.ts';
export * from './schema.ts';
