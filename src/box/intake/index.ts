/** Box for footage requests: upload links, arrived files, the upload webhook and its signature check. */
export { INTAKE_FOLDER, createIntakeGateway } from './gateway';
export { verifyWebhookSignature } from './webhooks';
