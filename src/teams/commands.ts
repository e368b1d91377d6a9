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
    name: 'share',
    description: 'Share a recording you can open with colleagues, or with a partner such as the CPS (approval needed; supervisors: shares)',
    examples: ['share LAM-0105_20260311T0200Z_60min.mp4 with Ben Okafor, Chloe Singh', 'share LAM-0105_20260311T0200Z_60min.mp4 with cps'],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'history',
    description: 'Chain of custody of a recording; also export history, verify a file, verify audit (admins)',
    examples: ['history LAM-0105_20260311T0200Z_60min.mp4', 'export history LAM-0105_20260311T0200Z_60min.mp4', 'verify LAM-0105_20260311T0200Z_60min.mp4'],
    roles: ['officer', 'supervisor', 'admin'],
  },
  {
    name: 'use this channel for approvals',
    description: 'Admins, in a channel: send approval cards to this channel too',
    examples: ['use this channel for approvals'],
    roles: ['admin'],
  },
];
