// `node --import ./testkit/loaded-modules.mjs`: appends the URL of every ES module the process
// resolves to the file named by LOADED_MODULES_FILE, so a test can see what a real start loads.
import { register } from 'node:module';

register('./loaded-modules-hooks.mjs', import.meta.url, { data: { file: process.env.LOADED_MODULES_FILE } });
