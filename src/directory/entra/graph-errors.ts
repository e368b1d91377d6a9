/**
 * What a failed Graph or token call means for an operator, in one sentence that says what to do.
 * Never includes a token or secret: only status, Graph's error code and a fixed explanation.
 */
export type GraphFailureKind = 'throttled' | 'unavailable' | 'forbidden' | 'not_found' | 'credentials' | 'other';

export interface GraphFailure {
  kind: GraphFailureKind;
  status?: number;
  code?: string;
  message: string;
}

export const REQUIRED_PERMISSIONS =
  'User.Read.All, GroupMember.Read.All and Application.Read.All (application permissions, admin consent)';

export function describeGraphFailure(error: unknown): GraphFailure {
  const e = (error ?? {}) as { statusCode?: number; code?: string; name?: string; message?: string };
  const status = typeof e.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  // The Graph client wraps a failure of the token step in a GraphError whose code is the original error's name.
  const credentialErrors = [
    'AuthenticationError',
    'AuthenticationRequiredError',
    'CredentialUnavailableError',
    'AggregateAuthenticationError',
  ];
  if (credentialErrors.includes(e.name ?? '') || credentialErrors.includes(code ?? '')) {
    return {
      kind: 'credentials',
      message:
        'the bot could not get a Microsoft Graph token: check BOT_ID, BOT_PASSWORD and BOT_TENANT_ID (or the managed identity)',
    };
  }
  if (status === 429)
    return {
      kind: 'throttled',
      status,
      code,
      message: 'Microsoft Graph is throttling the bot (429) and kept doing so after the waits it asked for',
    };
  if (status === 403 || code === 'Authorization_RequestDenied') {
    return {
      kind: 'forbidden',
      status,
      code,
      message: `Microsoft Graph refused (${code ?? status}): the bot's app needs ${REQUIRED_PERMISSIONS}`,
    };
  }
  if (status === 401)
    return {
      kind: 'credentials',
      status,
      code,
      message: `Microsoft Graph did not accept the bot's token (${code ?? 401})`,
    };
  if (status === 404)
    return {
      kind: 'not_found',
      status,
      code,
      message: 'Microsoft Graph does not know the object (deleted, or the bot app id is wrong)',
    };
  if (status !== undefined && status >= 500)
    return { kind: 'unavailable', status, code, message: `Microsoft Graph is unavailable (${status})` };
  if (status === undefined && /fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket/i.test(e.message ?? ''))
    return { kind: 'unavailable', message: 'Microsoft Graph cannot be reached' };
  return {
    kind: 'other',
    status,
    code,
    message: `Microsoft Graph call failed${status ? ` (${status}${code ? ` ${code}` : ''})` : ''}`,
  };
}
