/** The pure parts of sharing and custody: partner configuration, naming colleagues, the timeline and the CSV, the typed commands. */
import type { AuditEntry } from '../../../src/audit/chain';
import { buildTimeline, continuityCsv } from '../../../src/footage/custody';
import { ConfigError } from '../../../src/footage/errors';
import type { Person } from '../../../src/footage/people';
import {
  emailAllowed,
  findPartner,
  parsePartners,
  resolveRecipients,
  searchRoster,
  splitNames,
} from '../../../src/footage/sharing';
import { classifySharingText } from '../../../src/teams/sharing';

const roster: Person[] = [
  {
    aadObjectId: 'a1',
    name: 'PC Alice Carter',
    role: 'officer',
    borough: 'Lambeth',
    email: 'alice.carter@police.example',
  },
  {
    aadObjectId: 'b1',
    name: 'DC Ben Okafor',
    role: 'officer',
    borough: 'Southwark',
    email: 'ben.okafor@police.example',
  },
  { aadObjectId: 'b2', name: 'PC Ben Hall', role: 'officer', borough: 'Lambeth', email: 'ben.hall@police.example' },
  {
    aadObjectId: 'd1',
    name: 'Sgt Dana Whitfield',
    role: 'supervisor',
    borough: 'Lambeth',
    email: 'dana.whitfield@police.example',
  },
];

describe('partners', () => {
  const partners = parsePartners({
    partners: [{ id: 'CPS', name: 'Crown Prosecution Service', domains: ['cps.gov.uk'] }],
  });

  it('are found by id or name, and accept only emails in their own domains', () => {
    expect(findPartner(partners, 'cps')?.name).toBe('Crown Prosecution Service');
    expect(findPartner(partners, 'crown prosecution service')?.id).toBe('cps');
    expect(findPartner(partners, 'ben')).toBeUndefined();
    expect(emailAllowed(partners[0], 'J.Lawyer@CPS.gov.uk')).toBe(true);
    expect(emailAllowed(partners[0], 'lawyer@cps.gov.uk.evil.example')).toBe(false);
    expect(emailAllowed(partners[0], 'lawyer@sub.cps.gov.uk')).toBe(false);
  });

  it.each([
    [{}],
    [{ partners: [{ id: 'cps', name: 'CPS', domains: [] }] }],
    [{ partners: [{ id: 'cps', name: 'CPS', domains: ['not a domain'] }] }],
    [{ partners: [{ id: 'cps', name: 'CPS', domains: ['cps.gov.uk'], defaultRole: 'editor' }] }],
    [
      {
        partners: [
          { id: 'cps', name: 'A', domains: ['a.uk'] },
          { id: 'cps', name: 'B', domains: ['b.uk'] },
        ],
      },
    ],
  ])('refuse a malformed file naming PARTNERS_PATH (%j)', (raw) => {
    expect(() => parsePartners(raw)).toThrow(ConfigError);
    expect(() => parsePartners(raw)).toThrow(/PARTNERS_PATH/);
  });
});

describe('naming colleagues', () => {
  it('splits lists on commas, semicolons and "and"', () => {
    expect(splitNames('Ben Okafor, dana and alice.carter@police.example; b2')).toEqual([
      'Ben Okafor',
      'dana',
      'alice.carter@police.example',
      'b2',
    ]);
  });

  it('finds people by email, full name, name without rank, surname or object id, and says what it could not place', () => {
    expect(resolveRecipients(['ben.okafor@police.example', 'Dana Whitfield', 'hall', 'a1'], roster)).toEqual({
      ok: true,
      people: [roster[1], roster[3], roster[2], roster[0]],
    });
    const result = resolveRecipients(['ben', 'Sam Stranger'], roster);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      '"ben" could be DC Ben Okafor or PC Ben Hall: give the email.',
      '"Sam Stranger" is not on the roster of people who use this bot.',
    ]);
  });

  it('the typeahead matches the start of a name word or email', () => {
    expect(searchRoster('be', roster, 10).map((p) => p.aadObjectId)).toEqual(['b1', 'b2']);
    expect(searchRoster('whit', roster, 10).map((p) => p.aadObjectId)).toEqual(['d1']);
    expect(searchRoster('x', roster, 10)).toEqual([]);
  });
});

describe('the continuity record', () => {
  const audit: AuditEntry[] = [
    {
      seq: 7,
      at: new Date('2026-03-20T10:00:00Z'),
      actor: 'a1',
      action: 'requested',
      target: 'request:r1',
      details: { caseReference: '5212345/26', access: 'view' },
      prevHash: 'p',
      hash: 'h7',
    },
    {
      seq: 9,
      at: new Date('2026-03-20T10:05:00Z'),
      actor: 'system',
      action: 'granted',
      target: 'request:r1',
      details: { role: 'previewer', expiresAt: '2026-03-27T10:05:00Z' },
      prevHash: 'h8',
      hash: 'h9',
    },
  ];
  const boxEvents = [
    {
      eventId: 'e1',
      boxFileId: 'f',
      eventType: 'PREVIEW',
      at: new Date('2026-03-20T10:07:00Z'),
      actorLogin: null,
      actorName: 'Unknown',
      details: { shared_link_id: 's' },
    },
  ];

  it('orders audit entries and Box events by time and words them', () => {
    const entries = buildTimeline({ metadata: null, audit, boxEvents, people: roster });
    expect(entries.map((e) => [e.source, e.who, e.what])).toEqual([
      ['audit', 'PC Alice Carter', 'Requested view-only access for case 5212345/26 (request:r1)'],
      ['audit', 'the bot', 'Access granted in Box as previewer until 2026-03-27 10:05 UTC (request:r1)'],
      ['box', 'Unknown', 'Previewed in Box (through a shared link)'],
    ]);
  });

  it('writes CSV with quoting and without cells a spreadsheet would run as formulas', () => {
    const csv = continuityCsv([
      {
        at: new Date('2026-03-20T10:00:00Z'),
        source: 'box',
        who: '=HYPERLINK("x")',
        what: 'said "hi", then left',
        auditSeq: 3,
        auditHash: 'abc',
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'time_utc,source,who,what,audit_seq,audit_hash',
      `2026-03-20T10:00:00.000Z,box,"'=HYPERLINK(""x"")","said ""hi"", then left",3,abc`,
      '',
    ]);
  });
});

describe('typed sharing commands', () => {
  it.each([
    [
      'share LAM-0105_20260311T0200Z_60min.mp4 with Ben Okafor, chloe',
      {
        kind: 'shareWith',
        target: 'LAM-0105_20260311T0200Z_60min.mp4',
        people: 'Ben Okafor, chloe',
        days: null,
        caseReference: null,
      },
    ],
    [
      'share 3f2a9c1e with ben for 3 days',
      { kind: 'shareWith', target: '3f2a9c1e', people: 'ben', days: 3, caseReference: null },
    ],
    [
      'share 12345 with ben for 2 days for case 5212345/26',
      { kind: 'shareWith', target: '12345', people: 'ben', days: 2, caseReference: '5212345/26' },
    ],
    ['share 12345', { kind: 'shareForm', target: '12345' }],
    ['history of 12345', { kind: 'history', target: '12345' }],
    ['export history 12345', { kind: 'exportHistory', target: '12345' }],
    ['verify audit', { kind: 'verifyAudit' }],
    ['verify the audit chain', { kind: 'verifyAudit' }],
    ['verify 12345', { kind: 'verify', target: '12345' }],
  ])('%s', (text, expected) => {
    expect(classifySharingText(text)).toEqual(expected);
  });

  it('leaves everything else to the other commands', () => {
    expect(classifySharingText('footage near Brixton Station yesterday')).toBeUndefined();
    expect(classifySharingText('request 12345')).toBeUndefined();
  });
});
