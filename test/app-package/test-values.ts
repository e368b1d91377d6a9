/**
 * Stand-in values for the manifest's ${{VAR}} placeholders: what provisioning would produce, shaped
 * as the schema requires (GUIDs, https URLs, a host name).
 */
export const TEST_VARS: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '3f1c2b9a-6d7e-4f10-8a2b-1c3d5e7f9a0b',
  BOT_ID: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
  BOT_DOMAIN: 'cctvabc123-bot.azurewebsites.net',
  APP_VERSION: '1.0.0',
  APP_NAME_SUFFIX: '-test',
  DEVELOPER_NAME: 'CCTV Footage team',
  DEVELOPER_WEBSITE_URL: 'https://www.example.com/cctv-footage',
  DEVELOPER_PRIVACY_URL: 'https://www.example.com/cctv-footage/privacy',
  DEVELOPER_TERMS_URL: 'https://www.example.com/cctv-footage/terms',
};
