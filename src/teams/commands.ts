/**
 * The commands the bot understands, in one list: the help card, the manifest's command lists and
 * the router are all checked against it, so they cannot drift apart.
 */
export interface CommandInfo {
  /** What the user types first (also the manifest command title). */
  name: string;
  /** One line for the manifest and the help card (manifest limit: 128 characters). */
  description: string;
  /** Example phrasings shown on the help card. */
  examples: string[];
  /** Who may use it; the router still re-checks roles on the server. */
  roles: Array<'officer' | 'supervisor' | 'admin'>;
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: 'help',
    description: 'Show what I can do, with examples',
    examples: ['help'],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'find',
    description: 'Find CCTV footage by place, camera, borough, case or time',
    examples: [
      'find footage near Brixton Station on 03/03/2026 between 2pm and 4pm',
      'camera LAM-0105 last night',
      'footage for case 5212345/26',
    ],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'request',
    description: 'Ask for access to a recording by file name or Box file id',
    examples: ['request LAM-0105_20260311T0200Z_60min.mp4'],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'my requests',
    description: 'List your access requests and their status',
    examples: ['my requests'],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'request footage',
    description: 'Ask a camera owner outside the force to upload footage through a Box link',
    examples: [
      'request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
      'request footage near Brixton Station last night',
    ],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'my footage requests',
    description: 'List the footage you asked camera owners for, and what has arrived',
    examples: ['my footage requests'],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'approvals',
    description: 'Supervisors: list requests waiting for your decision',
    examples: ['approvals'],
    roles: ['supervisor', 'admin'],
  },
  {
    name: 'revoke',
    description: 'Supervisors: end access granted on a request before it expires',
    examples: ['revoke 3f2a9c1e'],
    roles: ['supervisor', 'admin'],
  },
  {
    name: 'use this channel for approvals',
    description: 'Admins, in a channel: send approval cards to this channel too',
    examples: ['use this channel for approvals'],
    roles: ['admin'],
  },
];
