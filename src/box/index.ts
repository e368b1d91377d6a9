/** The Box gateway: the only part of the bot that knows box-node-sdk. */
export { describeBoxTarget, type BoxGatewayConfig } from './config';
export { createBoxGateway } from './gateway';
