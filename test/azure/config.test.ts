import { describe, expect, it } from 'vitest';
import { AzureConfigError, readAzureConfig, type AzureConfig } from '../../bot/azure/index.ts';

const SUB = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

describe('readAzureConfig', () => {
  it('is off unless AZURE_ACTIONS=on', () => {
    expect(readAzureConfig({})).toBeNull();
    expect(readAzureConfig({ AZURE_ACTIONS: 'off', AZURE_SUBSCRIPTION_ID: 'not-read' })).toBeNull();
  });

  it('defaults to the public cloud, every subscription the identity sees, and 30 s', () => {
    expect(readAzureConfig({ AZURE_ACTIONS: 'on' })).toEqual<AzureConfig>({ endpoint: 'https://management.azure.com', subscriptions: [], timeoutMs: 30_000 });
  });

  it('reads a sovereign cloud, a list of subscriptions and a timeout', () => {
    const config = readAzureConfig({
      AZURE_ACTIONS: 'ON',
      AZURE_RESOURCE_MANAGER_URL: 'https://management.usgovcloudapi.net/',
      AZURE_SUBSCRIPTION_ID: ` ${SUB}, ${SUB.toUpperCase()} ,11111111-2222-3333-4444-555555555555`,
      AZURE_TIMEOUT_SECONDS: '45',
    });
    expect(config).toEqual<AzureConfig>({ endpoint: 'https://management.usgovcloudapi.net', subscriptions: [SUB, '11111111-2222-3333-4444-555555555555'], timeoutMs: 45_000 });
  });

  it.each([
    [{ AZURE_ACTIONS: 'yes' }, 'AZURE_ACTIONS must be on or off, got "yes".'],
    [{ AZURE_ACTIONS: 'on', AZURE_RESOURCE_MANAGER_URL: 'http://management.azure.com' }, 'AZURE_RESOURCE_MANAGER_URL must use https (tokens are never sent over plain HTTP), got "http://management.azure.com".'],
    [{ AZURE_ACTIONS: 'on', AZURE_RESOURCE_MANAGER_URL: 'management.azure.com' }, 'AZURE_RESOURCE_MANAGER_URL must be a URL such as https://management.azure.com, got "management.azure.com".'],
    [{ AZURE_ACTIONS: 'on', AZURE_RESOURCE_MANAGER_URL: 'https://management.azure.com/subscriptions/x' }, 'AZURE_RESOURCE_MANAGER_URL must be the endpoint alone (scheme and host), got "https://management.azure.com/subscriptions/x".'],
    [{ AZURE_ACTIONS: 'on', AZURE_SUBSCRIPTION_ID: `${SUB},my-sub` }, 'AZURE_SUBSCRIPTION_ID must be subscription ids (GUIDs) separated by commas, got "my-sub".'],
    [{ AZURE_ACTIONS: 'on', AZURE_TIMEOUT_SECONDS: '0' }, 'AZURE_TIMEOUT_SECONDS must be a whole number from 1 to 300, got "0".'],
    [{ AZURE_ACTIONS: 'on', AZURE_TIMEOUT_SECONDS: '2.5' }, 'AZURE_TIMEOUT_SECONDS must be a whole number from 1 to 300, got "2.5".'],
  ])('refuses %o in one line naming the setting', (env, message) => {
    expect(() => readAzureConfig(env)).toThrow(new AzureConfigError(message));
    expect(message).not.toContain('\n');
  });
});
