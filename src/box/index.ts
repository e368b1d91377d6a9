/** The Box gateway: the only part of the bot that knows box-node-sdk. */
export { createBoxGateway } from './gateway';
export { describeBoxTarget, DEFAULT_FOOTAGE_ROOT, type BoxAuthConfig, type BoxBaseUrls, type BoxGatewayConfig } from './config';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { CHUNKED_UPLOAD_THRESHOLD } from './files';
export { TEMPLATE_KEY, TEMPLATE_FIELDS } from './recording-template';
export type { BoxPort } from '../footage/ports/box';
