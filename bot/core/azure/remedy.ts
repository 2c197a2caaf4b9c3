import type { Entry } from '../../../catalog/index.ts';
import type { CoreDeps } from '../deps.ts';

/** The catalog entry Azure's error code names, when the code is one the catalog knows literally. */
export function entryForCode(deps: Pick<CoreDeps, 'catalog' | 'classifier'>, code: string): Entry | undefined {
  const [id] = deps.classifier.classify(code, 'direct').found;
  return id === undefined ? undefined : deps.catalog.get(id);
}
