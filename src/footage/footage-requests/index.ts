/** Asking camera owners outside the force for footage, and the one path by which it arrives. */
export { ArrivalService } from './arrival';
export { canManage, checkManage } from './authorise';
export { camerasFor, camerasToAsk } from './cameras';
export { classifyContent, digestContent } from './content';
export { acceptDelivery } from './deliveries';
export { checkFootageForm, type FootageFormInput } from './form';
export {
  AnnounceCompletedJob,
  ArrivalJob,
  CloseLinkJob,
  DeliveryJob,
  FOOTAGE_JOB_KINDS,
  FootageExpirySweep,
  PollJob,
  enqueueArrival,
} from './jobs';
export type { FootageRequestNotifier } from './notifier';
export { FootageRequestService } from './service';
export { describeFootageStatus } from './status';
export { SubmissionService } from './submission';
export * from './types';
export { ownerMessage, type ForceIdentity } from './wording';
