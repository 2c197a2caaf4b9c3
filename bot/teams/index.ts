export { teamsPlatform } from './platform.ts';
