/** The Box gateway: the only part of the bot that knows box-node-sdk. */
export { createBoxGateway } from './gateway';
export { describeBoxTarget, type BoxGatewayConfig } from './config';

