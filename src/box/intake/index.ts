/** Box for footage requests: upload links, arrived files, the upload webhook and its signature check. */
export { createIntakeGateway, INTAKE_FOLDER,  } from './gateway';
;
export {  verifyWebhookSignature,  } from './webhooks';
