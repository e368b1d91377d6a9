/** Sharing footage onward: with colleagues through the approval flow, and with partner organisations. */
export { ColleagueSharing, decidedOnShareCard, shareTarget, type ColleagueShareInput, type ColleagueSharingDeps, type ShareDecisionInput, type ShareDecisionOutcome, type ShareNotifier, type ShareOutcome } from './colleagues';
export { ownAccess, wholeDaysLeft, type OwnAccess } from './entitlement';
export { PARTNER_JOB_KINDS, PartnerEndJob, PartnerExpirySweep, PartnerGrantJob, type PartnerJobDeps } from './partner-jobs';
export { PartnerSharing, partnerTarget, type PartnerNotifier, type PartnerOutcome, type PartnerShareInput, type PartnerSharingDeps } from './partner-shares';
export { emailAllowed, findPartner, isEmail, parsePartners, type Partner } from './partners';
export * from './ports';
export { resolveRecipients, searchRoster, splitNames } from './recipients';
export type { SharingRefusal, SharingRefusalCode } from './refusal';
