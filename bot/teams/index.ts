export { attachTeams, type TeamsSide } from './attach.ts';
export { hasTeamsSettings, TeamsConfigError } from './config.ts';
