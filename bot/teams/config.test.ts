import { describe, expect, it } from 'vitest';
import { botFrameworkSettings, hasTeamsSettings, isLoopback, readTeamsConfig, TeamsConfigError } from './config.ts';

const APP_ID = '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('readTeamsConfig', () => {
  it('authenticates with an app id and password (MultiTenant by default)', () => {
    const config = readTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret' }, '0.0.0.0');
    expect(config).toEqual({ auth: 'bot-framework', appId: APP_ID, appPassword: 's3cret', appType: 'MultiTenant', tenantId: null });
    expect(botFrameworkSettings(config)).toEqual({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', MicrosoftAppType: 'MultiTenant' });
  });

  it('supports SingleTenant and UserAssignedMSI with their tenant', () => {
    expect(readTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }, '0.0.0.0')).toMatchObject({ appType: 'SingleTenant', tenantId: TENANT });
    expect(readTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'userassignedmsi', MicrosoftAppTenantId: TENANT }, '0.0.0.0')).toMatchObject({ appType: 'UserAssignedMSI', appPassword: null });
  });

  it('says which setting is missing or malformed', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ MicrosoftAppId: APP_ID }, /MicrosoftAppPassword is not set/],
      [{ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x' }, /MicrosoftAppId must be .* GUID/],
      [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'Tenantless' }, /MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI/],
      [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is not set/],
      [{ MicrosoftAppPassword: 'x' }, /MicrosoftAppPassword is set but MicrosoftAppId is not/],
    ];
    for (const [env, message] of bad) expect(() => readTeamsConfig(env, '127.0.0.1')).toThrow(message);
  });

  it('runs unauthenticated without credentials only on loopback, and says why otherwise', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) expect(readTeamsConfig({}, host)).toEqual({ auth: 'none' });
    for (const host of ['0.0.0.0', '::', '10.0.0.4', 'bot.contoso.com']) {
      expect(() => readTeamsConfig({}, host)).toThrow(TeamsConfigError);
      expect(() => readTeamsConfig({}, host)).toThrow(/unauthenticated requests from anyone .*Set MicrosoftAppId/);
    }
  });

  it('knows when Teams was asked for', () => {
    expect(hasTeamsSettings({})).toBe(false);
    expect(hasTeamsSettings({ MicrosoftAppId: ' ' })).toBe(false);
    expect(hasTeamsSettings({ MicrosoftAppType: 'SingleTenant' })).toBe(true);
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });
});
