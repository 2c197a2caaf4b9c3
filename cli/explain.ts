import type { Catalog } from '../catalog/index.ts';
import type { Classification, Classifier } from '../intents/index.ts';
import { renderEntry } from './render-entry.ts';

/**
 * `explain`: what the bot would answer to a direct question, as terminal text. Rendered from
 * the classification and the entry; the conversation core's reply model may replace this.
 */

const HANA_DOCS = 'https://learn.microsoft.com/azure/backup/backup-azure-sap-hana-database-troubleshoot';
/** Below this a candidate is noise, not a "did you mean". */
const CANDIDATE_FLOOR = 0.25;
const MAX_ENTRIES = 3;

function candidates(result: Classification, catalog: Catalog): string[] {
  return result.matches
    .filter((m) => m.score >= CANDIDATE_FLOOR || result.unknownCodes.length > 0)
    .slice(0, 3)
    .map((m) => `  - ${m.id}: ${catalog.get(m.id)?.title ?? ''}`);
}

export function explain(text: string, classifier: Classifier, catalog: Catalog): string {
  const result = classifier.classify(text, 'direct');
  const out: string[] = [];
  if (result.truncated) out.push('(The text was long: its start and end were read in full, the middle only searched for error codes.)', '');
  // The bot's order: entries the text names come first, even beside an SAP HANA code.
  const ids = result.found.length > 0 ? result.found : result.trigger ? result.matches.slice(0, 1).map((m) => m.id) : [];
  if (ids.length > 0) {
    const entries = ids.slice(0, MAX_ENTRIES).flatMap((id) => catalog.get(id) ?? []);
    if (ids.length > MAX_ENTRIES) out.push(`The text names ${ids.length} errors: ${ids.join(', ')}; the first ${MAX_ENTRIES} are shown below (explain one code for the others).`, '');
    else if (ids.length > 1) out.push(`The text names ${ids.length} errors: ${ids.join(', ')}.`, '');
    out.push(entries.map(renderEntry).join(`\n\n${'-'.repeat(60)}\n\n`));
    return out.join('\n');
  }
  if (result.foreign) {
    out.push(
      `${result.foreign.codes.join(', ')}: this is an SAP HANA error, not a SQL Server one.`,
      'SAP HANA databases share the Azure Backup workload extension, but this catalog covers SQL Server only.',
      `See the SAP HANA troubleshooting guide: ${HANA_DOCS}`,
    );
    return out.join('\n');
  }
  if (result.unknownCodes.length > 0) {
    out.push(`${result.unknownCodes.join(', ')}: not in the catalog.`);
    const near = candidates(result, catalog);
    if (near.length > 0) out.push('Nearest entries:', ...near);
    return out.join('\n');
  }
  const near = candidates(result, catalog);
  if (near.length > 0) {
    out.push('Not sure which error this is. Did you mean:', ...near);
    return out.join('\n');
  }
  out.push('Nothing in the catalog matches that. Paste the error code or the message from the portal, PowerShell or the alert.');
  return out.join('\n');
}
