import type { BoxTarget } from '../config';
import type { BoxGatewayConfig } from './config';

/** The emulator's credentials: any client on loopback with these gets a token, as with CCG. */
export const EMULATOR_CREDENTIALS = {
  clientId: 'emulator-client',
  clientSecret: 'emulator-secret',
  enterpriseId: '1',
} as const;

/** The emulator serves the API, uploads and OAuth on one origin (uploads and OAuth under /api, as Box's hosts do). */
export function emulatorBaseUrls(origin: string): NonNullable<BoxGatewayConfig['baseUrls']> {
  return { baseUrl: origin, uploadUrl: `${origin}/api`, oauth2Url: `${origin}/api/oauth2` };
}

/** The gateway configuration for the Box the application is configured for. */
export function gatewayConfigFor(target: BoxTarget, emulatorOrigin: string): BoxGatewayConfig {
  switch (target.kind) {
    case 'emulator':
      return { auth: { kind: 'ccg', ...EMULATOR_CREDENTIALS }, baseUrls: emulatorBaseUrls(emulatorOrigin) };
    case 'ccg':
      return {
        auth: {
          kind: 'ccg',
          clientId: target.clientId,
          clientSecret: target.clientSecret,
          enterpriseId: target.enterpriseId,
        },
        baseUrls: target.baseUrls,
      };
    case 'jwt':
      return { auth: { kind: 'jwt', configPath: target.configPath }, baseUrls: target.baseUrls };
  }
}
