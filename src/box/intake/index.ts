/** Box for footage requests: upload links, arrived files, the upload webhook and its signature check. */
export { createIntakeGateway, INTAKE_FOLDER, type IntakeGatewayConfig } from './gateway';
export { absoluteUrl } from './upload-links';
export { MAX_DELIVERY_AGE_SECONDS, verifyWebhookSignature, type WebhookKeys } from './webhooks';
