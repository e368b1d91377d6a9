/**
 * The commands the bot understands, in one table: the help card, the welcome card, the "didn't
 * understand" suggestions, the text dispatcher and the manifest test all read it. Order matters
 * twice: it is the order of the help card and of the manifest's command list, and `match` is tried
 * in it (then `guess`).
 */
import { mentionsFootage } from '../../footage/query';
import { approvals } from '../access/approvals';
import { myRequests } from '../access/my-requests';
import { requestText } from '../access/request-text';
import { revokeText } from '../access/revoke-text';
import { setApprovalsChannel } from '../access/set-approvals-channel';
import { listWaitingUploads, matchWaitingUploads } from '../chat-upload';
import { findText } from '../find/find-text';
import { listFootageRequests, requestFootage } from '../footage-requests/commands';
import { matchMyFootageRequests, matchRequestFootage } from '../footage-requests/text';
import { showHelp } from '../help/show-help';
import { handleSharingCommand, matchCustody, matchShare } from '../sharing/register';
import { defineCommand, type TeamsCommand } from './types';

const EVERYONE = ['officer', 'supervisor', 'admin'] as const;
const APPROVERS = ['supervisor', 'admin'] as const;

/** Text that is read as a search even without "find": it mentions footage-like things. */
const SEARCH_HINTS =
  /\b(footage|cctv|camera|cameras|video|recordings?|near|within|case|borough|in\s+[a-z]+|yesterday|today|tonight|last\s+(night|\d+\s*(hours?|days?))|this\s+(morning|afternoon|evening)|on\s+(mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}\/\d{1,2}(\/\d{2,4})?|\d{7}\/\d{2}|[a-z]{3}-\d{4})\b/i;

/** Exactly this text (any case), nothing else. */
function exactly(pattern: RegExp): (text: string) => true | undefined {
  return (text) => (pattern.test(text.toLowerCase()) ? true : undefined);
}

export const COMMANDS: readonly TeamsCommand[] = [
  defineCommand({
    name: 'help',
    description: 'Show what I can do, with examples',
    examples: ['help'],
    roles: EVERYONE,
    match: exactly(/^(help|\?|what can you do\??|commands|hi|hello|start)$/),
    handle: showHelp,
  }),
  defineCommand<string>({
    name: 'find',
    description: 'Find CCTV footage by place, camera, borough, case or time',
    examples: [
      'find footage near Brixton Station on 14/03/2026 between 7am and 9am',
      'camera LAM-0105 last night',
      'footage for case 5274265/26',
    ],
    roles: EVERYONE,
    featured: true,
    match: (text) => {
      const find = /^(?:find|search|search for|look for)\b\s*(.*)$/i.exec(text);
      return find ? find[1].trim() || text : undefined;
    },
    // "show" also starts other commands ("show approvals"), so it is only a search when nothing else took it.
    guess: (text) => {
      const show = /^show\b\s*(.*)$/i.exec(text);
      if (show) return show[1].trim() || text;
      return SEARCH_HINTS.test(text) || mentionsFootage(text) ? text : undefined;
    },
    handle: findText,
  }),
  // Before `request`, whose `request (.+)` would take "request footage from ..." for an access request.
  defineCommand<string>({
    name: 'request footage',
    description: 'Ask a camera owner outside the force to upload footage through a Box link',
    examples: [
      'request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
      'request footage near Brixton Station last night',
    ],
    roles: EVERYONE,
    match: matchRequestFootage,
    handle: requestFootage,
  }),
  defineCommand<true>({
    name: 'my footage requests',
    description: 'List the footage you asked camera owners for, and what has arrived',
    examples: ['my footage requests'],
    roles: EVERYONE,
    match: matchMyFootageRequests,
    handle: listFootageRequests,
  }),
  defineCommand<string>({
    name: 'request',
    description: 'Ask for access to a recording by file name or Box file id',
    examples: ['request LAM-0105_20260311T0200Z_60min.mp4'],
    roles: EVERYONE,
    match: (text) => /^request(?:\s+access(?:\s+to)?)?\s+(.+)$/i.exec(text)?.[1].trim(),
    handle: requestText,
  }),
  defineCommand({
    name: 'my requests',
    description: 'List your access requests and their status',
    examples: ['my requests'],
    roles: EVERYONE,
    match: exactly(/^my\s+requests?$/),
    handle: myRequests,
  }),
  defineCommand<true>({
    name: 'share',
    description:
      'Share a recording you can open with colleagues, or with a partner such as the CPS (approval needed; supervisors: shares)',
    examples: [
      'share LAM-0105_20260311T0500Z_45min.mp4 with Ben Okafor, Chloe Singh',
      'share LAM-0105_20260311T0500Z_45min.mp4 with cps',
    ],
    roles: EVERYONE,
    match: matchShare,
    handle: handleSharingCommand,
  }),
  defineCommand<true>({
    name: 'history',
    description: 'Chain of custody of a recording; also export history, verify a file, verify audit (admins)',
    examples: [
      'history LAM-0105_20260311T0500Z_45min.mp4',
      'export history LAM-0105_20260311T0500Z_45min.mp4',
      'verify LAM-0105_20260311T0500Z_45min.mp4',
    ],
    roles: EVERYONE,
    match: matchCustody,
    handle: handleSharingCommand,
  }),
  defineCommand({
    name: 'approvals',
    description: 'Supervisors: list requests waiting for your decision',
    examples: ['approvals'],
    roles: APPROVERS,
    match: exactly(/^(approvals|pending approvals|show approvals)$/),
    handle: approvals,
  }),
  defineCommand<string>({
    name: 'revoke',
    description: 'Supervisors: end access granted on a request before it expires',
    examples: ['revoke 3f2a9c1e'],
    roles: APPROVERS,
    match: (text) => /^revoke\s+(?:request\s+)?#?(\S+)$/i.exec(text)?.[1],
    handle: revokeText,
  }),
  defineCommand({
    name: 'use this channel for approvals',
    description: 'Admins, in a channel: send approval cards to this channel too',
    examples: ['use this channel for approvals'],
    roles: ['admin'],
    // Teams allows 10 commands in a list; this one only works in a channel, so only the team list has it.
    personalMenu: false,
    match: exactly(/^use this channel for approvals$/),
    handle: setApprovalsChannel,
  }),
  defineCommand<true>({
    name: 'waiting uploads',
    description: 'Admins: files attached in the chat that were never described and wait in staging',
    examples: ['waiting uploads'],
    roles: ['admin'],
    // Teams' menu holds ten commands; this admin housekeeping one is on the help card only.
    personalMenu: false,
    match: matchWaitingUploads,
    handle: listWaitingUploads,
  }),
];
