export { teamsPlatform, type TeamsPlatformOptions } from './platform.ts';
export { readTeamsConfig, hasTeamsSettings, TeamsConfigError, type TeamsConfig } from './config.ts';
