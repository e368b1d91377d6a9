/**
 * What the access domain tells people, said as events. The Teams adapter decides how (cards,
 * proactive messages, updates of the copies it sent); the domain only says when and to whom, so
 * its rules can be run without Teams.
 *
 * Every method reads what it needs from the request it is given; none throws for a person who
 * cannot be reached (the bot keeps working and logs it), so a notification never undoes a decision.
 */
import type { Person } from '../people';
import type { AccessRequest, ConversationAddress } from '../ports/store';

export interface AccessNotifier {
  /** The approval card into one supervisor's personal chat; false when the bot has no way to reach them. */
  askApprover(request: AccessRequest, approver: Person): Promise<boolean>;
  /** The approval card into the channel an admin chose for approvals; false when it could not be posted. */
  askChannel(request: AccessRequest, channel: ConversationAddress): Promise<boolean>;
  /**
   * Tells the officer that, after retrying, no one who may decide could be sent the request: it
   * waits until a supervisor or administrator opens `approvals`.
   */
  requestUnroutable(request: AccessRequest): Promise<void>;
  /** Redraws every copy of every card the bot sent about the request, from its current state. */
  requestChanged(requestId: string): Promise<void>;
  /** The share-link card to the officer; false when the officer could not be reached. */
  accessGranted(request: AccessRequest): Promise<boolean>;
  /** Tells the officer and the approver that access could not be set up, and why. */
  grantFailed(request: AccessRequest, reason: string): Promise<void>;
  /** Tells the officer their request was rejected, with the approver's reason. */
  requestRejected(request: AccessRequest): Promise<void>;
  /** Tells the officer their access has ended. */
  accessEnded(request: AccessRequest, how: 'expired' | 'revoked'): Promise<void>;
}
