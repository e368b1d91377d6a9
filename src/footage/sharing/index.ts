/** Sharing footage onward: with colleagues through the approval flow, and with partner organisations. */
export { ColleagueSharing, decidedOnShareCard, type ShareNotifier } from './colleagues';
export { ownAccess, wholeDaysLeft } from './entitlement';
export { PARTNER_JOB_KINDS, PartnerEndJob, PartnerExpirySweep, PartnerGrantJob } from './partner-jobs';
export { PartnerSharing, type PartnerNotifier, type PartnerOutcome } from './partner-shares';
export { emailAllowed, findPartner, parsePartners, type Partner } from './partners';
export * from './ports';
export { resolveRecipients, searchRoster, splitNames } from './recipients';
export type { SharingRefusal } from './refusal';
export { ShareRouting, partnerTarget, shareRouteJobs, shareTarget } from './share-routing';
