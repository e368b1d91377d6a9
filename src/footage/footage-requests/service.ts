/**
 * The footage-request flow's decisions: submitting a request (and making its upload links in Box),
 * cancelling and extending it, and closing links that have expired. Every rule is checked here from
 * the store and the roster; every step is audited. Box is asked before the store is changed where
 * the order matters, so a Box outage leaves nothing half-done that a retry cannot finish.
 */
import { SYSTEM_ACTOR } from '../../audit';
import type { Person } from '../people';
import type { IntakeBoxPort } from '../ports/intake-box';
import type { Store } from '../ports/store';
import { footageRequestTarget, intakeFolderName } from './audit';
import { canManage, checkManage, type FootageRefusal } from './authorise';
import {
  checkFootageForm,
  EXTEND_DAYS,
  MAX_LINK_DAYS,
  type CameraRegistry,
  type FootageFormField,
  type FootageFormInput,
} from './form';
import { OPEN_STATUSES, type FootageRequest } from './types';
import { uploadPageDescription, uploadPageTitle, type ForceIdentity } from './wording';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A link claimed longer ago than this without being made is taken over (its maker stopped). */
const LINK_CLAIM_MS = 2 * 60 * 1000;

export interface FootageRequestPolicy {
  /** FOOTAGE_REQUEST_DAYS: how long a link stays open unless the officer says otherwise. */
  defaultLinkDays: number;
  /** BOX_FILE_REQUEST_TEMPLATE_ID: the file request every upload link is copied from. */
  templateId: string;
  force: ForceIdentity;
}

export interface FootageRequestServiceDeps {
  store: Store;
  intake: IntakeBoxPort;
  registry: CameraRegistry;
  policy: FootageRequestPolicy;
  now: () => Date;
}

export type FootageSubmitOutcome =
  | { kind: 'invalid'; problem: string; field: FootageFormField }
  | { kind: 'submitted'; request: FootageRequest; created: boolean };

export type FootageChangeOutcome =
  { kind: 'refused'; refusal: FootageRefusal } | { kind: 'changed'; request: FootageRequest };

export class FootageRequestService {
  constructor(private readonly deps: FootageRequestServiceDeps) {}

  get policy(): FootageRequestPolicy {
    return this.deps.policy;
  }

  /**
   * Stores the request (the same form twice makes one) and makes sure each camera has its intake
   * folder and upload link. A Box failure propagates; submitting again finishes the links.
   */
  async submit(requester: Person, formToken: string, input: FootageFormInput): Promise<FootageSubmitOutcome> {
    const { store, registry, policy, now } = this.deps;
    const check = checkFootageForm(input, registry, policy, now());
    if (!check.ok) return { kind: 'invalid', problem: check.problem, field: check.field };
    const form = check.form;
    const createdAt = now();
    const { created, request } = await store.transaction(async (tx) => {
      const result = await tx.intake.footageRequests.create({
        idempotencyKey: `${requester.aadObjectId}:${formToken}`,
        requesterAadObjectId: requester.aadObjectId,
        cameras: form.cameras.map((c) => ({
          cameraId: c.cameraId,
          cameraName: c.cameraName,
          borough: c.borough,
          latitude: c.latitude,
          longitude: c.longitude,
          owner: c.owner,
          ownerType: c.ownerType,
          ownerEmail: form.ownerEmails.get(c.cameraId) ?? form.ownerEmail,
        })),
        windowStart: form.windowStart,
        windowEnd: form.windowEnd,
        caseReference: form.caseReference,
        whatHappened: form.whatHappened,
        ownerEmail: form.ownerEmail,
        linkDays: form.linkDays,
        expiresAt: new Date(createdAt.getTime() + form.linkDays * DAY_MS),
      });
      if (result.created) {
        await tx.audit.append({
          actor: requester.aadObjectId,
          action: 'footage_requested',
          target: footageRequestTarget(result.request.id),
          details: {
            cameras: form.cameras.map((c) => c.cameraId),
            windowStart: form.windowStart.toISOString(),
            windowEnd: form.windowEnd.toISOString(),
            caseReference: form.caseReference,
            ownerEmails: Object.fromEntries(form.ownerEmails),
            linkDays: form.linkDays,
          },
        });
      }
      return result;
    });
    return { kind: 'submitted', request: await this.ensureLinks(request), created };
  }

  /**
   * Intake folder and upload link for every camera that has none yet. Each camera's link is claimed
   * first, so the same form sent twice at once (a double click, two instances) makes one link; a
   * camera someone else is making the link for shows as not ready until they finish.
   */
  async ensureLinks(request: FootageRequest): Promise<FootageRequest> {
    const { store, now } = this.deps;
    if (!OPEN_STATUSES.includes(request.status)) return request;
    for (const camera of request.cameras) {
      if (camera.uploadUrl) continue;
      if (
        !(await store.intake.footageRequests.claimCameraLink(
          request.id,
          camera.cameraId,
          new Date(now().getTime() - LINK_CLAIM_MS),
        ))
      )
        continue;
      let link: { folderId: string; fileRequestId: string; url: string };
      try {
        link = await this.makeLink(request, camera);
      } catch (error) {
        await store.intake.footageRequests.releaseCameraLink(request.id, camera.cameraId);
        throw error;
      }
      await store.intake.footageRequests.setCameraLink(request.id, camera.cameraId, {
        intakeFolderId: link.folderId,
        fileRequestId: link.fileRequestId,
        uploadUrl: link.url,
      });
      await store.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'link_created',
        target: footageRequestTarget(request.id),
        details: {
          cameraId: camera.cameraId,
          intakeFolderId: link.folderId,
          fileRequestId: link.fileRequestId,
          expiresAt: request.expiresAt.toISOString(),
        },
      });
      await this.closeIfEnded(request.id, camera.cameraId, link.fileRequestId);
    }
    return (await store.intake.footageRequests.get(request.id)) ?? request;
  }

  /**
   * A link made while the request was being cancelled or expired (a second submit racing the
   * cancel) would stay open until its own expiry: once it is stored, a request found ended closes it.
   * Cancel and expiry look again after their transition, so whichever runs last sees the other.
   */
  private async closeIfEnded(requestId: string, cameraId: string, fileRequestId: string): Promise<void> {
    const current = await this.deps.store.intake.footageRequests.get(requestId);
    if (!current || OPEN_STATUSES.includes(current.status)) return;
    await this.deps.intake.updateUploadLink(fileRequestId, { active: false });
    await this.deps.store.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'link_closed',
      target: footageRequestTarget(requestId),
      details: { cameraId, fileRequestId, reason: 'request_ended', status: current.status },
    });
  }

  private async makeLink(
    request: FootageRequest,
    camera: FootageRequest['cameras'][number],
  ): Promise<{ folderId: string; fileRequestId: string; url: string }> {
    const { intake, policy } = this.deps;
    const folder = await intake.ensureIntakeFolder(intakeFolderName(request.id, camera.cameraId));
    const link = await intake.createUploadLink(policy.templateId, {
      folderId: folder.id,
      title: uploadPageTitle(policy.force, request, camera),
      description: uploadPageDescription(policy.force, request, camera),
      expiresAt: request.expiresAt,
    });
    return { folderId: folder.id, ...link };
  }

  async cancel(person: Person, requestId: string): Promise<FootageChangeOutcome> {
    const { store } = this.deps;
    const request = await store.intake.footageRequests.get(requestId);
    const refusal = await this.refusal(person, request, 'cancel');
    if (refusal) return refusal;
    const open = request as FootageRequest;
    // Box first: if Box is down nothing changes, and the officer can try again.
    const closed = await this.closeLinks(open);
    const moved = await store.transaction(async (tx) => {
      const result = await tx.intake.footageRequests.transition(open.id, {
        from: OPEN_STATUSES,
        to: 'cancelled',
        endedBy: person.aadObjectId,
      });
      if (result.outcome === 'transitioned') {
        await tx.audit.append({
          actor: person.aadObjectId,
          action: 'cancelled',
          target: footageRequestTarget(open.id),
          details: { filesReceived: open.filesReceived, linksClosed: closed },
        });
      }
      return result;
    });
    if (moved.outcome === 'transitioned') await this.closeLinksMadeMeanwhile(moved.request, closed);
    if (moved.outcome === 'not_found')
      return this.refused(person, open.id, 'cancel', {
        code: 'not_found',
        message: 'That footage request does not exist (any more).',
      });
    if (moved.outcome === 'wrong_state')
      return this.refusal(person, moved.request, 'cancel').then(
        (r) => r ?? { kind: 'changed', request: moved.request },
      );
    return { kind: 'changed', request: moved.request };
  }

  /** Keeps the links open EXTEND_DAYS longer, never beyond MAX_LINK_DAYS after the request was made. */
  async extend(person: Person, requestId: string): Promise<FootageChangeOutcome> {
    const { store, intake } = this.deps;
    const request = await store.intake.footageRequests.get(requestId);
    const refusal = await this.refusal(person, request, 'extend');
    if (refusal) return refusal;
    const open = request as FootageRequest;
    const latest = open.createdAt.getTime() + MAX_LINK_DAYS * DAY_MS;
    const expiresAt = new Date(Math.min(open.expiresAt.getTime() + EXTEND_DAYS * DAY_MS, latest));
    if (expiresAt.getTime() <= open.expiresAt.getTime()) {
      return this.refused(person, open.id, 'extend', {
        code: 'too_long',
        message: `An upload link stays open at most ${MAX_LINK_DAYS} days after the request; this one already does. Make a new request if more time is needed.`,
      });
    }
    // A link closed after its owner's submission stays closed: one submission per link.
    for (const camera of open.cameras) {
      if (camera.fileRequestId && !camera.linkClosedAt)
        await intake.updateUploadLink(camera.fileRequestId, { expiresAt });
    }
    const linkDays = Math.round((expiresAt.getTime() - open.createdAt.getTime()) / DAY_MS);
    const moved = await store.transaction(async (tx) => {
      const result = await tx.intake.footageRequests.extend(open.id, { from: OPEN_STATUSES, expiresAt, linkDays });
      if (result.outcome === 'transitioned') {
        await tx.audit.append({
          actor: person.aadObjectId,
          action: 'extended',
          target: footageRequestTarget(open.id),
          details: { from: open.expiresAt.toISOString(), to: expiresAt.toISOString() },
        });
      }
      return result;
    });
    if (moved.outcome === 'not_found')
      return this.refused(person, open.id, 'extend', {
        code: 'not_found',
        message: 'That footage request does not exist (any more).',
      });
    if (moved.outcome === 'wrong_state')
      return this.refusal(person, moved.request, 'extend').then(
        (r) => r ?? { kind: 'changed', request: moved.request },
      );
    return { kind: 'changed', request: moved.request };
  }

  /** Closes the links of requests whose time is up: complete when something arrived, expired when not. */
  async expireDue(): Promise<FootageRequest[]> {
    const { store, now } = this.deps;
    const due = await store.intake.footageRequests.listByStatus(OPEN_STATUSES, { expiresBefore: now(), limit: 100 });
    const ended: FootageRequest[] = [];
    for (const request of due) {
      const closed = await this.closeLinks(request);
      const to = request.filesReceived > 0 ? 'complete' : 'expired';
      const moved = await store.transaction(async (tx) => {
        const result = await tx.intake.footageRequests.transition(request.id, {
          from: OPEN_STATUSES,
          to,
          endedBy: SYSTEM_ACTOR,
        });
        if (result.outcome === 'transitioned') {
          await tx.audit.append({
            actor: SYSTEM_ACTOR,
            action: 'expired',
            target: footageRequestTarget(request.id),
            details: { filesReceived: request.filesReceived, status: to, linksClosed: closed },
          });
        }
        return result;
      });
      if (moved.outcome === 'transitioned') {
        await this.closeLinksMadeMeanwhile(moved.request, closed);
        ended.push(moved.request);
      }
    }
    return ended;
  }

  requestsOf(person: Person, limit = 10): Promise<FootageRequest[]> {
    return this.deps.store.intake.footageRequests.listByRequester(person.aadObjectId, { limit });
  }

  get(requestId: string): Promise<FootageRequest | undefined> {
    return this.deps.store.intake.footageRequests.get(requestId);
  }

  /** Sets every upload link of the request inactive in Box; the file request ids closed. */
  private async closeLinks(request: FootageRequest): Promise<string[]> {
    const closed: string[] = [];
    for (const camera of request.cameras) {
      if (!camera.fileRequestId) continue;
      await this.deps.intake.updateUploadLink(camera.fileRequestId, { active: false });
      closed.push(camera.fileRequestId);
    }
    return closed;
  }

  /** Links stored after `closeLinks` read the request (see closeIfEnded), closed now that it has ended. */
  private async closeLinksMadeMeanwhile(ended: FootageRequest, closed: readonly string[]): Promise<void> {
    for (const camera of ended.cameras) {
      if (camera.fileRequestId && !closed.includes(camera.fileRequestId))
        await this.closeIfEnded(ended.id, camera.cameraId, camera.fileRequestId);
    }
  }

  /**
   * The request as its card's refresh shows it, for those who may manage it (the requester, their
   * supervisors, an administrator); undefined for anyone else. Not audited: Teams refreshes a card
   * by itself each time it is shown.
   */
  async forCard(person: Person, requestId: string): Promise<FootageRequest | undefined> {
    const request = await this.deps.store.intake.footageRequests.get(requestId);
    if (!request) return undefined;
    const requester = await this.deps.store.people.findByAadObjectId(request.requesterAadObjectId);
    return canManage(person, request, requester) ? request : undefined;
  }

  private async refusal(
    person: Person,
    request: FootageRequest | undefined,
    action: 'cancel' | 'extend',
  ): Promise<{ kind: 'refused'; refusal: FootageRefusal } | undefined> {
    const requester = request
      ? await this.deps.store.people.findByAadObjectId(request.requesterAadObjectId)
      : undefined;
    const check = checkManage(person, request, requester, action);
    return check.ok ? undefined : this.refused(person, request?.id ?? 'unknown', action, check.refusal);
  }

  private async refused(
    person: Person,
    requestId: string,
    action: string,
    refusal: FootageRefusal,
  ): Promise<{ kind: 'refused'; refusal: FootageRefusal }> {
    await this.deps.store.audit.append({
      actor: person.aadObjectId,
      action: 'refused',
      target: footageRequestTarget(requestId),
      details: { action, code: refusal.code, reason: refusal.message },
    });
    return { kind: 'refused', refusal };
  }
}
