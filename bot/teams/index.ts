export { attachTeams, type TeamsSide } from './attach.ts';
export { mountTeams, createTeamsAdapter, TEAMS_PATH, type TeamsDeps } from './mount.ts';
export { readTeamsConfig, hasTeamsSettings, isLoopback, TeamsConfigError, type TeamsConfig } from './config.ts';
export { TeamsBot, type TeamsBotDeps } from './bot.ts';
export { startPlayground, playgroundWanted, type Playground } from './playground.ts';
