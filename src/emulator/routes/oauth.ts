/** POST /oauth2/token: form-encoded, answered with a token or an OAuth error (never Box's error shape). */

import { issueToken } from '../auth';
import { OAuthError } from '../errors';
import { header, json } from '../http';
import type { Route } from '../router';

export const oauthRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/oauth2/token',
    access: 'token',
    handler: (req, services) => {
      const type = header(req, 'content-type')?.split(';')[0].trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded')
        throw new OAuthError('invalid_request', 'Invalid grant_type parameter or parameter missing');
      return json(200, issueToken(services, new URLSearchParams(req.body.toString('utf8'))));
    },
  },
];
