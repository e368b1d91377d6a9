/** Asking camera owners outside the force for footage, and the one path by which it arrives. */
export { ArrivalService, recordingMetadata, type ArrivalDeps, type ArrivalOutcome, type ArrivalSettings, type ArrivalTarget } from './arrival';
export { camerasFor, camerasToAsk, MAX_NEARBY_CAMERAS, type CandidateCamera } from './cameras';
export { canManage, checkManage, type FootageRefusal, type FootageRefusalCode } from './authorise';
export { footageRequestTarget, intakeFileTarget, intakeFolderName } from './audit';
export { acceptDelivery, deliveryTarget, type DeliveryAcceptance } from './deliveries';
export { classifyContent, digestContent, type ContentDigest, type ContentKind } from './content';
export {
  checkFootageForm, EXTEND_DAYS, isValidEmail, MAX_CAMERAS_PER_REQUEST, MAX_LINK_DAYS, MAX_WHAT_HAPPENED_CHARS, MAX_WINDOW_HOURS, readWindow,
  type CameraRegistry, type FootageFormField, type FootageFormInput, type FootageFormPolicy,
} from './form';
export {
  ArrivalJob, DeliveryJob, enqueueArrival, FOOTAGE_JOB_KINDS, FootageExpirySweep, PollJob, deliveryJobKey, readDeliveryBody,
  type ArrivalPayload, type DeliveryFacts,
} from './jobs';
export type { FootageRequestNotifier } from './notifier';
export { FootageRequestService, type FootageChangeOutcome, type FootageRequestPolicy, type FootageSubmitOutcome } from './service';
export { describeFootageStatus, filesCount } from './status';
export * from './types';
export { ownerMessage, uploadPageDescription, uploadPageTitle, type ForceIdentity } from './wording';
