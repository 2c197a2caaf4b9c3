export { loadCatalog, inspectCatalog } from './load.ts';
export { operatorDirsFrom, CatalogError, BUILT_IN_DIR, type Catalog } from './catalog.ts';
export * from './schema.ts';
