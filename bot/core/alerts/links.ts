import type { Place } from '../types.ts';

/**
 * A link to an alert's thread, for `open`. Both platforms have stable URL shapes for a
 * message; a link that needs the workspace domain (Slack) uses the app_redirect form.
 */
export function threadLink(place: Place, rootId: string): string {
  if (place.platform === 'slack') return `https://slack.com/archives/${place.channel}/p${rootId.replace('.', '')}`;
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(place.channel)}/${encodeURIComponent(rootId)}`;
}
