/**
 * Acting on Azure from the card (AZURE_ACTIONS=on): the adapter behind the core's
 * AzureActions port. bot/main.ts imports this folder only when the setting is on, so no
 * Azure package is loaded otherwise.
 */
export { readAzureConfig, AzureConfigError, type AzureConfig } from './config.ts';
export { createAzureActions } from './actions.ts';
